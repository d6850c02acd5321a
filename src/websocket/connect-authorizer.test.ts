/** The `$connect` authorizer in the runtime, on a manual clock: its timeout, its latency, and what it costs an API without one. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemIds } from '../internal/ids.ts';
import { memoryLog } from '../internal/log.ts';
import { ManualClock } from '../internal/manual-clock.ts';
import type { InvocationOutcome, Invoker } from '../lambda/invoker.ts';
import { WEBSOCKET_LIMITS } from '../limits.ts';
import type { WebSocketApiModel } from '../model/types.ts';
import { MemoryWebSocket, UnexpectedResponse } from './memory-client.ts';
import { memoryTarget } from './memory-connect.ts';
import { WebSocketRuntime } from './runtime.ts';

const PORT = 3001;

/** The authorizer `allow` allows after 10 ms of the manual clock; `hang` never answers; every other function answers 200. */
function start(authorizerFunction: 'allow' | 'hang', keyed = false) {
  const clock = new ManualClock();
  const calls: Array<{ functionName: string; event: any }> = [];
  const invoker: Invoker = {
    has: () => true,
    dispose: async () => {},
    invoke(functionName, event) {
      calls.push({ functionName, event });
      if (functionName === 'hang') return new Promise(() => {});
      const payload =
        functionName === 'allow'
          ? { principalId: 'p', policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, context: { n: 1 }, usageIdentifierKey: 'k' }
          : { statusCode: 200 };
      const answer: InvocationOutcome = { kind: 'ok', requestId: 'r', payload };
      return new Promise((resolve) => clock.setTimer(10, () => resolve(answer)));
    },
  };
  const api: WebSocketApiModel = {
    protocol: 'WEBSOCKET',
    name: 'chat',
    routeSelectionExpression: '$request.body.action',
    stage: { name: 'dev', variables: {} },
    routes: [
      {
        key: '$connect',
        function: 'connect',
        integrationTimeoutMs: 1_000,
        authorizationType: 'CUSTOM',
        authorizerId: 'token',
        ...(keyed ? { apiKeyRequired: true } : {}),
      },
    ],
    ...(keyed ? { apiKeySelectionExpression: '$context.authorizer.usageIdentifierKey' as const } : {}),
    authorizers: [{ name: 'token', authorizerType: 'REQUEST', function: authorizerFunction, identitySource: ['route.request.querystring.token'] }],
  };
  const log = memoryLog();
  const runtime = new WebSocketRuntime({
    api,
    apiId: 'abcdefghij',
    invoker,
    limits: WEBSOCKET_LIMITS,
    clock,
    ids: systemIds,
    log,
    region: 'eu-west-1',
    accountId: '123456789012',
    ...(keyed ? { apiKeys: [{ name: 'mobile', value: 'k', id: 'mobilekey1' }] } : {}),
  });
  const connect = (url: string) =>
    new MemoryWebSocket(Promise.resolve(memoryTarget(url, {}, [{ port: PORT, runtime }], { host: '127.0.0.1', aliases: [], networkHosts: [] })));
  return { clock, calls, connect, log };
}

test('AUTH-6 an authorizer that does not answer within 29 s is a 500, and $connect is never invoked', async () => {
  const { clock, calls, connect, log } = start('hang');
  const client = connect(`ws://127.0.0.1:${PORT}/dev?token=t`);
  const refused = client.opened.then(
    () => undefined,
    (error: unknown) => error,
  );
  await clock.advance(28_999);
  assert.deepEqual(
    calls.map((call) => call.functionName),
    ['hang'],
  );
  await clock.advance(1);
  const error = await refused;
  assert.ok(error instanceof UnexpectedResponse);
  assert.deepEqual([error.statusCode, error.body], [500, '{"message":null}']);
  assert.deepEqual(
    calls.map((call) => call.functionName),
    ['hang'],
  );
  assert.ok(log.lines.includes('warn $connect authorizer "token" of WebSocket API chat: the authorizer timed out'));
});

test("AUTH-3 WS-36 the method ARN names the region and account; integrationLatency is the authorizer's time on the clock", async () => {
  const { clock, calls, connect } = start('allow');
  const client = connect(`ws://127.0.0.1:${PORT}/dev?token=t`);
  await clock.advance(10);
  await clock.advance(10);
  await client.opened;
  const [authorizer, connectCall] = calls;
  assert.equal(authorizer?.event.methodArn, 'arn:aws:execute-api:eu-west-1:123456789012:abcdefghij/dev/$connect');
  assert.equal(authorizer?.event.headers.Connection, 'Upgrade');
  assert.equal(authorizer?.event.headers.Upgrade, 'websocket');
  assert.deepEqual(connectCall?.event.requestContext.authorizer, { principalId: 'p', n: '1', integrationLatency: 10 });
  assert.equal(connectCall?.event.headers.Connection, undefined, 'the CONNECT event still drops hop-by-hop headers');
  client.close();
  const second = connect(`ws://127.0.0.1:${PORT}/dev?token=t`);
  await clock.advance(10);
  await clock.advance(10);
  await second.opened;
  // Without apiKeyRequired the result's usageIdentifierKey names no key: nothing about keys in the events.
  assert.equal(connectCall?.event.requestContext.identity.apiKey, undefined);
  second.close();
});

test('AUTH-8 with $context.authorizer.usageIdentifierKey the authorizer names the key: known, the connection is accepted with it in its identity', async () => {
  const { clock, calls, connect } = start('allow', true);
  const client = connect(`ws://127.0.0.1:${PORT}/dev?token=t`);
  await clock.advance(10);
  await clock.advance(10);
  await client.opened;
  const connectCall = calls.find((call) => call.functionName === 'connect');
  assert.deepEqual(connectCall?.event.requestContext.identity, { apiKey: 'k', apiKeyId: 'mobilekey1', sourceIp: '127.0.0.1' });
  client.close();
});
