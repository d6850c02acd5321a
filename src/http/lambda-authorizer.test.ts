/** AUTH-30..35 on a manual clock with a fake invoker: the events, the verdicts, the cache and the 10 s timeout. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryLog } from '../internal/log.ts';
import { ManualClock } from '../internal/manual-clock.ts';
import type { InvocationOutcome, Invoker } from '../lambda/invoker.ts';
import type { HttpLambdaAuthorizerModel, HttpRouteModel } from '../model/types.ts';
import type { AuthorizationRequest, AuthorizationVerdict } from './authorization.ts';
import { HttpLambdaAuthorizer, integrationAuthorizer, MAX_ROUTE_ARN_BYTES } from './lambda-authorizer.ts';

const START = Date.UTC(2024, 1, 9, 18, 11, 43, 419);
const route = (key: string): HttpRouteModel => ({
  key,
  function: 'todos',
  payloadFormatVersion: '2.0',
  integrationTimeoutMs: 30_000,
  authorizationType: 'CUSTOM',
  authorizerId: 'auth',
});
const TODOS = route('GET /todos/{id}');
const USERS = route('GET /users');

function request(clock: ManualClock, target: string, routeModel: HttpRouteModel, headers: string[] = ['Authorization', 'Bearer abc']): AuthorizationRequest {
  const queryAt = target.indexOf('?');
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
  return {
    facts: {
      method: 'GET',
      rawPath: `/dev${rawPath}`,
      rawQuery: queryAt === -1 ? '' : target.slice(queryAt + 1),
      rawHeaders: ['Host', '127.0.0.1:3000', 'User-Agent', 'curl/8.5.0', ...headers],
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
    route: routeModel,
    pathParameters: routeModel === TODOS ? { id: '1' } : undefined,
    path: rawPath,
  };
}

/** `answer` decides each invocation's result from its event; every invocation is recorded. */
function authorizer(model: Partial<HttpLambdaAuthorizerModel>, answer: (event: any) => InvocationOutcome | undefined) {
  const clock = new ManualClock(START);
  const events: any[] = [];
  const invoker: Invoker = {
    has: () => true,
    dispose: async () => {},
    invoke: async (_name, event) => {
      events.push(event);
      return answer(event) ?? new Promise<InvocationOutcome>(() => {});
    },
  };
  const log = memoryLog();
  const subject = new HttpLambdaAuthorizer({
    model: {
      name: 'auth',
      authorizerType: 'REQUEST',
      function: 'authorize',
      authorizerPayloadFormatVersion: '2.0',
      enableSimpleResponses: true,
      identitySource: ['$request.header.Authorization'],
      authorizerResultTtlInSeconds: 300,
      ...model,
    },
    apiName: 'todos',
    region: 'eu-west-1',
    invoker,
    clock,
    log,
  });
  return { subject, clock, events, log };
}

const ok = (payload: unknown): InvocationOutcome => ({ kind: 'ok', requestId: 'r', payload });
const ARN = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/dev/GET/todos/1';

function status(verdict: AuthorizationVerdict): number | string {
  return verdict.kind === 'deny' ? `${verdict.response.statusCode} ${verdict.response.body}` : 'allow';
}

test('AUTH-31 the 2.0 event: the integration event without body, plus type, routeArn (GEN-5) and the source values', async () => {
  const { subject, clock, events } = authorizer({ identitySource: ['$request.header.Authorization', '$request.querystring.v'] }, () =>
    ok({ isAuthorized: true }),
  );
  await subject.authorize(request(clock, '/todos/1?v=1&v=2', TODOS));
  assert.deepStrictEqual(events[0], {
    version: '2.0',
    type: 'REQUEST',
    routeArn: ARN,
    identitySource: ['Bearer abc', '1,2'],
    routeKey: 'GET /todos/{id}',
    rawPath: '/dev/todos/1',
    rawQueryString: 'v=1&v=2',
    headers: {
      authorization: 'Bearer abc',
      host: '127.0.0.1:3000',
      'user-agent': 'curl/8.5.0',
      'x-amzn-trace-id': 'Root=1-65c66a6f-0a1b2c3d4e5f60718293a4b5',
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-port': '3000',
      'x-forwarded-proto': 'http',
    },
    queryStringParameters: { v: '1,2' },
    pathParameters: { id: '1' },
    stageVariables: { tier: 'gold' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      domainName: '127.0.0.1:3000',
      domainPrefix: '127',
      http: { method: 'GET', path: '/dev/todos/1', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'curl/8.5.0' },
      requestId: 'Yk3rqeHsoAMFa7w=',
      routeKey: 'GET /todos/{id}',
      stage: 'dev',
      time: '09/Feb/2024:18:11:43 +0000',
      timeEpoch: START,
    },
  });
});

test('AUTH-32 the 1.0 event: REST-style REQUEST event with version, joined identity values and methodArn', async () => {
  const { subject, clock, events } = authorizer(
    { authorizerPayloadFormatVersion: '1.0', enableSimpleResponses: false, identitySource: ['$request.header.Authorization', '$stageVariables.tier'] },
    () => ok({ principalId: 'alice', policyDocument: { Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }] } }),
  );
  await subject.authorize(request(clock, '/todos/1', TODOS));
  assert.deepStrictEqual(events[0], {
    version: '1.0',
    type: 'REQUEST',
    methodArn: ARN,
    identitySource: 'Bearer abc,gold',
    authorizationToken: 'Bearer abc,gold',
    resource: '/todos/{id}',
    path: '/todos/1',
    httpMethod: 'GET',
    headers: {
      authorization: 'Bearer abc',
      host: '127.0.0.1:3000',
      'user-agent': 'curl/8.5.0',
      'x-amzn-trace-id': 'Root=1-65c66a6f-0a1b2c3d4e5f60718293a4b5',
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-port': '3000',
      'x-forwarded-proto': 'http',
    },
    queryStringParameters: null,
    pathParameters: { id: '1' },
    stageVariables: { tier: 'gold' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      domainName: '127.0.0.1:3000',
      domainPrefix: '127',
      extendedRequestId: 'Yk3rqeHsoAMFa7w=',
      httpMethod: 'GET',
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '127.0.0.1',
        user: null,
        userAgent: 'curl/8.5.0',
        userArn: null,
      },
      path: '/dev/todos/1',
      protocol: 'HTTP/1.1',
      requestId: 'Yk3rqeHsoAMFa7w=',
      requestTime: '09/Feb/2024:18:11:43 +0000',
      requestTimeEpoch: START,
      resourceId: null,
      resourcePath: '/todos/{id}',
      stage: 'dev',
    },
  });
});

test('AUTH-30 a missing or empty identity source is a 401 without an invocation', async () => {
  const { subject, clock, events } = authorizer({}, () => ok({ isAuthorized: true }));
  assert.equal(status(await subject.authorize(request(clock, '/todos/1', TODOS, []))), '401 {"message":"Unauthorized"}');
  assert.equal(status(await subject.authorize(request(clock, '/todos/1', TODOS, ['authorization', '']))), '401 {"message":"Unauthorized"}');
  assert.equal(events.length, 0);
});

test('AUTH-33 the 10 s timeout is on the gateway clock: 500, and the next request invokes again', async () => {
  const { subject, clock, events, log } = authorizer({}, () => undefined);
  const pending = subject.authorize(request(clock, '/todos/1', TODOS));
  await clock.advance(9_999);
  let settled = false;
  void pending.then(() => {
    settled = true;
  });
  await clock.advance(0);
  assert.equal(settled, false);
  await clock.advance(1);
  assert.equal(status(await pending), '500 {"message":"Internal Server Error"}');
  assert.match(log.lines.join('\n'), /authorizer "auth" of HTTP API todos, request Yk3rqeHsoAMFa7w=: the authorizer timed out/);
  void subject.authorize(request(clock, '/todos/1', TODOS));
  await clock.advance(0);
  assert.equal(events.length, 2);
});

test('AUTH-35 within the TTL the cached result serves every route of the authorizer; after it, the authorizer runs again', async () => {
  const { subject, clock, events } = authorizer({ authorizerResultTtlInSeconds: 60 }, () => ok({ isAuthorized: true, context: { n: 1 } }));
  assert.equal(status(await subject.authorize(request(clock, '/todos/1', TODOS))), 'allow');
  await clock.advance(59_999);
  assert.equal(status(await subject.authorize(request(clock, '/todos/1', TODOS))), 'allow');
  assert.equal(status(await subject.authorize(request(clock, '/users', USERS))), 'allow');
  assert.equal(events.length, 1);
  assert.equal(status(await subject.authorize(request(clock, '/todos/1', TODOS, ['Authorization', 'Bearer other']))), 'allow');
  assert.equal(events.length, 2);
  await clock.advance(1);
  await subject.authorize(request(clock, '/todos/1', TODOS));
  assert.equal(events.length, 3);
});

test('AUTH-35 a cached simple denial denies every route; a cached policy is evaluated again per route ARN', async () => {
  const simple = authorizer({}, () => ok({ isAuthorized: false }));
  assert.equal(status(await simple.subject.authorize(request(simple.clock, '/todos/1', TODOS))), '403 {"message":"Forbidden"}');
  assert.equal(status(await simple.subject.authorize(request(simple.clock, '/users', USERS))), '403 {"message":"Forbidden"}');
  assert.equal(simple.events.length, 1);

  const policy = authorizer({ enableSimpleResponses: false }, () =>
    ok({ principalId: 'alice', policyDocument: { Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: ARN }] } }),
  );
  assert.equal(status(await policy.subject.authorize(request(policy.clock, '/todos/1', TODOS))), 'allow');
  assert.equal(status(await policy.subject.authorize(request(policy.clock, '/users', USERS))), '403 {"message":"Forbidden"}');
  assert.equal(policy.events.length, 1);
});

test('AUTH-35 no cache with TTL 0 or without identity sources; `$context.routeKey` as a source caches per route', async () => {
  for (const model of [{ authorizerResultTtlInSeconds: 0 }, { identitySource: [] }]) {
    const { subject, clock, events } = authorizer(model, () => ok({ isAuthorized: true }));
    await subject.authorize(request(clock, '/todos/1', TODOS));
    await subject.authorize(request(clock, '/todos/1', TODOS));
    assert.equal(events.length, 2, JSON.stringify(model));
  }
  const { subject, clock, events } = authorizer({ identitySource: ['$request.header.Authorization', '$context.routeKey'] }, () => ok({ isAuthorized: true }));
  await subject.authorize(request(clock, '/todos/1', TODOS));
  await subject.authorize(request(clock, '/users', USERS));
  await subject.authorize(request(clock, '/users', USERS));
  assert.deepEqual(
    events.map((event) => event.identitySource),
    [
      ['Bearer abc', 'GET /todos/{id}'],
      ['Bearer abc', 'GET /users'],
    ],
  );
});

test('AUTH-33 failures are not cached: an error answers 500 (or 401 for `Unauthorized`) each time it happens', async () => {
  let message = 'boom';
  const { subject, clock, events } = authorizer({}, () => ({ kind: 'error', requestId: 'r', error: { errorType: 'Error', errorMessage: message, trace: [] } }));
  assert.equal(status(await subject.authorize(request(clock, '/todos/1', TODOS))), '500 {"message":"Internal Server Error"}');
  message = 'Unauthorized';
  assert.equal(status(await subject.authorize(request(clock, '/todos/1', TODOS))), '401 {"message":"Unauthorized"}');
  assert.equal(events.length, 2);
});

test('AUTH-34 the integration authorizer: 2.0 `{ lambda }` with JSON types or null; 1.0 stringified with principalId and latency', () => {
  const context = { user: 'alice', n: 1, ok: true, list: [1, 2], nested: { a: 'b' } };
  assert.deepStrictEqual(integrationAuthorizer({ kind: 'simple', isAuthorized: true, context }, '2.0', 7), { lambda: context });
  assert.deepStrictEqual(integrationAuthorizer({ kind: 'simple', isAuthorized: true, context: null }, '2.0', 7), { lambda: null });
  assert.deepStrictEqual(integrationAuthorizer({ kind: 'simple', isAuthorized: true, context }, '1.0', 7), {
    user: 'alice',
    n: '1',
    ok: 'true',
    list: '[1,2]',
    nested: '{"a":"b"}',
    principalId: '',
    integrationLatency: 7,
  });
  assert.deepStrictEqual(integrationAuthorizer({ kind: 'policy', principalId: 'alice', statements: [], context: null }, '1.0', 0), {
    principalId: 'alice',
    integrationLatency: 0,
  });
});

test('GEN-5 a route ARN over 1600 bytes is a 414 without an invocation', async () => {
  const { subject, clock, events } = authorizer({}, () => ok({ isAuthorized: true }));
  const arnBytes = (id: string) => Buffer.byteLength(ARN.replace('/todos/1', `/todos/${id}`));
  const longest = 'x'.repeat(1 + MAX_ROUTE_ARN_BYTES - arnBytes('x'));
  assert.equal(arnBytes(longest), MAX_ROUTE_ARN_BYTES);
  assert.equal(status(await subject.authorize(request(clock, `/todos/${longest}`, TODOS))), 'allow');
  assert.equal(status(await subject.authorize(request(clock, `/todos/${longest}x`, TODOS))), '414 {"message":"Request URI too long"}');
  assert.equal(events.length, 1);
});
