/** WebSocket request validation through a running gateway: models chosen per message, invalid ones held back (MAP-1, MAP-2, MAP-10, WS-47). */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ApiEndpoint } from '../../src/gateway.ts';
import type { MemoryWebSocket } from '../../src/websocket/index.ts';
import models from '../fixtures/services/models/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { openClient } from '../helpers/ws-client.ts';

let started: StartedGateway;
let chat: ApiEndpoint;

before(async () => {
  started = await startGateway(null, models);
  chat = started.urls.apis[0] as ApiEndpoint;
});

after(() => started.gateway.dispose());

function next(client: MemoryWebSocket, timeoutMs = 5_000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no message within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([client.nextMessage().then(String), late]).finally(() => clearTimeout(timer));
}

/** WS-47's frame, byte for byte, with the connection's id; returns the request id. */
function assertInvalidBodyFrame(frame: string, connectionId: string): string {
  const match = /^\{"message": "Invalid request body", "connectionId":"([A-Za-z0-9+/]{15}=)", "requestId":"([A-Za-z0-9+/]{15}=)"\}$/.exec(frame);
  assert.ok(match, frame);
  assert.equal(match[1], connectionId);
  return match[2] as string;
}

test('MAP-1 MAP-2 MAP-10 WS-47 valid messages reach the integration; invalid ones get the frame and reach nothing', async () => {
  const client = started.gateway.connect(chat.url);
  await client.opened;
  const valid = '{"action":"send","kind":"text","text":"hello"}';
  client.send(valid);
  const first = JSON.parse(await next(client));
  const connectionId: string = first.connectionId;
  assert.deepEqual(first, { received: first.received, connectionId, body: valid });

  const requestIds = new Set<string>();
  for (const invalid of [
    // The selected model (Text) rejects it.
    '{"action":"send","kind":"text","text":""}',
    '{"action":"send","kind":"text"}',
    // MAP-10: the key "image" selects no model and the route has no $default model.
    '{"action":"send","kind":"image","text":"hello"}',
    // $default route, model Anything: an array is not an object.
    '["hello"]',
    // MAP-10 Choice: a body that is not JSON fails validation. // spec: unverified
    'not json',
  ]) {
    client.send(invalid);
    requestIds.add(assertInvalidBodyFrame(await next(client), connectionId));
  }
  assert.equal(requestIds.size, 5);
  // The request log names the route and the frame, and no function.
  const rejected = started.log.requestLines.filter((line) => line.includes(`MESSAGE ${connectionId} `) && line.includes('Invalid request body'));
  assert.deepEqual(
    rejected.map((line) => line.slice(line.indexOf('MESSAGE'))),
    ['send', 'send', 'send', '$default', '$default'].map((route) => `MESSAGE ${connectionId} ${route} → error frame "Invalid request body"`),
  );

  client.send('{"action":"anything"}');
  // The handler counts one more message: none of the invalid ones reached it.
  assert.deepEqual(JSON.parse(await next(client)), { received: first.received + 1, connectionId, body: '{"action":"anything"}' });
  client.close();
  await client.closed;
});

test('MAP-10 a route without models validates nothing: any body reaches it', async () => {
  const client = started.gateway.connect(chat.url);
  await client.opened;
  client.send('{"action":"plain","anything":[1,2]}');
  const answer = JSON.parse(await next(client));
  assert.equal(answer.body, '{"action":"plain","anything":[1,2]}');
  client.close();
  await client.closed;
});

test('WS-47 the frame on the wire, to a ws client, and the connection stays open', async () => {
  const client = await openClient(chat.url);
  client.ws.send('{"action":"send","kind":"text","text":42}');
  const frame = await client.next();
  assert.match(frame, /^\{"message": "Invalid request body", "connectionId":"[A-Za-z0-9+/]{15}=", "requestId":"[A-Za-z0-9+/]{15}="\}$/);
  client.ws.send('{"action":"send","kind":"text","text":"now valid"}');
  assert.equal(JSON.parse(await client.next()).body, '{"action":"send","kind":"text","text":"now valid"}');
  client.ws.close();
  await client.closed;
});
