/**
 * Subprotocols through the `$connect` authorizer (seed 002): the authorizer reads `Sec-WebSocket-Protocol` as an
 * identity source and denies clients that offer none this service speaks; `$connect` echoes the chosen one.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ApiEndpoint } from '../../src/gateway.ts';
import subprotocols from '../fixtures/services/subprotocols/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { openClient, refusedHandshake } from '../helpers/ws-client.ts';

let started: StartedGateway;
let api: ApiEndpoint;

before(async () => {
  started = await startGateway(null, subprotocols);
  api = started.urls.apis[0] as ApiEndpoint;
});

after(() => started.gateway.dispose());

test('AUTH-2 WS-13 WS-15 a client offering a supported subprotocol is admitted and speaks the one $connect chose', async () => {
  const client = await openClient(api.url, { protocols: ['mqtt', 'chat.v1', 'chat.v2'] });
  assert.equal(client.ws.protocol, 'chat.v2');
  client.ws.send('hello');
  assert.equal(await client.next(), 'speaking chat.v2');
  client.ws.close();
  await client.closed;
});

test('AUTH-6 a client offering only unsupported subprotocols is refused by the authorizer with 403', async () => {
  const refused = await refusedHandshake(api.url, { protocols: ['mqtt'] });
  assert.equal(refused.status, 403);
  assert.equal(refused.body, '{"message":"User is not authorized to access this resource with an explicit deny"}');
});

test('AUTH-2 a client offering no subprotocol lacks the identity source: 401', async () => {
  const refused = await refusedHandshake(api.url);
  assert.equal(refused.status, 401);
  assert.equal(refused.body, '{"message":"Unauthorized"}');
});
