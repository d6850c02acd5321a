/** examples/chat-sam end to end: the SAM template loaded as `hoplite dev` loads it, then the seeds' chat with real clients. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { resolveOutput } from '../../src/cli/dev.ts';
import { type LoadedService, loadService } from '../../src/cli/load-service.ts';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { eventually, openClient } from '../helpers/ws-client.ts';

const TEMPLATE = 'examples/chat-sam/template.yaml';
const TABLE = 'chat-connections';

let loaded: LoadedService;
let started: StartedGateway;
let api: ApiEndpoint;
let dynamo: DynamoDBClient;

before(async () => {
  loaded = await loadService(TEMPLATE, process.cwd());
  started = await startGateway(null, loaded.model);
  api = started.urls.apis[0] as ApiEndpoint;
  dynamo = new DynamoDBClient({ endpoint: started.urls.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
});

after(async () => {
  dynamo.destroy();
  await started.gateway.dispose();
});

async function storedConnections(): Promise<string[]> {
  const page = await dynamo.send(new ScanCommand({ TableName: TABLE, ConsistentRead: true }));
  return (page.Items ?? []).map((item) => item.connectionId?.S ?? '').sort();
}

test('the template becomes one WebSocket API, three functions in their own folders, the table and the outputs', () => {
  const { model } = loaded;
  assert.equal(model.name, 'hoplite-local');
  assert.deepEqual(
    model.functions.map((fn) => [fn.name, fn.codeUri, fn.handler, fn.timeoutSeconds, fn.memoryMb, fn.environment]),
    ['ConnectFunction', 'DisconnectFunction', 'SendFunction'].map((name) => [
      name,
      `functions/${name.replace('Function', '').toLowerCase()}`,
      'app.handler',
      10,
      256,
      { CONNECTION_TABLE: TABLE, AWS_SAM_LOCAL: 'true' },
    ]),
  );
  assert.deepEqual(model.tables, [{ name: TABLE, partitionKey: { name: 'connectionId', type: 'S' }, billing: { mode: 'PAY_PER_REQUEST' } }]);
  assert.deepEqual(
    model.apis.map((candidate) => [candidate.protocol, candidate.name, candidate.stage.name]),
    [['WEBSOCKET', 'chat', 'v1']],
  );
  assert.deepEqual(model.outputs, [
    { name: 'WebSocketURI', description: 'The WSS Protocol URI to connect to', value: { kind: 'websocket-url', api: 'chat' } },
    { name: 'ConnectionsTableName', description: 'The table of open connections', value: { kind: 'literal', value: TABLE } },
  ]);
  assert.equal(resolveOutput(model.outputs[0] as (typeof model.outputs)[0], started.urls.apis), api.secureUrl);
});

test('what is not run locally is said once, with its place in the template', () => {
  assert.deepEqual(loaded.warnings, [
    'examples/chat-sam/template.yaml:97:9: Resources.ConnectFunction.Properties.Policies: AWS::Serverless::Function Policies are recorded, not applied locally: handlers run with the permissions of the local credentials',
    'examples/chat-sam/template.yaml:69:3: Resources.Deployment: AWS::ApiGatewayV2::Deployment is ignored: every change is deployed locally (hot reload)',
    'examples/chat-sam/template.yaml:123:3: Resources.ConnectPermission: AWS::Lambda::Permission is ignored: API Gateway may invoke every function of the template locally',
  ]);
});

test("the seeds' chat with the SAM handlers: both clients receive the message; a closed client leaves the table", async () => {
  assert.match(api.url, /^ws:\/\/127\.0\.0\.1:\d+\/v1$/);
  const alice = await openClient(api.url);
  const bob = await openClient(api.url);
  assert.equal((await storedConnections()).length, 2);

  // The CommonJS $connect stored both; the ES module sendmessage posts to both through @connections.
  alice.ws.send('{"message":"sendmessage","data":"hello world !"}');
  assert.equal(await alice.next(), '"hello world !"');
  assert.equal(await bob.next(), '"hello world !"');

  bob.ws.close(1000);
  await bob.closed;
  await eventually(async () => ((await storedConnections()).length === 1 ? true : undefined));
  alice.ws.send('{"message":"sendmessage","data":{"text":"only alice"}}');
  assert.equal(await alice.next(), '{"text":"only alice"}');
  assert.deepEqual(bob.pending, []);
  alice.ws.close();
  await alice.closed;
  await eventually(async () => ((await storedConnections()).length === 0 ? true : undefined));
});
