/** Throttling as the builders declare it, through a running gateway, in memory: REST stage and method settings, `@connections` (THR-1..4). */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { fn, restApi, service, websocketApi } from '../../src/index.ts';
import { startGateway } from '../helpers/gateway.ts';

const ok = fn('ok', { handler: 'handlers.ts#ok' });
const rootDir = join(import.meta.dirname, '../fixtures/services/malformed');

test('THR-2 THR-3 THR-4 restApi(): stage throttling for every method, a method option overriding it', async (t) => {
  const rest = restApi({ name: 'rest', stage: { name: 'prod', throttling: { burstLimit: 1, rateLimit: 0 } } });
  rest.resource('/stage').method('GET', ok);
  rest.resource('/own').method('GET', ok, { throttling: { burstLimit: 3, rateLimit: 0 } });
  const { gateway, urls } = await startGateway(t, service('restthrottle', { apis: [rest], rootDir }));
  const { url } = urls.apis[0] as ApiEndpoint;
  const statuses = async (path: string, count: number) => {
    const seen: number[] = [];
    for (let i = 0; i < count; i++) seen.push((await gateway.fetch(`${url}${path}`)).status);
    return seen;
  };
  assert.deepEqual(await statuses('/stage', 2), [200, 429]);
  assert.deepEqual(await statuses('/own', 4), [200, 200, 200, 429]);
  const throttled = await gateway.fetch(`${url}/stage`);
  assert.deepEqual(
    [throttled.status, throttled.headers.get('x-amzn-errortype'), await throttled.text()],
    [429, 'TooManyRequestsException', '{"message":"Too Many Requests"}'],
  );
  assert.match(throttled.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
});

test('THR-1 THR-4 the WebSocket stage throttling reaches @connections: a call over it is 429 LimitExceededException', async (t) => {
  const chat = websocketApi({
    name: 'chat',
    routeSelectionExpression: '$request.body.action',
    stage: { name: 'dev', throttling: { burstLimit: 1, rateLimit: 0 } },
  }).route('$default', ok);
  const { gateway, urls } = await startGateway(t, service('wsthrottle', { apis: [chat], rootDir }));
  const endpoint = (urls.apis[0] as ApiEndpoint).managementEndpoint as string;
  const signed = {
    authorization: `AWS4-HMAC-SHA256 Credential=AKIDTEST/20240209/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
  };
  const first = await gateway.fetch(`${endpoint}/@connections/UNKNOWNUNKNOWN0%3D`, { headers: signed });
  assert.equal(first.status, 410);
  const second = await gateway.fetch(`${endpoint}/@connections/UNKNOWNUNKNOWN0%3D`, { headers: signed });
  assert.deepEqual(
    [second.status, second.headers.get('x-amzn-errortype'), await second.text()],
    [429, 'LimitExceededException', '{"message":"Too Many Requests"}'],
  );
});
