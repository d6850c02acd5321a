/** A serverless.yml's http events served as a REST API, end to end with fetch: proxy methods, CORS preflight, schema, authorizer, API key. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadService } from '../../src/cli/load-service.ts';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';

let started: StartedGateway;
let rest: ApiEndpoint;

before(async () => {
  const { model } = await loadService('test/fixtures/serverless/rest/serverless.yml', process.cwd());
  started = await startGateway(null, model);
  rest = started.urls.apis[0] as ApiEndpoint;
});

after(() => started.gateway.dispose());

test('GET runs the Lambda proxy method on the provider stage, with IS_OFFLINE=true', async () => {
  assert.match(rest.url, /^http:\/\/127\.0\.0\.1:\d+\/test$/);
  const response = await fetch(`${rest.url}/items`);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { method: 'GET', offline: 'true', principal: null });
});

test("cors: true answers the preflight with the Framework's OPTIONS method", async () => {
  const response = await fetch(`${rest.url}/items`, {
    method: 'OPTIONS',
    headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  assert.equal(response.headers.get('access-control-allow-methods'), 'OPTIONS,GET');
  assert.equal(response.headers.get('access-control-allow-headers'), 'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent');
});

test('POST: the TOKEN authorizer admits "allow" only; the request schema refuses a body without name', async () => {
  const post = (token: string, body: unknown) =>
    fetch(`${rest.url}/items`, { method: 'POST', headers: { authorization: token, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const denied = await post('deny', { name: 'a' });
  assert.equal(denied.status, 403);
  const invalid = await post('allow', { other: 1 });
  assert.equal(invalid.status, 400);
  assert.deepEqual(await invalid.json(), { message: 'Invalid request body' });
  const allowed = await post('allow', { name: 'a' });
  assert.equal(allowed.status, 200);
  assert.deepEqual(await allowed.json(), { method: 'POST', offline: 'true', principal: 'user-1' });
});

test('a private method takes the key of provider.apiGateway.apiKeys in x-api-key, and refuses a request without it', async () => {
  assert.equal((await fetch(`${rest.url}/private`)).status, 403);
  const response = await fetch(`${rest.url}/private`, { headers: { 'x-api-key': 'serverless-rest-test-key-0' } });
  assert.equal(response.status, 200);
});
