/** REST-40..45 on a manual clock with a fake invoker: the events, the verdicts, the cache and the 10 s timeout. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryLog } from '../internal/log.ts';
import { ManualClock } from '../internal/manual-clock.ts';
import type { InvocationOutcome, Invoker } from '../lambda/invoker.ts';
import type { RestLambdaAuthorizerModel } from '../model/types.ts';
import type { RestAuthorizationRequest, RestAuthorizationVerdict } from './authorization.ts';
import type { RestRequestShape } from './authorizer-events.ts';
import { integrationAuthorizer, RestLambdaAuthorizer } from './lambda-authorizer.ts';

const START = Date.UTC(2024, 1, 9, 18, 11, 43, 419);
const ARN_PREFIX = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/dev';
const TODOS = `${ARN_PREFIX}/GET/todos/1`;
const USERS = `${ARN_PREFIX}/GET/users`;

function shapeOf(clock: ManualClock, rawHeaders: string[], rawQuery: string): RestRequestShape {
  return {
    facts: {
      method: 'GET',
      rawPath: '/dev/todos/1',
      rawQuery,
      rawHeaders: ['Host', '127.0.0.1:3000', 'User-Agent', 'curl/8.5.0', ...rawHeaders],
      body: undefined,
      sourceIp: '127.0.0.1',
      domainName: '127.0.0.1:3000',
      localPort: 3000,
      secure: false,
      traceId: 'Root=1-65c66a6f-0a1b2c3d4e5f60718293a4b5',
      requestId: 'Yk3rqeHsoAMFa7w=',
      timeEpoch: clock.now(),
    },
    api: { apiId: 'a1b2c3d4e5', accountId: '123456789012', stage: 'dev', stageVariables: { tier: 'gold' } },
    pathParameters: { id: '1' },
    resource: '/todos/{id}',
    path: '/todos/1',
    requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  };
}

function request(clock: ManualClock, methodArn: string, headers: string[] = ['Authorization', 'allow'], rawQuery = ''): RestAuthorizationRequest {
  return {
    methodArn,
    rawHeaders: ['Host', '127.0.0.1:3000', ...headers],
    requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
    shape: () => shapeOf(clock, headers, rawQuery),
  };
}

/** `answer` decides each invocation's result from its event; every invocation is recorded. */
function authorizer(model: Partial<RestLambdaAuthorizerModel>, answer: (event: any) => InvocationOutcome | undefined) {
  const clock = new ManualClock(START);
  const events: any[] = [];
  const invoker: Invoker = {
    has: () => true,
    dispose: async () => {},
    invoke: async (_name, event) => {
      events.push(event);
      const outcome = answer(event);
      if (outcome === undefined) return new Promise<InvocationOutcome>(() => {});
      // The function takes 12 ms of the gateway's clock (REST-43's integrationLatency).
      await clock.advance(12);
      return outcome;
    },
  };
  const log = memoryLog();
  const subject = new RestLambdaAuthorizer({
    model: {
      name: 'auth',
      type: 'TOKEN',
      function: 'authorize',
      identitySource: ['method.request.header.Authorization'],
      authorizerResultTtlInSeconds: 300,
      ...model,
    },
    apiName: 'todos',
    invoker,
    clock,
    log,
  });
  return { subject, clock, events, log };
}

const ok = (payload: unknown): InvocationOutcome => ({ kind: 'ok', requestId: 'r', payload });
const policy = (effect: string, resource: string, extra: Record<string, unknown> = {}) => ({
  principalId: 'alice',
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
  ...extra,
});

function verdictOf(verdict: RestAuthorizationVerdict): string {
  return verdict.kind === 'deny' ? `${verdict.error.type}${verdict.error.message ? ` ${verdict.error.message}` : ''}` : 'allow';
}

test('REST-40 the TOKEN event: the header value and the method ARN, nothing else', async () => {
  const { subject, clock, events } = authorizer({}, () => ok(policy('Allow', TODOS)));
  await subject.authorize(request(clock, TODOS, ['authorization', 'first', 'Authorization', 'tok-1']));
  assert.deepStrictEqual(events, [{ type: 'TOKEN', authorizationToken: 'tok-1', methodArn: TODOS }]);
});

test('REST-40 REST-43 an allowed request gets the context as strings, the principal and the latency', async () => {
  const { subject, clock } = authorizer({}, () =>
    ok(policy('Allow', `${ARN_PREFIX}/*`, { context: { user: 'alice', n: 1, ok: false }, usageIdentifierKey: 'k-1' })),
  );
  assert.deepStrictEqual(await subject.authorize(request(clock, TODOS)), {
    kind: 'allow',
    context: { user: 'alice', n: '1', ok: 'false', principalId: 'alice', integrationLatency: 12 },
    usageIdentifierKey: 'k-1',
  });
});

test('REST-40 every outcome of an invoked authorizer', async () => {
  const cases: Array<[InvocationOutcome, string]> = [
    [ok(policy('Deny', TODOS)), 'ACCESS_DENIED User is not authorized to access this resource with an explicit deny'],
    [ok(policy('Allow', USERS)), 'ACCESS_DENIED'],
    [{ kind: 'error', requestId: 'r', error: { errorType: 'Error', errorMessage: 'Unauthorized', trace: [] } } as InvocationOutcome, 'UNAUTHORIZED'],
    [{ kind: 'error', requestId: 'r', error: { errorType: 'Error', errorMessage: 'down', trace: [] } } as InvocationOutcome, 'AUTHORIZER_CONFIGURATION_ERROR'],
    [ok({ principalId: 'alice' }), 'AUTHORIZER_CONFIGURATION_ERROR'],
    [ok(policy('Allow', TODOS, { context: { list: [1] } })), 'AUTHORIZER_CONFIGURATION_ERROR'],
    [ok('Allow'), 'AUTHORIZER_CONFIGURATION_ERROR'],
  ];
  for (const [outcome, expected] of cases) {
    const { subject, clock, log } = authorizer({ authorizerResultTtlInSeconds: 0 }, () => outcome);
    assert.equal(verdictOf(await subject.authorize(request(clock, TODOS))), expected);
    if (expected === 'AUTHORIZER_CONFIGURATION_ERROR') {
      assert.ok(log.lines.some((line) => line.includes('authorizer "auth" of REST API todos, request c6af9ac6-7b61-11e6-9a41-93e8deadbeef: ')));
    }
  }
});

test('REST-40 an authorizer that does not answer within 10 s of the gateway clock: 500', async () => {
  const { subject, clock, log } = authorizer({}, () => undefined);
  const pending = subject.authorize(request(clock, TODOS));
  await clock.advance(9_999);
  let settled = false;
  void pending.then(() => {
    settled = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(settled, false);
  await clock.advance(1);
  assert.equal(verdictOf(await pending), 'AUTHORIZER_CONFIGURATION_ERROR');
  assert.ok(log.lines.some((line) => line.endsWith(': the authorizer timed out')));
});

test('REST-41 a missing or empty token, or one the expression refuses, is 401 without invoking', async () => {
  const { subject, clock, events } = authorizer({ identityValidationExpression: 'Bearer [a-z]+' }, () => ok(policy('Allow', TODOS)));
  assert.equal(verdictOf(await subject.authorize(request(clock, TODOS, []))), 'UNAUTHORIZED');
  assert.equal(verdictOf(await subject.authorize(request(clock, TODOS, ['Authorization', '']))), 'UNAUTHORIZED');
  // The whole token must match: a prefix or a suffix that matches is not enough.
  assert.equal(verdictOf(await subject.authorize(request(clock, TODOS, ['Authorization', 'Bearer abc1']))), 'UNAUTHORIZED');
  assert.equal(verdictOf(await subject.authorize(request(clock, TODOS, ['Authorization', 'x Bearer abc']))), 'UNAUTHORIZED');
  assert.equal(events.length, 0);
  assert.equal(verdictOf(await subject.authorize(request(clock, TODOS, ['Authorization', 'Bearer abc']))), 'allow');
  assert.equal(events.length, 1);
});

test('REST-42 the REQUEST event: type, methodArn, then the proxy request fields without a body', async () => {
  const sources = ['method.request.header.X-Tenant', 'method.request.querystring.v', 'stageVariables.tier', 'context.identity.sourceIp'];
  const { subject, clock, events } = authorizer({ type: 'REQUEST', identitySource: sources }, () => ok(policy('Allow', TODOS)));
  assert.equal(verdictOf(await subject.authorize(request(clock, TODOS, ['X-Tenant', 'acme'], 'v=1&v=2'))), 'allow');
  const headers = {
    Host: '127.0.0.1:3000',
    'User-Agent': 'curl/8.5.0',
    'X-Tenant': 'acme',
    'X-Amzn-Trace-Id': 'Root=1-65c66a6f-0a1b2c3d4e5f60718293a4b5',
    'X-Forwarded-For': '127.0.0.1',
    'X-Forwarded-Port': '3000',
    'X-Forwarded-Proto': 'http',
  };
  const { requestContext, ...event } = events[0];
  assert.deepStrictEqual(event, {
    type: 'REQUEST',
    methodArn: TODOS,
    resource: '/todos/{id}',
    path: '/todos/1',
    httpMethod: 'GET',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    queryStringParameters: { v: '2' },
    multiValueQueryStringParameters: { v: ['1', '2'] },
    pathParameters: { id: '1' },
    stageVariables: { tier: 'gold' },
  });
  assert.equal(requestContext.requestId, 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef');
  assert.equal(requestContext.resourcePath, '/todos/{id}');
});

test('REST-42 every identity source is required: one missing or empty is 401 without invoking', async () => {
  const sources = ['method.request.header.X-Tenant', 'method.request.querystring.v', 'stageVariables.missing'];
  const { subject, clock, events } = authorizer({ type: 'REQUEST', identitySource: sources.slice(0, 2) }, () => ok(policy('Allow', TODOS)));
  assert.equal(verdictOf(await subject.authorize(request(clock, TODOS, ['X-Tenant', 'acme']))), 'UNAUTHORIZED');
  assert.equal(verdictOf(await subject.authorize(request(clock, TODOS, ['X-Tenant', ''], 'v=1'))), 'UNAUTHORIZED');
  assert.equal(events.length, 0);
  const staged = authorizer({ type: 'REQUEST', identitySource: sources }, () => ok(policy('Allow', TODOS)));
  assert.equal(verdictOf(await staged.subject.authorize(request(staged.clock, TODOS, ['X-Tenant', 'acme'], 'v=1'))), 'UNAUTHORIZED');
  assert.equal(staged.events.length, 0);
});

test('REST-44 a TOKEN result is cached per token for its TTL, its policy evaluated again per method ARN', async () => {
  const { subject, clock, events } = authorizer({ authorizerResultTtlInSeconds: 60 }, (event) => ok(policy('Allow', event.methodArn)));
  assert.equal(verdictOf(await subject.authorize(request(clock, TODOS))), 'allow');
  const cached = await subject.authorize(request(clock, TODOS));
  assert.equal(cached.kind === 'allow' && cached.context.integrationLatency, 0);
  assert.equal(verdictOf(await subject.authorize(request(clock, USERS))), 'ACCESS_DENIED');
  assert.equal(events.length, 1);
  assert.equal(verdictOf(await subject.authorize(request(clock, TODOS, ['Authorization', 'other']))), 'allow');
  assert.equal(events.length, 2);
  await clock.advance(60_000);
  assert.equal(verdictOf(await subject.authorize(request(clock, USERS))), 'allow');
  assert.equal(events.length, 3);
});

test('REST-44 errors are not cached; with TTL 0 nothing is', async () => {
  let fail = true;
  const { subject, clock, events } = authorizer({}, () =>
    fail
      ? ({ kind: 'error', requestId: 'r', error: { errorType: 'Error', errorMessage: 'Unauthorized', trace: [] } } as InvocationOutcome)
      : ok(policy('Allow', TODOS)),
  );
  assert.equal(verdictOf(await subject.authorize(request(clock, TODOS))), 'UNAUTHORIZED');
  fail = false;
  assert.equal(verdictOf(await subject.authorize(request(clock, TODOS))), 'allow');
  assert.equal(events.length, 2);
  const uncached = authorizer({ authorizerResultTtlInSeconds: 0 }, () => ok(policy('Allow', TODOS)));
  for (let i = 0; i < 3; i++) await uncached.subject.authorize(request(uncached.clock, TODOS));
  assert.equal(uncached.events.length, 3);
});

test('REST-44 a REQUEST result is cached under the tuple of identity-source values', async () => {
  const identitySource = ['method.request.header.X-Tenant', 'method.request.querystring.v'];
  const { subject, clock, events } = authorizer({ type: 'REQUEST', identitySource }, () => ok(policy('Allow', `${ARN_PREFIX}/*`)));
  await subject.authorize(request(clock, TODOS, ['X-Tenant', 'acme'], 'v=1'));
  await subject.authorize(request(clock, USERS, ['X-Tenant', 'acme'], 'v=1'));
  await subject.authorize(request(clock, TODOS, ['X-Tenant', 'acme'], 'v=2'));
  assert.equal(events.length, 2);
});

test('REST-45 the usageIdentifierKey is kept with the cached result; a non-string one is none', async () => {
  const { subject, clock } = authorizer({}, () => ok(policy('Allow', TODOS, { usageIdentifierKey: 'k-1' })));
  await subject.authorize(request(clock, TODOS));
  const cached = await subject.authorize(request(clock, TODOS));
  assert.equal(cached.kind === 'allow' && cached.usageIdentifierKey, 'k-1');
  const numeric = authorizer({}, () => ok(policy('Allow', TODOS, { usageIdentifierKey: 7 })));
  const verdict = await numeric.subject.authorize(request(numeric.clock, TODOS));
  assert.equal(verdict.kind === 'allow' && verdict.usageIdentifierKey, undefined);
});

test('REST-43 integrationAuthorizer: strings, then principalId and integrationLatency', () => {
  assert.deepStrictEqual(integrationAuthorizer({ principalId: 'p', statements: [], context: { a: 1, b: true, principalId: 'x' } }, 5), {
    a: '1',
    b: 'true',
    principalId: 'p',
    integrationLatency: 5,
  });
});

test('REST-40 GEN-5 a method ARN over 1600 bytes is 414 without invoking', async () => {
  const { subject, clock, events } = authorizer({}, () => ok(policy('Allow', '*')));
  const long = `${ARN_PREFIX}/GET/${'a'.repeat(1600 - ARN_PREFIX.length - 5)}`;
  assert.equal(Buffer.byteLength(long), 1600);
  assert.equal(verdictOf(await subject.authorize(request(clock, long))), 'allow');
  const verdict = await subject.authorize(request(clock, `${long}b`));
  assert.deepStrictEqual(verdict, { kind: 'deny', error: { type: 'DEFAULT_4XX', statusCode: 414, message: 'Request URI too long' } });
  assert.equal(events.length, 1);
});
