/**
 * A SAM template's AWS::DynamoDB::Table with global and local secondary indexes: created in the embedded store, so a
 * CommonJS handler written for Lambda (no SDK in its package.json) queries both indexes through the runtime's SDK.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ImportedService } from '../../src/cli/definition-format.ts';
import { loadService } from '../../src/cli/load-service.ts';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - { AttributeName: customer, AttributeType: S }
        - { AttributeName: orderId, AttributeType: S }
        - { AttributeName: status, AttributeType: S }
        - { AttributeName: placedAt, AttributeType: N }
      KeySchema:
        - { AttributeName: customer, KeyType: HASH }
        - { AttributeName: orderId, KeyType: RANGE }
      GlobalSecondaryIndexes:
        - IndexName: byStatus
          KeySchema:
            - { AttributeName: status, KeyType: HASH }
          Projection: { ProjectionType: INCLUDE, NonKeyAttributes: [total] }
      LocalSecondaryIndexes:
        - IndexName: byPlacedAt
          KeySchema:
            - { AttributeName: customer, KeyType: HASH }
            - { AttributeName: placedAt, KeyType: RANGE }
          Projection: { ProjectionType: KEYS_ONLY }
      TimeToLiveSpecification: { AttributeName: expiresAt, Enabled: true }
      SSESpecification: { SSEEnabled: true }
  Orders2:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: orders/
      Handler: app.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          TABLE: !Ref Orders
      Events:
        List:
          Type: HttpApi
          Properties: { Path: /orders, Method: get }
`;

const HANDLER = `const { DynamoDBClient, PutItemCommand, QueryCommand } = require('@aws-sdk/client-dynamodb');
const client = new DynamoDBClient({});
const TableName = process.env.TABLE;
exports.handler = async () => {
  const put = (customer, orderId, status, placedAt, total) =>
    client.send(new PutItemCommand({ TableName, Item: { customer: { S: customer }, orderId: { S: orderId }, status: { S: status }, placedAt: { N: String(placedAt) }, total: { N: String(total) } } }));
  await put('ada', 'o1', 'open', 30, 5);
  await put('ada', 'o2', 'shipped', 10, 7);
  await put('bob', 'o3', 'open', 20, 9);
  const open = await client.send(new QueryCommand({ TableName, IndexName: 'byStatus', KeyConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'open' } } }));
  const byTime = await client.send(new QueryCommand({ TableName, IndexName: 'byPlacedAt', KeyConditionExpression: 'customer = :c', ExpressionAttributeValues: { ':c': { S: 'ada' } } }));
  return {
    open: open.Items.map((item) => item.orderId.S + ':' + item.total.N).sort(),
    adaByTime: byTime.Items.map((item) => item.orderId.S),
  };
};
`;

let dir: string;
let started: StartedGateway;
let loaded: ImportedService;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoplite-sam-indexes-'));
  await writeFile(join(dir, 'template.yaml'), TEMPLATE);
  await mkdir(join(dir, 'orders'));
  await writeFile(join(dir, 'orders/package.json'), '{ "name": "orders", "version": "1.0.0" }\n');
  await writeFile(join(dir, 'orders/app.js'), HANDLER);
  loaded = await loadService(undefined, dir);
  started = await startGateway(null, loaded.model);
});

after(async () => {
  await started?.gateway.dispose();
  await rm(dir, { recursive: true, force: true });
});

test('the table keeps its indexes, TTL attribute and encryption in the model; TTL is said to be recorded only', () => {
  assert.deepEqual(loaded.model.tables, [
    {
      name: 'Orders',
      partitionKey: { name: 'customer', type: 'S' },
      sortKey: { name: 'orderId', type: 'S' },
      billing: { mode: 'PAY_PER_REQUEST' },
      globalSecondaryIndexes: [{ name: 'byStatus', partitionKey: { name: 'status', type: 'S' }, projection: { type: 'INCLUDE', nonKeyAttributes: ['total'] } }],
      localSecondaryIndexes: [
        { name: 'byPlacedAt', partitionKey: { name: 'customer', type: 'S' }, sortKey: { name: 'placedAt', type: 'N' }, projection: { type: 'KEYS_ONLY' } },
      ],
      timeToLiveAttribute: 'expiresAt',
      serverSideEncryption: true,
    },
  ]);
  assert.ok(
    loaded.warnings.some((warning) => /Orders: TimeToLiveSpecification is recorded: items do not expire locally/.test(warning)),
    loaded.warnings.join('\n'),
  );
});

test('a handler queries the global and the local secondary index of the embedded store', async () => {
  const api = started.urls.apis.find((candidate) => candidate.name === 'ServerlessHttpApi') as ApiEndpoint;
  const response = await fetch(`${api.url}/orders`);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { open: ['o1:5', 'o3:9'], adaByTime: ['o2', 'o1'] });
});
