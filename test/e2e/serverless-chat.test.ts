/** examples/serverless-chat end to end: the serverless.yml read by `hoplite dev`'s loader, real ws and fetch clients. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { loadService } from '../../src/cli/load-service.ts';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { eventually, openClient } from '../helpers/ws-client.ts';

const ENTRY = 'examples/serverless-chat/serverless.yml';
const CONNECTIONS = 'serverless-chat-connections-dev';
const MESSAGES = 'serverless-chat-messages-dev';

let started: StartedGateway;
let http: ApiEndpoint;
let websocket: ApiEndpoint;
let dynamo: DynamoDBClient;

before(async () => {
  const { model } = await loadService(ENTRY, process.cwd());
  started = await startGateway(null, model);
  [http, websocket] = started.urls.apis as [ApiEndpoint, ApiEndpoint];
  dynamo = new DynamoDBClient({ endpoint: started.urls.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
});

after(async () => {
  dynamo.destroy();
  await started.gateway.dispose();
});

async function storedConnections(): Promise<number> {
  const page = await dynamo.send(new ScanCommand({ TableName: CONNECTIONS, ConsistentRead: true }));
  return page.Items?.length ?? 0;
}

test('the serverless.yml loads as its tables, functions (IS_OFFLINE set) and APIs, with the plugin warned about once', async () => {
  const loaded = await loadService(ENTRY, process.cwd());
  assert.deepEqual(loaded.warnings, [
    `${ENTRY}:7:5: plugins.0: plugin serverless-offline is not run: Hoplite reads the service itself and serves what serverless-offline would`,
  ]);
  assert.equal(loaded.devPort, 3000);
  const { model } = loaded;
  assert.equal(model.rootDir, join(process.cwd(), 'examples/serverless-chat'));
  assert.deepEqual(
    model.tables.map((table) => table.name),
    [CONNECTIONS, MESSAGES],
  );
  assert.deepEqual(model.functions[0], {
    name: 'serverless-chat-dev-connect',
    handler: 'handler.connect',
    codeUri: '.',
    timeoutSeconds: 10,
    memoryMb: 256,
    environment: { CONNECTIONS_TABLE: CONNECTIONS, MESSAGES_TABLE: MESSAGES, IS_OFFLINE: 'true' },
    // `{ Ref: ConnectionsTable }` is recorded as the reference it is; MESSAGES_TABLE is a name written out.
    environmentRefs: { CONNECTIONS_TABLE: { kind: 'table', table: CONNECTIONS } },
    policies: [
      { actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Scan'], resource: { kind: 'table', table: CONNECTIONS } },
      { actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Scan'], resource: { kind: 'table', table: MESSAGES } },
    ],
  });
  assert.deepEqual(
    model.apis.map((api) => [api.protocol, api.name, api.stage.name]),
    [
      ['HTTP', 'dev-serverless-chat', '$default'],
      ['WEBSOCKET', 'dev-serverless-chat-websockets', 'dev'],
    ],
  );
});

test('a message sent by one client reaches both, is stored, and GET /messages lists it; a closed client leaves the table', async () => {
  assert.match(websocket.url, /^ws:\/\/127\.0\.0\.1:\d+\/dev$/);
  const alice = await openClient(websocket.url);
  const bob = await openClient(websocket.url);
  assert.equal(await storedConnections(), 2);

  alice.ws.send(JSON.stringify({ action: 'sendmessage', data: 'hello from alice' }));
  const [toAlice, toBob] = [JSON.parse(await alice.next()), JSON.parse(await bob.next())];
  assert.equal(toAlice.data, 'hello from alice');
  assert.deepEqual(toBob, toAlice);

  const response = await fetch(`${http.url}/messages`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/json');
  const { messages } = (await response.json()) as { messages: Array<{ from: string; data: string; sentAt: number }> };
  assert.equal(messages.length, 1);
  assert.deepEqual({ from: messages[0]?.from, data: messages[0]?.data }, { from: toAlice.from, data: 'hello from alice' });

  bob.ws.close();
  await bob.closed;
  await eventually(async () => ((await storedConnections()) === 1 ? true : undefined));
  alice.ws.close();
  await alice.closed;
});

test("cors: true answers the HTTP API's preflight with the Framework's defaults", async () => {
  const response = await fetch(`${http.url}/messages`, {
    method: 'OPTIONS',
    headers: { origin: 'https://chat.example.com', 'access-control-request-method': 'GET' },
  });
  assert.equal(response.status, 204);
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  assert.equal(response.headers.get('access-control-allow-methods'), 'DELETE,GET,OPTIONS,PATCH,POST,PUT');
});

test('a message without data is answered 400 by the handler and sent to nobody', async () => {
  const alice = await openClient(websocket.url);
  alice.ws.send(JSON.stringify({ action: 'sendmessage' }));
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(alice.pending, []);
  alice.ws.close();
  await alice.closed;
});
