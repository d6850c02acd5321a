/** THR-1..4 on HTTP and REST APIs in fake time: buckets per route or method, stage defaults, exact 429 answers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHttpApi } from '../http/runtime.ts';
import { requestFromFetch } from '../internal/edge/fetch.ts';
import type { EdgeHandler, GatewayResponse } from '../internal/edge/values.ts';
import { systemIds } from '../internal/ids.ts';
import { silentLog } from '../internal/log.ts';
import { ManualClock } from '../internal/manual-clock.ts';
import type { Invoker } from '../lambda/invoker.ts';
import type { HttpApiModel, RestApiModel, RestMethodModel, ThrottlingModel } from '../model/types.ts';
import { createRestApi } from '../rest/runtime.ts';

/** Answers every invocation at once, counting them. */
function countingInvoker(): Invoker & { calls: number } {
  const invoker = {
    calls: 0,
    has: () => true,
    dispose: async () => {},
    invoke: async () => {
      invoker.calls += 1;
      return { kind: 'ok' as const, requestId: 'r', payload: { statusCode: 200, body: 'ok' } };
    },
  };
  return invoker;
}

function settings(clock: ManualClock, invoker: Invoker) {
  return { apiId: 'abcdefghij', accountId: '123456789012', invoker, clock, ids: systemIds, log: silentLog };
}

async function send(handler: EdgeHandler, path: string): Promise<GatewayResponse> {
  return (await handler(await requestFromFetch(new Request(`http://127.0.0.1:3000${path}`), 3000))) as GatewayResponse;
}

async function statuses(handler: EdgeHandler, path: string, count: number): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) seen.push((await send(handler, path)).statusCode);
  return seen;
}

function restApi(stage: ThrottlingModel | undefined, methods: Array<[string, ThrottlingModel | undefined]>): RestApiModel {
  const method = (throttling: ThrottlingModel | undefined): RestMethodModel => ({
    httpMethod: 'GET',
    function: 'f',
    integration: 'AWS_PROXY',
    integrationTimeoutMs: 29_000,
    methodResponses: [],
    integrationResponses: [],
    ...(throttling ? { throttling } : {}),
  });
  return {
    protocol: 'REST',
    name: 'rest',
    stage: { name: 'prod', variables: {}, ...(stage ? { throttling: stage } : {}) },
    binaryMediaTypes: [],
    resources: methods.map(([path, throttling]) => ({ path, methods: [method(throttling)] })),
  };
}

test('THR-1 THR-2 THR-4 REST stage throttling: the burst passes, the next is 429 with REST headers; the bucket refills at the rate', async () => {
  const clock = new ManualClock();
  const invoker = countingInvoker();
  const handler = createRestApi({ api: restApi({ burstLimit: 2, rateLimit: 1 }, [['/a', undefined]]), ...settings(clock, invoker) });
  assert.deepEqual(await statuses(handler, '/prod/a', 2), [200, 200]);
  const throttled = await send(handler, '/prod/a');
  assert.equal(throttled.statusCode, 429);
  assert.equal(throttled.body.toString(), '{"message":"Too Many Requests"}');
  assert.deepEqual(
    throttled.headers.map(([name]) => name),
    ['content-type', 'x-amzn-errortype', 'x-amzn-RequestId'],
  );
  assert.deepEqual(throttled.headers.slice(0, 2), [
    ['content-type', 'application/json'],
    ['x-amzn-errortype', 'TooManyRequestsException'],
  ]);
  // THR-1: a throttled request reaches no integration.
  assert.equal(invoker.calls, 2);
  await clock.advance(999);
  assert.deepEqual(await statuses(handler, '/prod/a', 1), [429]);
  await clock.advance(1);
  assert.deepEqual(await statuses(handler, '/prod/a', 2), [200, 429]);
  assert.equal(invoker.calls, 3);
});

test('THR-2 REST per-method throttling overrides the stage; each method has its own bucket', async () => {
  const clock = new ManualClock();
  const handler = createRestApi({
    api: restApi({ burstLimit: 2, rateLimit: 1 }, [
      ['/a', { burstLimit: 1, rateLimit: 1 }],
      ['/b', undefined],
    ]),
    ...settings(clock, countingInvoker()),
  });
  assert.deepEqual(await statuses(handler, '/prod/a', 2), [200, 429]);
  assert.deepEqual(await statuses(handler, '/prod/b', 3), [200, 200, 429]);
});

test('THR-2 THR-3 a REST method without settings anywhere is not throttled; zero limits throttle every request // spec: unverified', async () => {
  const clock = new ManualClock();
  const handler = createRestApi({
    api: restApi(undefined, [
      ['/free', undefined],
      ['/closed', { burstLimit: 0, rateLimit: 0 }],
    ]),
    ...settings(clock, countingInvoker()),
  });
  assert.deepEqual(await statuses(handler, '/prod/free', 20), new Array(20).fill(200));
  assert.deepEqual(await statuses(handler, '/prod/closed', 2), [429, 429]);
  await clock.advance(60_000);
  assert.deepEqual(await statuses(handler, '/prod/closed', 1), [429]);
});

test('THR-1 THR-2 HTTP API: the seed example, burst 10 and rate 50/s: the 11th in the same millisecond is 429, one more 20 ms later', async () => {
  const clock = new ManualClock();
  const invoker = countingInvoker();
  const api: HttpApiModel = {
    protocol: 'HTTP',
    name: 'todo',
    stage: { name: '$default', variables: {}, autoDeploy: true, throttling: { burstLimit: 10, rateLimit: 50 } },
    routes: [{ key: 'GET /todos', function: 'f', payloadFormatVersion: '2.0', integrationTimeoutMs: 30_000 }],
  };
  const handler = createHttpApi({ api, ...settings(clock, invoker) });
  assert.deepEqual(await statuses(handler, '/todos', 11), [...new Array(10).fill(200), 429]);
  await clock.advance(20);
  assert.deepEqual(await statuses(handler, '/todos', 2), [200, 429]);
  assert.equal(invoker.calls, 11);
  const throttled = await send(handler, '/todos');
  assert.equal(throttled.body.toString(), '{"message":"Too Many Requests"}');
});
