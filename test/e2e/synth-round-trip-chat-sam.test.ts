/**
 * The round trip of examples/chat-sam, a SAM template: template → model → `hoplite synth` → template → model, then
 * the seeds' chat on the second template with two `ws` clients, the connection table read with the real SDK.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { type RoundTrip, roundTrip, roundTripDifferences } from '../helpers/round-trip.ts';
import { eventually, openClient } from '../helpers/ws-client.ts';

/** The table's logical id: the synthesized table leaves its name to CloudFormation, and locally the id names it. */
const TABLE = 'ChatConnectionsTable';

let trip: RoundTrip;
let started: StartedGateway;
let api: ApiEndpoint;
let dynamo: DynamoDBClient;

before(async () => {
  trip = await roundTrip('examples/chat-sam/template.yaml');
  started = await startGateway(null, trip.imported.model);
  api = started.urls.apis[0] as ApiEndpoint;
  dynamo = new DynamoDBClient({ endpoint: started.urls.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
});
after(async () => {
  dynamo?.destroy();
  await started?.gateway.dispose();
  await trip?.dispose();
});

async function storedConnections(): Promise<number> {
  const page = await dynamo.send(new ScanCommand({ TableName: TABLE, ConsistentRead: true }));
  return page.Items?.length ?? 0;
}

test('the imported model is the original but for what a deployment changes; the grants come back as references', () => {
  assert.deepEqual(roundTripDifferences(trip), [
    // Each bundle is in a folder named after its function.
    '$.functions[0].codeUri: "functions/connect" → "functions/ConnectFunction"',
    '$.functions[0].environment.CONNECTION_TABLE: "chat-connections" → "ChatConnectionsTable"',
    '$.functions[1].codeUri: "functions/disconnect" → "functions/DisconnectFunction"',
    '$.functions[1].environment.CONNECTION_TABLE: "chat-connections" → "ChatConnectionsTable"',
    '$.functions[2].codeUri: "functions/send" → "functions/SendFunction"',
    '$.functions[2].environment.CONNECTION_TABLE: "chat-connections" → "ChatConnectionsTable"',
    `$.rootDir: "${process.cwd()}/examples/chat-sam" → "${trip.dir}"`,
  ]);
  // sendMessage's ManageConnections on `${ChatApi}/*` is the API's @connections, not the local API id's ARN.
  assert.deepEqual(trip.original.model.functions[2]?.policies[1], {
    actions: ['execute-api:ManageConnections'],
    resource: { kind: 'api-connections', api: 'chat' },
  });
});

test('WS-90 the synthesized role grants the @connections of the API the template creates, whatever its id', async () => {
  const template = JSON.parse(await readFile(join(trip.dir, 'template.json'), 'utf8'));
  const statements = template.Resources.SendFunctionRole.Properties.Policies[0].PolicyDocument.Statement;
  assert.deepEqual(statements.at(-1), {
    Effect: 'Allow',
    Action: ['execute-api:ManageConnections'],
    Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ChatApi}/v1/*/@connections/*' }],
  });
});

test("WS-90 the seeds' chat on the synthesized template: both clients receive the message; a closed client leaves the table", async () => {
  assert.match(api.url, /^ws:\/\/127\.0\.0\.1:\d+\/v1$/);
  const alice = await openClient(api.url);
  const bob = await openClient(api.url);
  assert.equal(await storedConnections(), 2);
  alice.ws.send('{"message":"sendmessage","data":"hello world !"}');
  assert.equal(await alice.next(), '"hello world !"');
  assert.equal(await bob.next(), '"hello world !"');
  bob.ws.close(1000);
  await bob.closed;
  await eventually(async () => ((await storedConnections()) === 1 ? true : undefined));
  alice.ws.send('{"message":"sendmessage","data":{"text":"only alice"}}');
  assert.equal(await alice.next(), '{"text":"only alice"}');
  assert.deepEqual(bob.pending, []);
  alice.ws.close();
  await alice.closed;
  await eventually(async () => ((await storedConnections()) === 0 ? true : undefined));
});
