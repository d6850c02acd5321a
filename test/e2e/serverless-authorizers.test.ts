/** Authorizers declared in a serverless.yml, end to end: the $connect REQUEST authorizer (ws) and an HTTP API request authorizer (fetch). */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadService } from '../../src/cli/load-service.ts';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { openClient, refusedHandshake } from '../helpers/ws-client.ts';

let started: StartedGateway;
let http: ApiEndpoint;
let websocket: ApiEndpoint;

before(async () => {
  const { model } = await loadService('test/fixtures/serverless/authorized/serverless.yml', process.cwd());
  started = await startGateway(null, model);
  [http, websocket] = started.urls.apis as [ApiEndpoint, ApiEndpoint];
});

after(() => started.gateway.dispose());

test('websocket authorizer: ?token=good connects, another token is refused with 403 before $connect runs', async () => {
  const client = await openClient(`${websocket.url}?token=good`);
  client.ws.close();
  await client.closed;
  assert.equal((await refusedHandshake(`${websocket.url}?token=bad`)).status, 403);
});

test('httpApi request authorizer with simple responses: X-Token good reaches the route with its context, another is 403', async () => {
  const allowed = await fetch(`${http.url}/me`, { headers: { 'x-token': 'good' } });
  assert.equal(allowed.status, 200);
  assert.deepEqual(await allowed.json(), { user: 'http-user' });
  assert.equal((await fetch(`${http.url}/me`, { headers: { 'x-token': 'bad' } })).status, 403);
  // The identity source is missing: API Gateway answers 401 without invoking the authorizer.
  assert.equal((await fetch(`${http.url}/me`)).status, 401);
});
