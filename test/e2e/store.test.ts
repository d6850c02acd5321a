/** The embedded DynamoDB store: tables from the model, persistence with a lock, and an external endpoint. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import chat from '../../examples/chat/hoplite.config.ts';
import { HopliteError } from '../../src/errors.ts';
import { Gateway } from '../../src/gateway.ts';
import { silentLog } from '../../src/internal/log.ts';

const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
const TABLE = 'sample-connections';

function client(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
}

test('tables from the model exist before ready resolves, with their key schema and capacity', async (t) => {
  const gateway = new Gateway(chat, { port: 0, log: silentLog });
  t.after(() => gateway.dispose());
  const { dynamodbEndpoint } = await gateway.ready;
  const dynamo = client(dynamodbEndpoint);
  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: TABLE }));
  assert.equal(Table?.TableStatus, 'ACTIVE');
  assert.deepEqual(Table?.KeySchema, [{ AttributeName: 'connectionID', KeyType: 'HASH' }]);
  assert.equal(Table?.ProvisionedThroughput?.ReadCapacityUnits, 5);
  dynamo.destroy();
});

test('--data-dir keeps data across restarts and is locked while in use', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'hoplite-data-'));
  try {
    const first = new Gateway(chat, { port: 0, log: silentLog, dataDir });
    const { dynamodbEndpoint } = await first.ready;
    const dynamo = client(dynamodbEndpoint);
    await dynamo.send(new PutItemCommand({ TableName: TABLE, Item: { connectionID: { S: 'kept' } } }));
    dynamo.destroy();

    const second = new Gateway(chat, { port: 0, log: silentLog, dataDir });
    await assert.rejects(second.ready, (error: Error & { code?: string }) => {
      assert.equal(error.code, 'HOPLITE_ERR_DYNAMODB_LOCKED');
      assert.match(error.message, /is in use by process \d+ \(another gateway in this process\)/);
      return true;
    });
    await first.dispose();

    const third = new Gateway(chat, { port: 0, log: silentLog, dataDir });
    const reopened = client((await third.ready).dynamodbEndpoint);
    const item = await reopened.send(new GetItemCommand({ TableName: TABLE, Key: { connectionID: { S: 'kept' } } }));
    assert.deepEqual(item.Item, { connectionID: { S: 'kept' } });
    reopened.destroy();
    await third.dispose();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('--dynamodb-endpoint uses another DynamoDB and creates the tables there', async (t) => {
  const external = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => external.listen(0, '127.0.0.1', () => resolve()));
  t.after(() => new Promise<void>((resolve) => external.close(() => resolve())));
  const endpoint = `http://127.0.0.1:${(external.address() as AddressInfo).port}`;
  const gateway = new Gateway(chat, { port: 0, log: silentLog, dynamodbEndpoint: endpoint });
  t.after(() => gateway.dispose());
  assert.equal((await gateway.ready).dynamodbEndpoint, endpoint);
  const dynamo = client(endpoint);
  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: TABLE }));
  assert.equal(Table?.TableName, TABLE);
  dynamo.destroy();
});

test('a DynamoDB that cannot be reached fails start-up with the table and the endpoint named', async () => {
  // A port that was free a moment ago: nothing listens there.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const endpoint = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const gateway = new Gateway(chat, { port: 0, log: silentLog, dynamodbEndpoint: endpoint });
  await assert.rejects(gateway.ready, (error: unknown) => {
    assert.ok(error instanceof HopliteError);
    assert.equal(error.code, 'HOPLITE_ERR_DYNAMODB_TABLES');
    assert.match(error.message, new RegExp(`^could not create table ${TABLE} at ${endpoint}: connect ECONNREFUSED`));
    return true;
  });
  await gateway.dispose();
});

test('bad options are refused with the option named', () => {
  assert.throws(() => new Gateway(chat, { port: 70000 }), /option port: expected an integer from 0 to 65535, got 70000/);
  assert.throws(() => new Gateway(chat, { dynamodbEndpoint: 'localhost:8000' }), /option dynamodbEndpoint: expected an http:\/\/ or https:\/\/ URL/);
  assert.throws(() => new Gateway(chat, { websocketLimits: { idleTimeoutMs: -1 } }), /option websocketLimits.idleTimeoutMs: expected a positive integer/);
});
