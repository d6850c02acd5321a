import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dynamoDbTable, synthesizeTables } from './tables.ts';
import { contextOf } from './test-support.ts';

test("the connection-table decorator's table: provisioned capacity and encryption, no TableName", () => {
  const context = contextOf({
    tables: [
      {
        name: 'sample-connections',
        partitionKey: { name: 'connectionID', type: 'S' },
        billing: { mode: 'PROVISIONED', readCapacity: 5, writeCapacity: 5 },
        serverSideEncryption: true,
      },
    ],
  });
  synthesizeTables(context);
  assert.deepEqual(context.builder.toTemplate().Resources, {
    SampleConnectionsTable: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        AttributeDefinitions: [{ AttributeName: 'connectionID', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'connectionID', KeyType: 'HASH' }],
        BillingMode: 'PROVISIONED',
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
        SSESpecification: { SSEEnabled: true },
      },
    },
  });
});

test("indexes: attributes defined once over keys and indexes; a global index takes its own capacity or the table's", () => {
  const context = contextOf({});
  const table = dynamoDbTable(context, {
    name: 'todos',
    partitionKey: { name: 'owner', type: 'S' },
    sortKey: { name: 'id', type: 'S' },
    billing: { mode: 'PROVISIONED', readCapacity: 2, writeCapacity: 1 },
    globalSecondaryIndexes: [
      { name: 'byDue', partitionKey: { name: 'owner', type: 'S' }, sortKey: { name: 'due', type: 'N' }, projection: { type: 'KEYS_ONLY' } },
      {
        name: 'byTag',
        partitionKey: { name: 'tag', type: 'S' },
        projection: { type: 'INCLUDE', nonKeyAttributes: ['title'] },
        capacity: { readCapacity: 4, writeCapacity: 3 },
      },
    ],
    localSecondaryIndexes: [
      { name: 'byTitle', partitionKey: { name: 'owner', type: 'S' }, sortKey: { name: 'title', type: 'S' }, projection: { type: 'ALL' } },
    ],
    timeToLiveAttribute: 'expiresAt',
  });
  assert.deepEqual(table.Properties, {
    AttributeDefinitions: [
      { AttributeName: 'owner', AttributeType: 'S' },
      { AttributeName: 'id', AttributeType: 'S' },
      { AttributeName: 'due', AttributeType: 'N' },
      { AttributeName: 'tag', AttributeType: 'S' },
      { AttributeName: 'title', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'owner', KeyType: 'HASH' },
      { AttributeName: 'id', KeyType: 'RANGE' },
    ],
    BillingMode: 'PROVISIONED',
    ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 1 },
    GlobalSecondaryIndexes: [
      {
        IndexName: 'byDue',
        KeySchema: [
          { AttributeName: 'owner', KeyType: 'HASH' },
          { AttributeName: 'due', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
        ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 1 },
      },
      {
        IndexName: 'byTag',
        KeySchema: [{ AttributeName: 'tag', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['title'] },
        ProvisionedThroughput: { ReadCapacityUnits: 4, WriteCapacityUnits: 3 },
      },
    ],
    LocalSecondaryIndexes: [
      {
        IndexName: 'byTitle',
        KeySchema: [
          { AttributeName: 'owner', KeyType: 'HASH' },
          { AttributeName: 'title', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
  });
});

test('on demand: no capacities anywhere', () => {
  const table = dynamoDbTable(contextOf({}), {
    name: 't',
    partitionKey: { name: 'pk', type: 'B' },
    billing: { mode: 'PAY_PER_REQUEST' },
    globalSecondaryIndexes: [{ name: 'g', partitionKey: { name: 'other', type: 'N' }, projection: { type: 'ALL' } }],
  });
  assert.deepEqual(table.Properties, {
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'B' },
      { AttributeName: 'other', AttributeType: 'N' },
    ],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
    GlobalSecondaryIndexes: [{ IndexName: 'g', KeySchema: [{ AttributeName: 'other', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
  });
});

test('one key attribute with two types is a config error', () => {
  assert.throws(
    () =>
      dynamoDbTable(contextOf({}), {
        name: 't',
        partitionKey: { name: 'pk', type: 'S' },
        billing: { mode: 'PAY_PER_REQUEST' },
        globalSecondaryIndexes: [{ name: 'g', partitionKey: { name: 'pk', type: 'N' }, projection: { type: 'ALL' } }],
      }),
    { message: /table "t": the key attribute "pk" is typed both S and N; expected one type/ },
  );
});
