/** resources → tables: AWS::DynamoDB::Table keys and billing; other resource types and unmapped properties warn; errors. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mappingError, mapText, warningsOf, yaml } from './test-support.ts';

const resources = (properties: string, more = '') => `resources:
  Resources:
    Messages:
      Type: AWS::DynamoDB::Table
      Properties:
${properties}${more}`;

const KEYS = `        AttributeDefinitions:
          - { AttributeName: room, AttributeType: S }
          - { AttributeName: sentAt, AttributeType: N }
        KeySchema:
          - { AttributeName: room, KeyType: HASH }
          - { AttributeName: sentAt, KeyType: RANGE }
`;

test('a table: its name, partition and sort keys with their types, provisioned billing', () => {
  const text = yaml('', resources(`        TableName: chat-messages\n${KEYS}        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 }\n`));
  assert.deepEqual(mapText(text).model.tables, [
    {
      name: 'chat-messages',
      partitionKey: { name: 'room', type: 'S' },
      sortKey: { name: 'sentAt', type: 'N' },
      billing: { mode: 'PROVISIONED', readCapacity: 5, writeCapacity: 2 },
    },
  ]);
});

test('without TableName the logical id names the table; PAY_PER_REQUEST billing', () => {
  const text = yaml('', resources(`${KEYS}        BillingMode: PAY_PER_REQUEST\n`));
  assert.deepEqual(
    mapText(text).model.tables.map((table) => [table.name, table.billing]),
    [['Messages', { mode: 'PAY_PER_REQUEST' }]],
  );
});

test('other resource types, other sections and table properties the model does not hold warn by name', () => {
  const more = `        BillingMode: PAY_PER_REQUEST
        TimeToLiveSpecification: { AttributeName: ttl, Enabled: true }
    Bucket:
      Type: AWS::S3::Bucket
  Outputs:
    TableName: { Value: { Ref: Messages } }
`;
  assert.deepEqual(warningsOf(yaml('', resources(KEYS, more))), [
    'serverless.yml:20:5: resources.Outputs: resources.Outputs is not read: Hoplite maps DynamoDB tables of resources.Resources',
    'serverless.yml:16:34: resources.Resources.Messages.Properties.TimeToLiveSpecification: TimeToLiveSpecification is recorded: items do not expire locally',
    'serverless.yml:18:13: resources.Resources.Bucket.Type: resource Bucket (AWS::S3::Bucket) is not created: Hoplite creates the AWS::DynamoDB::Table resources of a serverless.yml',
  ]);
});

test('a key without an attribute definition is an error at AttributeDefinitions', () => {
  const text = yaml('', resources('        KeySchema: [{ AttributeName: id, KeyType: HASH }]\n        BillingMode: PAY_PER_REQUEST\n'));
  assert.equal(
    mappingError(text),
    'serverless.yml:9:9: resources.Resources.Messages.Properties.AttributeDefinitions: expected a definition of the key attribute id (S, N or B)',
  );
});

test('a table without a HASH key, and one without billing, are errors at the property', () => {
  assert.equal(
    mappingError(yaml('', resources('        BillingMode: PAY_PER_REQUEST\n'))),
    'serverless.yml:9:9: resources.Resources.Messages.Properties.KeySchema: expected a KeySchema with one HASH key',
  );
  assert.equal(
    mappingError(yaml('', resources(KEYS))),
    'serverless.yml:9:9: resources.Resources.Messages.Properties.ProvisionedThroughput: expected BillingMode PAY_PER_REQUEST, or ProvisionedThroughput with ReadCapacityUnits and WriteCapacityUnits',
  );
});

test("resources are resolved as CloudFormation resolves the stack: conditions, Fn::Join over AWS::StackName, Fn::FindInMap; the Framework's own resources are referable", () => {
  const text = yaml(
    '',
    `resources:
  Conditions:
    IsProd: !Equals [dev, prod]
  Mappings:
    Capacity:
      dev: { units: 2 }
  Resources:
    Messages:
      Type: AWS::DynamoDB::Table
      Properties:
        TableName: !Join ['-', [!Ref AWS::StackName, messages]]
${KEYS}        ProvisionedThroughput:
          ReadCapacityUnits: !FindInMap [Capacity, dev, units]
          WriteCapacityUnits: !If [IsProd, 10, 1]
        Tags:
          - { Key: api, Value: !Ref HttpApi }
    Archive:
      Type: AWS::DynamoDB::Table
      Condition: IsProd
      Properties:
        AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
        KeySchema: [{ AttributeName: id, KeyType: HASH }]
        BillingMode: PAY_PER_REQUEST
`,
  );
  assert.deepEqual(mapText(text).model.tables, [
    {
      name: 'chat-dev-messages',
      partitionKey: { name: 'room', type: 'S' },
      sortKey: { name: 'sentAt', type: 'N' },
      billing: { mode: 'PROVISIONED', readCapacity: 2, writeCapacity: 1 },
    },
  ]);
});

test('a Ref to a resource that is neither declared nor generated cannot name a table: an error at TableName', () => {
  const text = yaml('', resources(`        TableName: !Ref SomeParameterStore\n${KEYS}        BillingMode: PAY_PER_REQUEST\n`));
  assert.equal(
    mappingError(text),
    "serverless.yml:9:25: resources.Resources.Messages.Properties.TableName: expected the table name as text (a reference to another resource's value cannot be known locally)",
  );
});
