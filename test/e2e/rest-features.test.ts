/**
 * REST gateway responses, request validators and API keys with usage plans, end to end: real fetch over loopback,
 * and gateway.fetch on a ManualClock for usage plan buckets and quotas (REST-30..38).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { ManualClock } from '../../src/internal/manual-clock.ts';
import { apiKeyIdFor } from '../../src/websocket/index.ts';
import features, { FREE, GOLD, ORPHAN } from '../fixtures/services/rest-features/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'content-length', 'x-amzn-requestid']);

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Status, the gateway's headers (transport headers left out, the request id checked) and body. */
async function answerOf(response: Response): Promise<Answer> {
  assert.match(response.headers.get('x-amzn-requestid') ?? '', UUID);
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) if (!TRANSPORT.has(name)) headers[name] = value;
  return { status: response.status, headers, body: await response.text() };
}

const CORS = { 'access-control-allow-origin': '*' };
const JSON_TYPE = { 'content-type': 'application/json' };

describe('over loopback', () => {
  let started: StartedGateway;
  let url: string;
  const echoes = () => started.log.functionLines.filter((entry) => entry.functionName === 'echo' && entry.line.includes('\techo ')).length;
  const call = async (path: string, init?: RequestInit) => answerOf(await fetch(`${url}${path}`, init));

  before(async () => {
    started = await startGateway(null, features);
    url = (started.urls.apis[0] as ApiEndpoint).url;
  });
  after(() => started.gateway.dispose());

  test('REST-30 REST-31 REST-32 a customized MISSING_AUTHENTICATION_TOKEN: its status, mapped headers, template; DEFAULT_4XX headers too', async () => {
    assert.deepEqual(await call('/nowhere', { headers: { 'X-Asked': 'yes' } }), {
      status: 404,
      headers: { ...CORS, ...JSON_TYPE, 'x-amzn-errortype': 'MissingAuthenticationTokenException', 'x-asked': 'yes', 'x-brand': 'acme' },
      body: '{"error":"no such route","path":"/prod/nowhere","type":"MISSING_AUTHENTICATION_TOKEN"}',
    });
  });

  test('REST-31 REST-2 DEFAULT_5XX sets the status and headers of a failed integration, keeping its default body', async () => {
    assert.deepEqual(await call('/fails'), { status: 503, headers: { ...JSON_TYPE, 'retry-after': '30' }, body: '{"message": "Internal server error"}' });
  });

  test('REST-33 REST-34 missing or blank required parameters: 400 BAD_REQUEST_PARAMETERS, the integration not called', async () => {
    const before = echoes();
    assert.deepEqual(await call('/search?q=&page=1'), {
      status: 400,
      headers: { ...CORS, ...JSON_TYPE, 'x-amzn-errortype': 'BadRequestException' },
      body: '{"message":"Missing required request parameters: [q, lang]"}',
    });
    assert.equal(echoes(), before);
    const passed = await call('/search?q=shoes&lang=en');
    assert.deepEqual([passed.status, JSON.parse(passed.body).query], [200, { q: 'shoes', lang: 'en' }]);
    assert.equal(echoes(), before + 1);
  });

  test('REST-33 REST-35 a body failing its model: 400 BAD_REQUEST_BODY through its customized template', async () => {
    const before = echoes();
    const post = (body: string) => call('/orders', { method: 'POST', body, headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Tenant': 't1' } });
    assert.deepEqual(await post('{"item":"shoe","count":0}'), {
      status: 400,
      headers: { ...CORS, ...JSON_TYPE, 'x-amzn-errortype': 'BadRequestException' },
      body: '{"message":"Invalid request body","details":"[/count must be >= 1]"}',
    });
    const notJson = await fetch(`${url}/orders`, { method: 'POST', body: 'not json', headers: { 'Content-Type': 'application/json', 'X-Tenant': 't1' } });
    const requestId = notJson.headers.get('x-amzn-requestid');
    assert.equal(await notJson.text(), '{"message":"Invalid request body","details":"[Invalid JSON]"}');
    assert.ok(started.log.lines.includes(`info REST API shop: request ${requestId} to POST /orders refused by its request validator: [Invalid JSON]`));
    assert.equal(echoes(), before);
    const accepted = await post('{"item":"shoe","count":2}');
    assert.deepEqual([accepted.status, JSON.parse(accepted.body).body], [200, '{"item":"shoe","count":2}']);
  });

  test("REST-36 no key, an unknown key or a key no plan of the stage holds: 403 Forbidden; a plan's key reaches the handler with its id", async () => {
    for (const headers of [{}, { 'x-api-key': 'not-a-key-of-this-service' }, { 'x-api-key': ORPHAN }] as Array<Record<string, string>>) {
      assert.deepEqual(await call('/keyed', { headers }), {
        status: 403,
        headers: { ...CORS, ...JSON_TYPE, 'x-amzn-errortype': 'ForbiddenException' },
        body: '{"message":"Forbidden"}',
      });
    }
    const admitted = await call('/keyed', { headers: { 'X-API-Key': GOLD, 'User-Agent': 'probe/1' } });
    assert.equal(admitted.status, 200);
    assert.deepEqual(JSON.parse(admitted.body).identity, {
      accessKey: null,
      accountId: null,
      apiKey: GOLD,
      apiKeyId: apiKeyIdFor('restfeatures', 'gold'),
      caller: null,
      cognitoAuthenticationProvider: null,
      cognitoAuthenticationType: null,
      cognitoIdentityId: null,
      cognitoIdentityPoolId: null,
      principalOrgId: null,
      sourceIp: '127.0.0.1',
      user: null,
      userAgent: 'probe/1',
      userArn: null,
    });
  });

  test('REST-36 a method without apiKeyRequired carries no key fields // spec: unverified', async () => {
    const identity = JSON.parse((await call('/open', { headers: { 'x-api-key': GOLD } })).body).identity;
    assert.deepEqual(['apiKey' in identity, 'apiKeyId' in identity], [false, false]);
  });
});

describe('usage plans in fake time', () => {
  let started: StartedGateway;
  let clock: ManualClock;
  let url: string;
  const statuses = async (path: string, key: string, count: number) => {
    const seen: Array<number | string> = [];
    for (let i = 0; i < count; i++) {
      const response = await started.gateway.fetch(`${url}${path}`, { headers: { 'x-api-key': key } });
      const body = await response.text();
      seen.push(response.status === 200 ? 200 : `${response.status} ${body}`);
    }
    return seen;
  };

  before(async () => {
    clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
    started = await startGateway(null, features, { clock });
    url = (started.urls.apis[0] as ApiEndpoint).url;
  });
  after(() => started.gateway.dispose());

  test("REST-37 THR-1 the plan's per-key bucket: burst 3, then 429 Too Many Requests, one more a second later", async () => {
    assert.deepEqual(await statuses('/keyed', GOLD, 4), [200, 200, 200, '429 {"message":"Too Many Requests"}']);
    const throttled = await answerOf(await started.gateway.fetch(`${url}/keyed`, { headers: { 'x-api-key': GOLD } }));
    assert.deepEqual(throttled, {
      status: 429,
      headers: { ...CORS, ...JSON_TYPE, 'x-amzn-errortype': 'TooManyRequestsException' },
      body: '{"message":"Too Many Requests"}',
    });
    await clock.advance(1000);
    assert.deepEqual(await statuses('/keyed', GOLD, 2), [200, '429 {"message":"Too Many Requests"}']);
  });

  test("REST-37 a method the plan's stage throttles on its own has its own per-key bucket", async () => {
    await clock.advance(10_000);
    assert.deepEqual(await statuses('/keyed/1', GOLD, 2), [200, '429 {"message":"Too Many Requests"}']);
    assert.deepEqual(await statuses('/keyed', GOLD, 1), [200]);
  });

  test("REST-38 the quota: the first day's limit less the offset, 429 Limit Exceeded, the full limit the next day", async () => {
    assert.deepEqual(await statuses('/keyed', FREE, 3), [200, 200, '429 {"message":"Limit Exceeded"}']);
    const exceeded = await answerOf(await started.gateway.fetch(`${url}/keyed`, { headers: { 'x-api-key': FREE } }));
    assert.deepEqual(exceeded, {
      status: 429,
      headers: { ...CORS, ...JSON_TYPE, 'x-amzn-errortype': 'LimitExceededException' },
      body: '{"message":"Limit Exceeded"}',
    });
    await clock.advance(12 * 3_600_000);
    assert.deepEqual(await statuses('/keyed', FREE, 4), [200, 200, 200, '429 {"message":"Limit Exceeded"}']);
  });
});
