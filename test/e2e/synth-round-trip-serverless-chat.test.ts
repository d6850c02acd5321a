/**
 * The round trip of examples/serverless-chat: serverless.yml → model → `hoplite synth` → template → model, then a
 * WebSocket message between two `ws` clients and the HTTP API's GET /messages listing it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { type RoundTrip, roundTrip, roundTripDifferences } from '../helpers/round-trip.ts';
import { openClient } from '../helpers/ws-client.ts';

const FUNCTIONS = ['connect', 'disconnect', 'sendmessage', 'listMessages'];

let trip: RoundTrip;
let started: StartedGateway;
let http: ApiEndpoint;
let websocket: ApiEndpoint;

before(async () => {
  trip = await roundTrip('examples/serverless-chat/serverless.yml');
  started = await startGateway(null, trip.imported.model);
  [http, websocket] = started.urls.apis as [ApiEndpoint, ApiEndpoint];
});
after(async () => {
  await started?.gateway.dispose();
  await trip?.dispose();
});

test('the imported model is the original but for what a deployment changes; both tables and both APIs as they were', () => {
  const url = (kind: string, api: string, what: string, name: string) =>
    JSON.stringify({ name, description: `The ${what} API ${api}'s URL`, value: { kind, api } });
  assert.deepEqual(roundTripDifferences(trip), [
    `$.rootDir: "${process.cwd()}/examples/serverless-chat" → "${trip.dir}"`,
    ...FUNCTIONS.flatMap((name, index) => [
      // One bundle per function, where the service shared one folder.
      `$.functions[${index}].codeUri: "." → "functions/serverless-chat-dev-${name}"`,
      // The table's name is CloudFormation's to choose; locally it is the table's logical id.
      `$.functions[${index}].environment.CONNECTIONS_TABLE: "serverless-chat-connections-dev" → "ServerlessChatConnectionsDevTable"`,
      // Named as text in serverless.yml; synthesis writes it as the table's Ref, so it comes back as a reference.
      `$.functions[${index}].environment.MESSAGES_TABLE: "serverless-chat-messages-dev" → "ServerlessChatMessagesDevTable"`,
      `$.functions[${index}].environment.AWS_SAM_LOCAL: undefined → "true"`,
      `$.functions[${index}].environmentRefs.MESSAGES_TABLE: undefined → {"kind":"table","table":"serverless-chat-messages-dev"}`,
    ]),
    `$.outputs[0]: undefined → ${url('http-url', 'dev-serverless-chat', 'HTTP', 'DevServerlessChatApiUrl')}`,
    `$.outputs[1]: undefined → ${url('websocket-url', 'dev-serverless-chat-websockets', 'WebSocket', 'DevServerlessChatWebsocketsApiUrl')}`,
  ]);
});

test('a message sent by one client reaches both, and GET /messages lists it, on the synthesized template', async () => {
  assert.match(websocket.url, /^ws:\/\/127\.0\.0\.1:\d+\/dev$/);
  const alice = await openClient(websocket.url);
  const bob = await openClient(websocket.url);
  alice.ws.send(JSON.stringify({ action: 'sendmessage', data: 'hello from alice' }));
  const [toAlice, toBob] = [JSON.parse(await alice.next()), JSON.parse(await bob.next())];
  assert.equal(toAlice.data, 'hello from alice');
  assert.deepEqual(toBob, toAlice);
  const response = await fetch(`${http.url}/messages`);
  assert.deepEqual([response.status, response.headers.get('content-type')], [200, 'application/json']);
  const { messages } = (await response.json()) as { messages: Array<{ from: string; data: string }> };
  assert.deepEqual(
    messages.map((message) => [message.from, message.data]),
    [[toAlice.from, 'hello from alice']],
  );
  alice.ws.close();
  bob.ws.close();
  await Promise.all([alice.closed, bob.closed]);
});
