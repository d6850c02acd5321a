/** REST-40..45: TOKEN and REQUEST Lambda authorizers on REST methods, with node's fetch over loopback and CommonJS function folders. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { ManualClock } from '../../src/internal/manual-clock.ts';
import restAuthorizer, { METERED_KEY } from '../fixtures/services/rest-authorizer/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { eventually } from '../helpers/ws-client.ts';

const UNAUTHORIZED = { status: 401, type: 'UnauthorizedException', body: '{"message":"Unauthorized"}' };
const EXPLICIT_DENY = {
  status: 403,
  type: 'AccessDeniedException',
  body: '{"message":"User is not authorized to access this resource with an explicit deny"}',
};
const IMPLICIT_DENY = { status: 403, type: 'AccessDeniedException', body: '{"message":"User is not authorized to access this resource"}' };
const CONFIGURATION_ERROR = { status: 500, type: 'AuthorizerConfigurationException', body: '{"message":"Internal server error"}' };

let started: StartedGateway;
let vault: ApiEndpoint;
let metered: ApiEndpoint;

before(async () => {
  started = await startGateway(null, restAuthorizer);
  [vault, metered] = started.urls.apis as [ApiEndpoint, ApiEndpoint];
});

after(() => started.gateway.dispose());

interface Answer {
  status: number;
  type: string | null;
  body: string;
  response: Response;
}

async function get(path: string, headers: Record<string, string> = {}, api: ApiEndpoint = vault): Promise<Answer> {
  const response = await fetch(`${api.url}${path}`, { headers });
  return { status: response.status, type: response.headers.get('x-amzn-errortype'), body: await response.text(), response };
}

const outcome = ({ status, type, body }: Answer) => ({ status, type, body });

/** How many times the authorizer ran with `token`, from its log lines. */
function invocations(token: string): number {
  return started.log.functionLines.filter(({ functionName, line }) => functionName === 'authorize' && line.includes(`\tauthorize ${token} `)).length;
}

const arnOf = (api: ApiEndpoint, rest: string) => `arn:aws:execute-api:us-east-1:000000000000:${api.apiId}/dev/${rest}`;

/** The headers node's fetch sends, as a REST event shows them (names as sent), with the gateway's own. */
function eventHeaders(event: any, extra: Record<string, string>): Record<string, string> {
  return {
    host: `127.0.0.1:${vault.port}`,
    ...extra,
    accept: '*/*',
    'accept-language': '*',
    'sec-fetch-mode': 'cors',
    'user-agent': 'node',
    'accept-encoding': 'gzip, deflate',
    'X-Amzn-Trace-Id': event.headers['X-Amzn-Trace-Id'],
    'X-Forwarded-For': '127.0.0.1',
    'X-Forwarded-Port': String(vault.port),
    'X-Forwarded-Proto': 'http',
  };
}

const multi = (single: Record<string, string>) => Object.fromEntries(Object.entries(single).map(([name, value]) => [name, [value]]));

/** REST-1: the request context of a vault request; ids and times are the event's own (checked elsewhere). */
function requestContext(event: any, resource: string, path: string, requestId: string) {
  const { extendedRequestId, requestTime, requestTimeEpoch, resourceId, deploymentId } = event.requestContext;
  return {
    accountId: '000000000000',
    apiId: vault.apiId,
    deploymentId,
    domainName: `127.0.0.1:${vault.port}`,
    domainPrefix: '127',
    extendedRequestId,
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
      userAgent: 'node',
      userArn: null,
    },
    path: `/dev${path}`,
    protocol: 'HTTP/1.1',
    requestId,
    requestTime,
    requestTimeEpoch,
    resourceId,
    resourcePath: resource,
    stage: 'dev',
  };
}

describe('REST-40, REST-43: a TOKEN authorizer', () => {
  test('REST-40 REST-43 the authorizer event and the proxy event, whole', async () => {
    const answer = await get('/token/todos?page=2', { Authorization: 'allow:events' });
    assert.equal(answer.status, 200);
    const event = JSON.parse(answer.body);
    const requestId = answer.response.headers.get('x-amzn-requestid') as string;
    const { event: authorizerEvent, integrationLatency, ...context } = event.requestContext.authorizer;
    assert.deepStrictEqual(JSON.parse(authorizerEvent), {
      type: 'TOKEN',
      authorizationToken: 'allow:events',
      methodArn: arnOf(vault, 'GET/token/todos'),
    });
    // REST-43: the context's values as strings, with the principal and the authorizer's latency (a number).
    assert.deepStrictEqual(context, { user: 'alice', n: '1', ok: 'true', principalId: 'alice' });
    assert.equal(typeof integrationLatency, 'number');
    const headers = eventHeaders(event, { Authorization: 'allow:events' });
    assert.deepStrictEqual(event, {
      resource: '/token/todos',
      path: '/token/todos',
      httpMethod: 'GET',
      headers,
      multiValueHeaders: multi(headers),
      queryStringParameters: { page: '2' },
      multiValueQueryStringParameters: { page: ['2'] },
      requestContext: { ...requestContext(event, '/token/todos', '/token/todos', requestId), authorizer: event.requestContext.authorizer },
      pathParameters: null,
      stageVariables: { tier: 'gold' },
      body: null,
      isBase64Encoded: false,
    });
  });

  test('REST-20 REST-41 every outcome: allowed, explicit and implicit deny, Unauthorized, an error, a malformed result', async () => {
    assert.equal((await get('/token/todos', { Authorization: 'allow:rows' })).status, 200);
    assert.deepEqual(outcome(await get('/token/todos', { Authorization: 'deny:rows' })), EXPLICIT_DENY);
    assert.deepEqual(outcome(await get('/token/todos', { Authorization: 'elsewhere:rows' })), IMPLICIT_DENY);
    assert.deepEqual(outcome(await get('/token/todos', { Authorization: 'unauthorized:rows' })), UNAUTHORIZED);
    assert.deepEqual(outcome(await get('/token/todos', { Authorization: 'error:rows' })), CONFIGURATION_ERROR);
    assert.deepEqual(outcome(await get('/token/todos', { Authorization: 'malformed:rows' })), CONFIGURATION_ERROR);
    // AUTH-4: a context value that is not a scalar is a malformed result.
    assert.deepEqual(outcome(await get('/token/todos', { Authorization: 'nested:rows' })), CONFIGURATION_ERROR);
    // Bad input is logged with the request id.
    assert.ok(
      started.log.lines.some((line) =>
        /authorizer "token" of REST API vault, request [0-9a-f-]{36}: the authorizer failed: Error: the token store is down/.test(line),
      ),
    );
    assert.ok(started.log.lines.some((line) => line.endsWith(': principalId is not a string')));
  });

  test('REST-41 no token, an empty one, or one the validation expression refuses: 401 without invoking', async () => {
    const before = started.log.functionLines.length;
    const missing = await get('/token/todos');
    assert.deepEqual(outcome(missing), UNAUTHORIZED);
    // REST-31: the UNAUTHORIZED gateway response is customizable like every other.
    assert.equal(missing.response.headers.get('www-authenticate'), 'Bearer');
    assert.deepEqual(outcome(await get('/token/todos', { Authorization: '' })), UNAUTHORIZED);
    assert.deepEqual(outcome(await get('/token/todos', { Authorization: 'Bearer allow:rows' })), UNAUTHORIZED);
    assert.deepEqual(outcome(await get('/token/todos', { Authorization: 'allow:rows!' })), UNAUTHORIZED);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(started.log.functionLines.length, before);
  });

  test('REST-43 a custom integration maps $context.authorizer values into method response headers', async () => {
    const answer = await get('/custom', { Authorization: 'allow:custom' });
    assert.equal(answer.status, 200);
    assert.equal(answer.response.headers.get('x-principal'), 'alice');
    assert.equal(answer.response.headers.get('x-user'), 'alice');
    // REST-51: the same values in a response template's `$context.authorizer`.
    assert.equal(answer.body, '{"principal": "alice", "user": "alice"}');
  });

  test('REST-40 a method without an authorizer invokes none and its event has no authorizer', async () => {
    const event = JSON.parse((await get('/open', { Authorization: 'allow:open' })).body);
    assert.equal('authorizer' in event.requestContext, false);
    assert.equal(invocations('allow:open'), 0);
  });
});

describe('REST-42: a REQUEST authorizer', () => {
  test('REST-42 the event: the proxy event without a body, after type and methodArn', async () => {
    const answer = await get('/items/7?tenant=acme&tenant=beta', { Authorization: 'allow:request' });
    assert.equal(answer.status, 200);
    const event = JSON.parse(answer.body);
    const authorizerEvent = JSON.parse(event.requestContext.authorizer.event);
    const requestId = answer.response.headers.get('x-amzn-requestid') as string;
    const headers = eventHeaders(authorizerEvent, { Authorization: 'allow:request' });
    assert.deepStrictEqual(authorizerEvent, {
      type: 'REQUEST',
      methodArn: arnOf(vault, 'GET/items/7'),
      resource: '/items/{id}',
      path: '/items/7',
      httpMethod: 'GET',
      headers,
      multiValueHeaders: multi(headers),
      queryStringParameters: { tenant: 'beta' },
      multiValueQueryStringParameters: { tenant: ['acme', 'beta'] },
      pathParameters: { id: '7' },
      stageVariables: { tier: 'gold' },
      requestContext: requestContext(authorizerEvent, '/items/{id}', '/items/7', requestId),
    });
    // One request, one trace id and one extended request id for the authorizer and the integration.
    assert.equal(event.headers['X-Amzn-Trace-Id'], authorizerEvent.headers['X-Amzn-Trace-Id']);
    assert.deepStrictEqual(event.requestContext, { ...authorizerEvent.requestContext, authorizer: event.requestContext.authorizer });
  });

  test('REST-42 every identity source is required: a missing one is 401 without invoking', async () => {
    assert.deepEqual(outcome(await get('/items/7', { Authorization: 'allow:no-tenant' })), UNAUTHORIZED);
    assert.deepEqual(outcome(await get('/items/7?tenant=', { Authorization: 'allow:no-tenant' })), UNAUTHORIZED);
    assert.deepEqual(outcome(await get('/items/7?tenant=acme')), UNAUTHORIZED);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(invocations('allow:no-tenant'), 0);
  });
});

describe('REST-44: caching', () => {
  test('REST-44 a TOKEN result is cached under the token and its policy evaluated again for each method ARN', async () => {
    const token = 'this-method:cache';
    assert.equal((await get('/token/todos', { Authorization: token })).status, 200);
    assert.equal((await get('/token/todos', { Authorization: token })).status, 200);
    // The policy allows GET /token/todos only: the cached policy refuses the other method without invoking.
    assert.deepEqual(outcome(await get('/token/users', { Authorization: token })), IMPLICIT_DENY);
    await eventually(() => (invocations(token) === 1 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(invocations(token), 1);
  });

  test('REST-44 a REQUEST result is cached under the identity-source values', async () => {
    const token = 'allow:cache-request';
    assert.equal((await get('/items/1?tenant=a', { Authorization: token })).status, 200);
    assert.equal((await get('/items/2?tenant=a', { Authorization: token })).status, 200);
    assert.equal((await get('/items/1?tenant=b', { Authorization: token })).status, 200);
    await eventually(() => (invocations(token) === 2 ? true : undefined));
    // A cached result reports no latency of its own (UNVERIFIED).
    const cached = JSON.parse((await get('/items/3?tenant=b', { Authorization: token })).body);
    assert.equal(cached.requestContext.authorizer.integrationLatency, 0);
    assert.equal(invocations(token), 2);
  });

  test('REST-44 with TTL 0 the authorizer runs for every request', async () => {
    const token = 'allow:ttl0';
    for (let i = 0; i < 3; i++) assert.equal((await get('/uncached', { 'X-Token': token })).status, 200);
    await eventually(() => (invocations(token) === 3 ? true : undefined));
  });

  test('REST-44 a result expires after its TTL on the gateway clock (300 s by default)', async (t) => {
    const clock = new ManualClock();
    const timed = await startGateway(t, restAuthorizer, { clock });
    const url = (timed.urls.apis as ApiEndpoint[])[0]?.url as string;
    const count = () => timed.log.functionLines.filter(({ line }) => line.includes('\tauthorize allow:ttl ')).length;
    const call = async () => (await timed.gateway.fetch(`${url}/token/todos`, { headers: { Authorization: 'allow:ttl' } })).status;
    assert.equal(await call(), 200);
    await clock.advance(299_999);
    assert.equal(await call(), 200);
    await eventually(() => (count() === 1 ? true : undefined));
    await clock.advance(1);
    assert.equal(await call(), 200);
    await eventually(() => (count() === 2 ? true : undefined));
  });
});

describe('REST-45: API keys from the authorizer', () => {
  test('REST-45 usageIdentifierKey admits the request under its usage plan; without one the key check refuses it', async () => {
    const admitted = await get('/quota', { Authorization: 'keyed:quota' }, metered);
    assert.equal(admitted.status, 200);
    const { identity } = JSON.parse(admitted.body).requestContext;
    assert.equal(identity.apiKey, METERED_KEY);
    assert.equal(typeof identity.apiKeyId, 'string');
    // An x-api-key header is not read when the source is AUTHORIZER.
    assert.deepEqual(outcome(await get('/quota', { Authorization: 'allow:quota', 'x-api-key': METERED_KEY }, metered)), {
      status: 403,
      type: 'ForbiddenException',
      body: '{"message":"Forbidden"}',
    });
    // REST-38: the plan's quota of 2 counts requests admitted with the authorizer's key.
    assert.equal((await get('/quota', { Authorization: 'keyed:quota' }, metered)).status, 200);
    assert.deepEqual(outcome(await get('/quota', { Authorization: 'keyed:quota' }, metered)), {
      status: 429,
      type: 'LimitExceededException',
      body: '{"message":"Limit Exceeded"}',
    });
  });
});
