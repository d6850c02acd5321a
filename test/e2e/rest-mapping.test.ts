/**
 * REST mapping templates, MOCK, HTTP and HTTP_PROXY integrations and CORS end to end: real fetch over loopback to
 * the gateway, and a real node:http backend on 127.0.0.1 (REST-10, REST-13, REST-51..56).
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { ManualClock } from '../../src/internal/manual-clock.ts';
import { restMapping } from '../fixtures/services/rest-mapping/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'content-length', 'x-amzn-requestid']);
const JSON_TYPE = { 'content-type': 'application/json' };
/** REST-56: CORS on a resource also sets these on the DEFAULT_4XX and DEFAULT_5XX gateway responses. */
const CORS_ERRORS = {
  'access-control-allow-headers': 'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token',
  'access-control-allow-origin': 'https://app.example',
};

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

async function answerOf(response: Response): Promise<Answer> {
  assert.match(response.headers.get('x-amzn-requestid') ?? '', UUID);
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) if (!TRANSPORT.has(name)) headers[name] = value;
  return { status: response.status, headers, body: await response.text() };
}

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** The backend HTTP integrations call; it keeps what it was sent. */
function backend(seen: Seen[]): Server {
  return createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: request.method as string, url: request.url as string, headers: request.headers, body });
      const url = new URL(request.url as string, 'http://backend');
      if (url.pathname === '/slow') {
        setTimeout(() => response.end('late'), 1_000);
        return;
      }
      if (url.pathname === '/pets/404') {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
        return;
      }
      if (url.pathname.startsWith('/pets/')) {
        response.writeHead(200, { 'content-type': 'application/json', 'x-backend': 'local' }).end(JSON.stringify({ id: url.pathname.slice(6), name: 'Rex' }));
        return;
      }
      if (url.pathname === '/pets') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(`{"created":${body}}`);
        return;
      }
      response.writeHead(201, { 'content-type': 'text/plain', 'x-from-backend': 'yes' }).end(`${request.method} ${request.url} ${body}`);
    });
  });
}

const listen = (server: Server) =>
  new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`)));

describe('REST mapping over loopback', () => {
  const seen: Seen[] = [];
  const server = backend(seen);
  let started: StartedGateway;
  let url: string;
  const call = async (path: string, init?: RequestInit) => answerOf(await fetch(`${url}${path}`, init));
  const last = () => seen[seen.length - 1] as Seen;

  before(async () => {
    const address = await listen(server);
    // A port nothing listens on: a server's, closed again.
    const closed = createServer();
    const down = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    started = await startGateway(null, restMapping({ backend: address, down }));
    url = (started.urls.apis[0] as ApiEndpoint).url;
  });
  after(async () => {
    await started.gateway.dispose();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('REST-10 REST-51 REST-13 a request template by Content-Type renders $input.params, $input.json/path, $context and $stageVariables; the response template by Accept', async () => {
    const response = await fetch(`${url}/greet/ada?lang=en`, {
      method: 'POST',
      body: '{"mood":"happy","n":[1,2]}',
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Tenant': 't1', 'User-Agent': 'rest-test' },
    });
    const requestId = response.headers.get('x-amzn-requestid');
    const answer = await answerOf(response);
    assert.deepEqual(
      { ...answer, body: JSON.parse(answer.body) },
      {
        status: 200,
        headers: JSON_TYPE,
        body: {
          message: 'hello ada',
          event: {
            name: 'ada',
            lang: 'en',
            tenant: 't1',
            body: { mood: 'happy', n: [1, 2] },
            mood: 'happy',
            requestId,
            resourcePath: '/greet/{name}',
            httpMethod: 'POST',
            stage: 'prod',
            path: '/prod/greet/ada',
            sourceIp: '127.0.0.1',
            userAgent: 'rest-test',
            region: 'eu-west-1',
            queryKeys: '[lang]',
          },
        },
      },
    );
    const text = await call('/greet/ada', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json', Accept: 'text/plain' } });
    assert.deepEqual(text, { status: 200, headers: { 'content-type': 'text/plain' }, body: 'hello ada' });
  });

  test('REST-10 a second template for another media type', async () => {
    const answer = await call('/greet/x', { method: 'POST', body: 'name=grace', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.deepEqual([answer.status, JSON.parse(answer.body).message], [200, 'hello grace']);
  });

  test('REST-10 NEVER passes nothing through: a media type without a template is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    assert.deepEqual(await call('/greet/ada', { method: 'POST', body: 'a,b', headers: { 'Content-Type': 'text/csv' } }), {
      status: 415,
      headers: { ...JSON_TYPE, ...CORS_ERRORS, 'x-amzn-errortype': 'UnsupportedMediaTypeException' },
      body: '{"message":"Unsupported Media Type"}',
    });
  });

  test('REST-11 REST-13 a function error selects its integration response by message; its template reads the error', async () => {
    assert.deepEqual(await call('/greet/bad', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } }), {
      status: 400,
      headers: { ...JSON_TYPE, 'x-error': 'bad-name' },
      body: '{"error": "Invalid name: bad"}',
    });
  });

  test('REST-52 MAP-22 a MOCK method: the rendered statusCode selects the integration response, its template and parameters', async () => {
    assert.deepEqual(await call('/status'), { status: 200, headers: JSON_TYPE, body: '{"up": true, "stage": "prod"}' });
    assert.deepEqual(await call('/status?fail=yes'), { status: 503, headers: { ...JSON_TYPE, 'retry-after': '5' }, body: '{"up": false}' });
  });

  test('REST-53 REST-55 HTTP: stage variables and the path parameter in the Uri, mapped headers and query; the response by status code', async () => {
    assert.deepEqual(await call('/pets/7', { headers: { 'X-Tenant': 't9', 'X-Other': 'not sent' } }), {
      status: 200,
      headers: { ...JSON_TYPE, 'x-backend': 'local' },
      body: '{"pet": {"id":"7","name":"Rex"}, "via": "rest"}',
    });
    const request = last();
    assert.deepEqual(
      [request.method, request.url, request.headers['x-tenant'], request.headers['x-static'], request.headers['x-other']],
      ['GET', '/pets/7?stage=prod&region=eu-west-1', 't9', 'fixed', undefined],
    );
    assert.deepEqual(await call('/pets/404'), { status: 404, headers: JSON_TYPE, body: '{"message": "no such pet"}' });
  });

  test('REST-53 HTTP: the request template is the body sent, with its media type; without a response template the backend body passes', async () => {
    assert.deepEqual(await call('/pets', { method: 'POST', body: '{"name":"Tom"}', headers: { 'Content-Type': 'application/json' } }), {
      status: 200,
      headers: JSON_TYPE,
      body: '{"created":{"petName": "Tom", "by": "127.0.0.1"}}',
    });
    assert.equal(last().headers['content-type'], 'application/json');
  });

  test('REST-53 a backend slower than the integration timeout is 504 INTEGRATION_TIMEOUT; one refusing connections 500', async () => {
    assert.deepEqual(await call('/slow'), {
      status: 504,
      headers: { ...JSON_TYPE, ...CORS_ERRORS },
      body: '{"message": "Endpoint request timed out"}',
    });
    // spec: unverified (REST-53: 500 for a backend that cannot be reached)
    const down = await fetch(`${url}/down`);
    const requestId = down.headers.get('x-amzn-requestid') as string;
    assert.deepEqual(await answerOf(down), { status: 500, headers: { ...JSON_TYPE, ...CORS_ERRORS }, body: '{"message": "Internal server error"}' });
    assert.ok(started.log.lines.some((line) => line.includes(requestId) && line.includes('ECONNREFUSED')));
  });

  test('REST-54 HTTP_PROXY passes method, {proxy} path, query, headers and body; status, headers and body come back', async () => {
    assert.deepEqual(await call('/proxy/a/b%20c?x=1&x=2', { method: 'PUT', body: 'raw body', headers: { 'X-Custom': 'c1' } }), {
      status: 201,
      headers: { 'content-type': 'text/plain', 'x-from-backend': 'yes' },
      body: 'PUT /raw/a/b%20c?x=1&x=2 raw body',
    });
    assert.equal(last().headers['x-custom'], 'c1');
  });

  test('REST-57 a Lambda custom integration returning base64, with CONVERT_TO_BINARY, answers the bytes', async () => {
    const response = await fetch(`${url}/image`, { headers: { Accept: 'image/png' } });
    assert.deepEqual(
      [response.status, response.headers.get('content-type'), [...new Uint8Array(await response.arrayBuffer())]],
      [200, 'image/png', [0x89, 0x50, 0x4e, 0x47]],
    );
  });

  test('REST-56 CORS: the OPTIONS MOCK method answers the preflight; mapped methods carry the origin; proxy functions set their own', async () => {
    assert.deepEqual(await call('/items', { method: 'OPTIONS', headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST' } }), {
      status: 200,
      headers: {
        ...JSON_TYPE,
        'access-control-allow-headers': 'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token',
        'access-control-allow-methods': 'GET,POST,OPTIONS',
        'access-control-allow-origin': 'https://app.example',
        'access-control-max-age': '600',
      },
      body: '',
    });
    assert.deepEqual(await call('/items'), {
      status: 200,
      headers: { ...JSON_TYPE, 'access-control-allow-origin': 'https://app.example' },
      body: '{"items": []}',
    });
    const posted = await call('/items', { method: 'POST', body: 'x' });
    assert.deepEqual([posted.status, posted.headers['access-control-allow-origin']], [201, 'https://app.example']);
    assert.deepEqual(await call('/nowhere'), {
      status: 403,
      headers: { ...JSON_TYPE, ...CORS_ERRORS, 'x-amzn-errortype': 'MissingAuthenticationTokenException' },
      body: '{"message":"Missing Authentication Token"}',
    });
  });
});

describe('REST mapping through gateway.fetch on a ManualClock', () => {
  test('REST-53 an HTTP backend that never answers is 504 once the gateway clock passes the method timeout (29 s by default), not before', async (t) => {
    let reached: () => void = () => {};
    const arrived = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const hanging = createServer(() => reached());
    const address = await listen(hanging);
    t.after(async () => {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    });
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
    const started = await startGateway(t, restMapping({ backend: address, down: address }), { clock });
    const url = (started.urls.apis[0] as ApiEndpoint).url;
    let settled = false;
    const pending = started.gateway.fetch(`${url}/pets/1`).then((response) => {
      settled = true;
      return response;
    });
    // The integration's timer starts before the request leaves: once the backend has it, the timer is set.
    await arrived;
    await clock.advance(28_999);
    assert.equal(settled, false);
    await clock.advance(1);
    const response = await pending;
    assert.deepEqual([response.status, await response.text()], [504, '{"message": "Endpoint request timed out"}']);
  });
});
