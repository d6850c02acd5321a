/** REST APIs end to end, in memory through `gateway.fetch`: Lambda proxy and Lambda custom integrations, the gateway's own errors, Sparta's Location example. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import restLocation from '../../examples/rest-location/hoplite.config.ts';
import type { ApiEndpoint } from '../../src/gateway.ts';
import probe from '../fixtures/services/http-probe/rest.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';

let started: StartedGateway;
let api: ApiEndpoint;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

before(async () => {
  started = await startGateway(null, probe);
  api = started.urls.apis[0] as ApiEndpoint;
});
after(() => started.gateway.dispose());

test('REST-1 the proxy event: client header case, last values, stage in requestContext.path only, UUID request id', async () => {
  const response = await started.gateway.fetch(`${api.url}/hello?name=me&name=you`, { headers: { 'X-Req': 'a' } });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('x-amzn-requestid') ?? '', UUID);
  const event = JSON.parse(await response.text());
  assert.equal('version' in event, false);
  assert.deepEqual([event.resource, event.path, event.httpMethod], ['/hello', '/hello', 'GET']);
  assert.equal(event.headers['X-Req'] ?? event.headers['x-req'], 'a');
  assert.equal(event.headers.Host ?? event.headers.host, `127.0.0.1:${api.port}`);
  assert.deepEqual(event.queryStringParameters, { name: 'you' });
  assert.deepEqual(event.multiValueQueryStringParameters, { name: ['me', 'you'] });
  assert.equal(event.pathParameters, null);
  assert.deepEqual(event.stageVariables, { color: 'blue' });
  assert.equal(event.body, null);
  assert.deepEqual([event.requestContext.path, event.requestContext.resourcePath, event.requestContext.stage], ['/prod/hello', '/hello', 'prod']);
  assert.equal(event.requestContext.requestId, response.headers.get('x-amzn-requestid'));
  assert.match(event.requestContext.extendedRequestId, /^[A-Za-z0-9+/]{15}=$/);
});

test('REST-3 routing: path variables, greedy resources, ANY; anything else is 403 Missing Authentication Token', async () => {
  const item = JSON.parse(await (await started.gateway.fetch(`${api.url}/items/42`, { method: 'DELETE' })).text());
  assert.deepEqual([item.resource, item.pathParameters], ['/items/{id}', { id: '42' }]);
  const greedy = JSON.parse(await (await started.gateway.fetch(`${api.url}/a/b/c`)).text());
  assert.deepEqual([greedy.resource, greedy.pathParameters], ['/{proxy+}', { proxy: 'a/b/c' }]);
  for (const [method, url] of [
    ['DELETE', `${api.url}/hello`],
    ['GET', `http://127.0.0.1:${api.port}/hello`],
    ['POST', `${api.url}/a/b`],
  ] as const) {
    const response = await started.gateway.fetch(url, { method });
    assert.equal(response.status, 403, `${method} ${url}`);
    assert.equal(response.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    assert.equal(await response.text(), '{"message":"Missing Authentication Token"}');
  }
});

test('REST-2 REST-20 a function error or a malformed result is 502, an integration timeout 504, with REST bodies', async () => {
  for (const path of ['/fails', '/malformed']) {
    const response = await started.gateway.fetch(`${api.url}${path}`);
    assert.deepEqual([response.status, await response.text()], [502, '{"message": "Internal server error"}'], path);
  }
  const slow = await started.gateway.fetch(`${api.url}/slow?ms=1000`);
  assert.deepEqual([slow.status, await slow.text()], [504, '{"message": "Endpoint request timed out"}']);
});

test('REST-2 a proxy result with status 100 or 101, or a header with CRLF or past Latin-1, is 502 as every malformed result is // spec: unverified', async () => {
  const malformed = [
    { statusCode: 100 },
    { statusCode: 101, headers: { upgrade: 'websocket' } },
    { statusCode: 200, headers: { 'x-split': 'a\r\nx-injected: yes' } },
    { statusCode: 200, headers: { 'x-euro': '5 €' } },
    { statusCode: 200, multiValueHeaders: { 'x-many': ['ok', 'a\nb'] } },
    { statusCode: 200, headers: { 'bad name': 'x' } },
  ];
  for (const result of malformed) {
    // Bounded: a gateway that sent only an interim response would leave the request waiting.
    const response = await started.gateway.fetch(`${api.url}/shaped`, { method: 'POST', body: JSON.stringify(result), signal: AbortSignal.timeout(5000) });
    assert.deepEqual([response.status, await response.text()], [502, '{"message": "Internal server error"}'], JSON.stringify(result));
  }
  const served = await started.gateway.fetch(`${api.url}/shaped`, {
    method: 'POST',
    body: JSON.stringify({ statusCode: 200, headers: { 'x-latin': 'café' }, body: 'ok' }),
  });
  assert.deepEqual([served.status, served.headers.get('x-latin'), await served.text()], [200, 'café', 'ok']);
});

test('REST-4 binary media types: base64 in, and bytes out only when Accept is binary', async () => {
  const event = JSON.parse(
    await (await started.gateway.fetch(`${api.url}/hello`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: new Uint8Array([1, 2]) })).text(),
  );
  assert.deepEqual([event.body, event.isBase64Encoded], ['AQI=', true]);
  const text = JSON.parse(
    await (await started.gateway.fetch(`${api.url}/hello`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' })).text(),
  );
  assert.deepEqual([text.body, text.isBase64Encoded], ['{"a":1}', false]);
  const asText = await started.gateway.fetch(`${api.url}/binary`, { headers: { accept: 'application/json' } });
  assert.equal(await asText.text(), 'iVBORw==');
  const asBytes = await started.gateway.fetch(`${api.url}/binary`, { headers: { accept: 'image/png' } });
  assert.deepEqual([...new Uint8Array(await asBytes.arrayBuffer())], [0x89, 0x50, 0x4e, 0x47]);
});

test('REST-11 a function error whose message matches a selectionPattern in full takes that response', async () => {
  const response = await started.gateway.fetch(`${api.url}/custom`, { method: 'POST', body: '{}' });
  assert.equal(response.status, 409);
  assert.equal(response.headers.get('x-reason'), 'conflict');
  const body = JSON.parse(await response.text());
  assert.deepEqual([body.errorMessage, body.errorType], ['boom', 'Error']);
  assert.ok(Array.isArray(body.stackTrace));
});

const DEEP_JSON = `${'['.repeat(5000)}${']'.repeat(5000)}`;

// Child processes and worker threads carry events over a channel that clones them; in process nothing is cloned.
for (const runner of ['worker-thread', 'child-process', 'in-process'] as const) {
  test(`REST-2 REST-10 RT-10 deeply nested JSON (5000 levels) on a custom integration is 500 as Lambda refuses it; the API serves on (${runner})`, async (t) => {
    const gateway = await startGateway(t, probe, { runner });
    const target = gateway.urls.apis[0] as ApiEndpoint;
    const refused = await gateway.gateway.fetch(`${target.url}/custom`, { method: 'POST', body: DEEP_JSON });
    assert.deepEqual(
      [refused.status, refused.headers.get('x-amzn-errortype'), await refused.text()],
      [500, 'InternalServerErrorException', '{"message": "Internal server error"}'],
    );
    const served = await gateway.gateway.fetch(`${target.url}/custom`, { method: 'POST', body: '{}' });
    assert.equal(served.status, 409);
    assert.equal(JSON.parse(await served.text()).errorMessage, 'boom');
  });
}

test('REST-11 an unmatched function error comes back on the default response with the Lambda error JSON', async () => {
  const response = await started.gateway.fetch(`${api.url}/custom-default`, { method: 'POST' });
  assert.equal(response.status, 200);
  assert.deepEqual(Object.keys(JSON.parse(await response.text())), ['errorMessage', 'errorType', 'stackTrace']);
});

test("REST-10 REST-12 Sparta's example: location is promoted to the Location header, the result is the body", async (t) => {
  const { urls, gateway } = await startGateway(t, restLocation);
  const hello = urls.apis[0] as ApiEndpoint;
  const response = await gateway.fetch(`${hello.url}/hello`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('location'), 'https://example.com/hello/world');
  assert.equal(await response.text(), '{"location":"https://example.com/hello/world","body":"hello, world"}');
  const named = await gateway.fetch(`${hello.url}/hello`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Sparta"}' });
  assert.equal(named.headers.get('location'), 'https://example.com/hello/Sparta');
  const invalid = await gateway.fetch(`${hello.url}/hello`, { method: 'POST', body: '{"name":"nobody"}' });
  assert.equal(invalid.status, 400);
  assert.equal(invalid.headers.get('location'), null);
  assert.equal(JSON.parse(await invalid.text()).errorMessage, 'Invalid name: nobody');
});
