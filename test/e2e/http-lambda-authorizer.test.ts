/** AUTH-30..35: Lambda REQUEST authorizers on HTTP API routes, with node's fetch over loopback and CommonJS function folders. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { formatClfTime } from '../../src/internal/clock.ts';
import { ManualClock } from '../../src/internal/manual-clock.ts';
import lambdaAuthorizer from '../fixtures/services/lambda-authorizer/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { eventually } from '../helpers/ws-client.ts';

const UNAUTHORIZED = { status: 401, body: '{"message":"Unauthorized"}' };
const FORBIDDEN = { status: 403, body: '{"message":"Forbidden"}' };
const INTERNAL_ERROR = { status: 500, body: '{"message":"Internal Server Error"}' };

let started: StartedGateway;
let api: ApiEndpoint;

before(async () => {
  started = await startGateway(null, lambdaAuthorizer);
  api = (started.urls.apis as ApiEndpoint[])[0] as ApiEndpoint;
});

after(() => started.gateway.dispose());

interface Answer {
  status: number;
  body: string;
  requestId: string | null;
}

async function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${api.url}${path}`, { headers });
  return { status: response.status, body: await response.text(), requestId: response.headers.get('apigw-requestid') };
}

const outcome = ({ status, body }: Answer) => ({ status, body });

/** How many times the authorizer ran with `token`, from its log lines. */
function invocations(token: string): number {
  return started.log.functionLines.filter(({ functionName, line }) => functionName === 'authorize' && line.includes(`\tauthorize ${token} `)).length;
}

const ARN_PREFIX = () => `arn:aws:execute-api:us-east-1:000000000000:${api.apiId}/dev`;

/** The headers node's fetch sends, as a 2.0 event shows them, with the gateway's own. */
function eventHeaders(event: any, extra: Record<string, string>): Record<string, string> {
  return {
    accept: '*/*',
    'accept-encoding': 'gzip, deflate',
    'accept-language': '*',
    connection: 'keep-alive',
    host: `127.0.0.1:${api.port}`,
    'sec-fetch-mode': 'cors',
    'user-agent': 'node',
    'x-amzn-trace-id': event.headers['x-amzn-trace-id'],
    'x-forwarded-for': '127.0.0.1',
    'x-forwarded-port': String(api.port),
    'x-forwarded-proto': 'http',
    ...extra,
  };
}

/** HTTP-21: the 2.0 request context of a request the gateway answered with `requestId`. */
function requestContextV2(requestId: string, routeKey: string, path: string, timeEpoch: number) {
  return {
    accountId: '000000000000',
    apiId: api.apiId,
    domainName: `127.0.0.1:${api.port}`,
    domainPrefix: '127',
    http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'node' },
    requestId,
    routeKey,
    stage: 'dev',
    time: formatClfTime(timeEpoch),
    timeEpoch,
  };
}

describe('AUTH-31, AUTH-34: a 2.0 authorizer with simple responses', () => {
  test('AUTH-31 AUTH-34 the authorizer event and the integration event, whole', async () => {
    const answer = await get('/simple/todos?page=2', { Authorization: 'simple:allow:events' });
    assert.equal(answer.status, 200);
    const event = JSON.parse(answer.body);
    const requestId = answer.requestId as string;
    const { timeEpoch } = event.requestContext;
    const context = { user: 'alice', n: 1, ok: true, list: [1, 2], nested: { a: 'b' } };
    const headers = eventHeaders(event, { authorization: 'simple:allow:events' });
    assert.deepStrictEqual(event.requestContext.authorizer.lambda.event, {
      version: '2.0',
      type: 'REQUEST',
      routeArn: `${ARN_PREFIX()}/GET/simple/todos`,
      identitySource: ['simple:allow:events'],
      routeKey: 'GET /simple/todos',
      rawPath: '/dev/simple/todos',
      rawQueryString: 'page=2',
      headers,
      queryStringParameters: { page: '2' },
      stageVariables: { tier: 'gold' },
      requestContext: requestContextV2(requestId, 'GET /simple/todos', '/dev/simple/todos', timeEpoch),
    });
    assert.deepStrictEqual(event, {
      version: '2.0',
      routeKey: 'GET /simple/todos',
      rawPath: '/dev/simple/todos',
      rawQueryString: 'page=2',
      headers,
      queryStringParameters: { page: '2' },
      stageVariables: { tier: 'gold' },
      requestContext: {
        ...requestContextV2(requestId, 'GET /simple/todos', '/dev/simple/todos', timeEpoch),
        authorizer: { lambda: { ...context, event: event.requestContext.authorizer.lambda.event } },
      },
      isBase64Encoded: false,
    });
  });

  test('AUTH-34 without a context the 2.0 integration gets `lambda: null`; a 1.0 integration the context stringified', async () => {
    const bare = JSON.parse((await get('/simple/todos', { Authorization: 'simple:bare:null' })).body);
    assert.deepStrictEqual(bare.requestContext.authorizer, { lambda: null });
    const v1 = JSON.parse((await get('/simple/v1', { Authorization: 'simple:allow:v1-integration' })).body);
    const { event, ...authorizer } = v1.requestContext.authorizer;
    assert.deepStrictEqual(authorizer, {
      user: 'alice',
      n: '1',
      ok: 'true',
      list: '[1,2]',
      nested: '{"a":"b"}',
      principalId: '',
      integrationLatency: authorizer.integrationLatency,
    });
    assert.equal(typeof authorizer.integrationLatency, 'number');
    assert.equal(JSON.parse(event).routeArn, `${ARN_PREFIX()}/GET/simple/v1`);
  });

  test('AUTH-33 every outcome: allowed, denied, Unauthorized, an error, a wrong shape, a missing identity', async () => {
    assert.equal((await get('/simple/todos', { Authorization: 'simple:allow:rows' })).status, 200);
    assert.deepEqual(outcome(await get('/simple/todos', { Authorization: 'simple:deny:rows' })), FORBIDDEN);
    assert.deepEqual(outcome(await get('/simple/todos', { Authorization: 'simple:unauthorized:rows' })), UNAUTHORIZED);
    assert.deepEqual(outcome(await get('/simple/todos', { Authorization: 'simple:error:rows' })), INTERNAL_ERROR);
    assert.deepEqual(outcome(await get('/simple/todos', { Authorization: 'simple:malformed:rows' })), INTERNAL_ERROR);
    assert.deepEqual(outcome(await get('/simple/todos')), UNAUTHORIZED);
    assert.deepEqual(outcome(await get('/simple/todos', { Authorization: '' })), UNAUTHORIZED);
    assert.equal((await get('/open')).status, 200);
    // AUTH-30: no invocation without the identity source.
    assert.equal(started.log.functionLines.filter(({ functionName, line }) => functionName === 'authorize' && /\tauthorize {2}/.test(line)).length, 0);
    await eventually(() => (started.log.lines.some((line) => line.includes('isAuthorized is not true or false')) ? true : undefined));
    const warning = started.log.lines.find((line) => line.includes('the authorizer failed: Error: the token store is down')) as string;
    assert.match(warning, /^warn authorizer "simple" of HTTP API guarded, request [A-Za-z0-9+/]{15}=: /);
  });
});

describe('AUTH-33: 2.0 and 1.0 authorizers answering IAM policies', () => {
  test('AUTH-33 a policy allows or denies the route ARN; a wrong shape is a 500', async () => {
    assert.equal((await get('/policy/todos', { Authorization: 'policy:allow:rows' })).status, 200);
    assert.deepEqual(outcome(await get('/policy/todos', { Authorization: 'policy:deny:rows' })), FORBIDDEN);
    assert.deepEqual(outcome(await get('/policy/todos', { Authorization: 'policy:other:rows' })), FORBIDDEN);
    assert.deepEqual(outcome(await get('/policy/todos', { Authorization: 'policy:malformed:rows' })), INTERNAL_ERROR);
    assert.deepEqual(outcome(await get('/policy/todos', { Authorization: 'policy:unauthorized:rows' })), UNAUTHORIZED);
    const allowed = JSON.parse((await get('/policy/users', { Authorization: 'policy:allow:context' })).body);
    assert.deepStrictEqual(Object.keys(allowed.requestContext.authorizer), ['lambda']);
    assert.deepStrictEqual(allowed.requestContext.authorizer.lambda.list, [1, 2]);
  });

  test('AUTH-32 AUTH-34 the 1.0 authorizer event and the 1.0 integration event, whole', async () => {
    const answer = await get('/v1/todos/7?user=bob', { Authorization: 'policy:allow:v1' });
    assert.equal(answer.status, 200);
    const event = JSON.parse(answer.body);
    const requestId = answer.requestId as string;
    const { requestTimeEpoch } = event.requestContext;
    const multiValueHeaders = Object.fromEntries(
      Object.entries(eventHeaders({ headers: { 'x-amzn-trace-id': event.headers['x-amzn-trace-id'] } }, { authorization: 'policy:allow:v1' }))
        .filter(([name]) => name !== 'connection')
        .map(([name, value]) => [name, [value]]),
    );
    const headers = Object.fromEntries(Object.entries(multiValueHeaders).map(([name, [value]]) => [name, value as string]));
    const identity = {
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
      userAgent: 'node',
      userArn: null,
    };
    const requestContext = {
      accountId: '000000000000',
      apiId: api.apiId,
      domainName: `127.0.0.1:${api.port}`,
      domainPrefix: '127',
      extendedRequestId: requestId,
      httpMethod: 'GET',
      identity,
      path: '/dev/v1/todos/7',
      protocol: 'HTTP/1.1',
      requestId,
      requestTime: formatClfTime(requestTimeEpoch),
      requestTimeEpoch,
      resourceId: null,
      resourcePath: '/v1/todos/{id}',
      stage: 'dev',
    };
    const { event: authorizerEvent, ...authorizer } = event.requestContext.authorizer;
    assert.deepStrictEqual(JSON.parse(authorizerEvent), {
      version: '1.0',
      type: 'REQUEST',
      methodArn: `${ARN_PREFIX()}/GET/v1/todos/7`,
      identitySource: 'policy:allow:v1,bob',
      authorizationToken: 'policy:allow:v1,bob',
      resource: '/v1/todos/{id}',
      path: '/v1/todos/7',
      httpMethod: 'GET',
      headers,
      queryStringParameters: { user: 'bob' },
      pathParameters: { id: '7' },
      stageVariables: { tier: 'gold' },
      requestContext,
    });
    assert.deepStrictEqual(event, {
      version: '1.0',
      resource: '/v1/todos/{id}',
      path: '/v1/todos/7',
      httpMethod: 'GET',
      headers,
      multiValueHeaders,
      queryStringParameters: { user: 'bob' },
      multiValueQueryStringParameters: { user: ['bob'] },
      requestContext: {
        ...requestContext,
        authorizer: { user: 'alice', n: '1', ok: 'true', event: authorizerEvent, principalId: 'alice', integrationLatency: authorizer.integrationLatency },
      },
      pathParameters: { id: '7' },
      stageVariables: { tier: 'gold' },
      body: null,
      isBase64Encoded: false,
    });
    // AUTH-30: every source must be present: without `user` the authorizer is not invoked.
    assert.deepEqual(outcome(await get('/v1/todos/7', { Authorization: 'policy:allow:v1-missing' })), UNAUTHORIZED);
    assert.equal(invocations('policy:allow:v1-missing'), 0);
  });
});

describe('AUTH-35: cached results', () => {
  test('AUTH-35 within the TTL a second request does not invoke, and another route of the authorizer reuses the result', async () => {
    const token = 'simple:allow:cache';
    const first = JSON.parse((await get('/simple/todos', { Authorization: token })).body);
    const second = JSON.parse((await get('/simple/todos', { Authorization: token })).body);
    const otherRoute = JSON.parse((await get('/simple/users', { Authorization: token })).body);
    await eventually(() => (invocations(token) > 0 ? true : undefined));
    assert.equal(invocations(token), 1);
    // The cached context is the first invocation's: it carries the first request's event.
    assert.deepStrictEqual(second.requestContext.authorizer, first.requestContext.authorizer);
    assert.deepStrictEqual(otherRoute.requestContext.authorizer, first.requestContext.authorizer);
    assert.notEqual(second.requestContext.requestId, first.requestContext.requestId);
  });

  test('AUTH-35 a cached policy naming one route ARN denies the other route within the TTL', async () => {
    const token = 'policy:this-route:cache';
    assert.equal((await get('/policy/todos', { Authorization: token })).status, 200);
    assert.deepEqual(outcome(await get('/policy/users', { Authorization: token })), FORBIDDEN);
    assert.equal((await get('/policy/todos', { Authorization: token })).status, 200);
    await eventually(() => (invocations(token) > 0 ? true : undefined));
    assert.equal(invocations(token), 1);
  });

  test('AUTH-35 with TTL 0 the authorizer runs for every request', async () => {
    const token = 'simple:allow:ttl0';
    for (let i = 0; i < 3; i++) assert.equal((await get('/uncached', { Authorization: token })).status, 200);
    await eventually(() => (invocations(token) === 3 ? true : undefined));
  });
});

test('AUTH-33 an authorizer that does not answer within 10 s of the gateway clock: 500', async (t) => {
  const clock = new ManualClock();
  const slow = await startGateway(t, lambdaAuthorizer, { clock });
  const url = (slow.urls.apis as ApiEndpoint[])[0]?.url as string;
  const pending = fetch(`${url}/uncached`, { headers: { Authorization: 'simple:hang:timeout' } });
  await eventually(() => (slow.log.functionLines.some(({ line }) => line.includes('\tauthorize simple:hang:timeout ')) ? true : undefined));
  await clock.advance(9_999);
  let settled = false;
  void pending.then(() => {
    settled = true;
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(settled, false);
  await clock.advance(1);
  const response = await pending;
  assert.deepEqual({ status: response.status, body: await response.text() }, INTERNAL_ERROR);
  assert.ok(slow.log.lines.some((line) => line.includes('authorizer "uncached" of HTTP API guarded') && line.endsWith(': the authorizer timed out')));
});
