/** The seeds' chat service (examples/chat) end to end: WS-90's sequence with real clients and the real DynamoDB client. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import chat from '../../examples/chat/hoplite.config.ts';
import { loadService } from '../../src/cli/load-service.ts';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { eventually, openClient } from '../helpers/ws-client.ts';

const TABLE = 'sample-connections';

test('the connection-table decorator: table, environment, grants and the wss:// output', async () => {
  const { model } = await loadService('examples/chat/hoplite.config.ts', process.cwd());
  assert.deepEqual(model.tables, [
    {
      name: TABLE,
      partitionKey: { name: 'connectionID', type: 'S' },
      billing: { mode: 'PROVISIONED', readCapacity: 5, writeCapacity: 5 },
      serverSideEncryption: true,
    },
  ]);
  for (const fn of model.functions) {
    assert.equal(fn.environment.CONNECTION_TABLE, TABLE);
    assert.ok(fn.policies.some((policy) => policy.resource.kind === 'table' && policy.actions.includes('dynamodb:Scan')));
  }
  const sendMessage = model.functions.find((fn) => fn.name === 'sendMessage');
  assert.ok(sendMessage?.policies.some((policy) => policy.actions.includes('execute-api:ManageConnections')));
  assert.deepEqual(model.outputs, [{ name: 'APIGatewayURL', description: 'API Gateway Websocket URL', value: { kind: 'websocket-url', api: 'sample' } }]);
});

// The seed's flow on the default runner and on the in-process one (the same handlers, unmodified).
for (const runner of ['worker-thread', 'in-process'] as const) {
  describe(runner, () => {
    let started: StartedGateway;
    let api: ApiEndpoint;
    let dynamo: DynamoDBClient;

    before(async () => {
      started = await startGateway(null, chat, { runner });
      api = started.urls.apis[0] as ApiEndpoint;
      dynamo = new DynamoDBClient({ endpoint: started.urls.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    });

    after(async () => {
      dynamo.destroy();
      await started.gateway.dispose();
    });

    async function storedConnections(): Promise<string[]> {
      const page = await dynamo.send(new ScanCommand({ TableName: TABLE, ConsistentRead: true }));
      return (page.Items ?? []).map((item) => item.connectionID?.S ?? '').sort();
    }

    test('WS-90 both clients receive "hello world !"; a closed client leaves the table and gets nothing more', async () => {
      assert.equal(api.stage, 'v1');
      assert.match(api.url, /^ws:\/\/127\.0\.0\.1:\d+\/v1$/);
      const alice = await openClient(api.url);
      const bob = await openClient(api.url);
      assert.equal((await storedConnections()).length, 2);

      alice.ws.send('{"message":"sendmessage", "data":"hello world !"}');
      assert.equal(await alice.next(), '"hello world !"');
      assert.equal(await bob.next(), '"hello world !"');

      bob.ws.close(1000);
      await bob.closed;
      await eventually(async () => ((await storedConnections()).length === 1 ? true : undefined));

      alice.ws.send('{"message":"sendmessage", "data":{"text":"only alice"}}');
      assert.equal(await alice.next(), '{"text":"only alice"}');
      assert.deepEqual(bob.pending, []);
      alice.ws.close();
      await alice.closed;
      await eventually(async () => ((await storedConnections()).length === 0 ? true : undefined));
    });

    test('WS-90 a stale connection id is removed when its post answers GoneException', async () => {
      await dynamo.send(new PutItemCommand({ TableName: TABLE, Item: { connectionID: { S: 'AAAAAAAAAAAAAAA=' } } }));
      const client = await openClient(api.url);
      client.ws.send('{"message":"sendmessage","data":"ping"}');
      assert.equal(await client.next(), '"ping"');
      await eventually(async () => ((await storedConnections()).includes('AAAAAAAAAAAAAAA=') ? undefined : true));
      client.ws.close();
    });

    test('WS-25 a message without a matching route gets the Forbidden frame; one without data reaches nobody', async () => {
      const client = await openClient(api.url);
      client.ws.send('{"message":"nosuch"}');
      assert.match(await client.next(), /^\{"message": "Forbidden", "connectionId":"[^"]+", "requestId":"[^"]+"\}$/);
      client.ws.send('{"message":"sendmessage"}');
      client.ws.send('{"message":"sendmessage","data":1}');
      assert.equal(await client.next(), '1');
      assert.ok(started.log.functionLines.some((entry) => entry.functionName === 'sendMessage' && entry.line.startsWith('REPORT RequestId:')));
      client.ws.close();
    });
  });
}
