/**
 * HTTP APIs end to end: a real gateway and real handlers. Features are checked in memory through `gateway.fetch`;
 * what only the wire shows (framing headers, raw bytes) through real sockets.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { ApiEndpoint } from '../../src/gateway.ts';
import probe from '../fixtures/services/http-probe/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';

let started: StartedGateway;
let staged: ApiEndpoint;
let open: ApiEndpoint;

before(async () => {
  started = await startGateway(null, probe);
  [staged, open] = started.urls.apis as [ApiEndpoint, ApiEndpoint];
});
after(() => started.gateway.dispose());

/** The gateway's own answer, without a socket: what the wire would give, minus its framing. */
function inMemory(input: string, init?: RequestInit): Promise<Response> {
  return started.gateway.fetch(input, init);
}

async function json(response: Response): Promise<any> {
  return JSON.parse(await response.text());
}

/** Sends bytes on a raw socket and returns everything the server answered until it closed (send `Connection: close`). */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('stages and routes', () => {
  test('HTTP-1 HTTP-2 HTTP-4 HTTP-21 the stage prefix routes and stays in rawPath; the route key and path parameters are in the event', async () => {
    const response = await inMemory(`${staged.url}/items/caf%C3%A9?tag=a&tag=b&q=x%20y`, { headers: { 'x-trace': 'one', cookie: 's=1; theme=dark' } });
    assert.equal(response.status, 200);
    const event = await json(response);
    assert.equal(event.version, '2.0');
    assert.equal(event.routeKey, 'GET /items/{id}');
    assert.equal(event.rawPath, '/dev/items/caf%C3%A9');
    assert.equal(event.rawQueryString, 'tag=a&tag=b&q=x%20y');
    assert.deepEqual(event.pathParameters, { id: 'café' });
    assert.deepEqual(event.queryStringParameters, { q: 'x y', tag: 'a,b' });
    assert.deepEqual(event.cookies, ['s=1', 'theme=dark']);
    assert.equal(event.headers.cookie, undefined);
    assert.equal(event.headers['x-trace'], 'one');
    assert.equal(event.headers['x-forwarded-for'], '127.0.0.1');
    assert.equal(event.headers['x-forwarded-proto'], 'http');
    assert.deepEqual(event.stageVariables, { table: 'todos-dev' });
    const context = event.requestContext;
    assert.equal(context.stage, 'dev');
    assert.equal(context.http.path, '/dev/items/caf%C3%A9');
    assert.equal(context.http.method, 'GET');
    assert.equal(context.domainName, `127.0.0.1:${staged.port}`);
    assert.equal(context.apiId, staged.apiId);
    assert.equal(context.requestId, response.headers.get('apigw-requestid'));
    assert.match(context.time, /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  });

  test('HTTP-1 HTTP-11 HTTP-40 outside the stage or without a route: 404 Not Found, exact body', async () => {
    for (const url of [
      `http://127.0.0.1:${staged.port}/items/1`,
      `${staged.url}/nothing`,
      `${staged.url}/items/1/extra`,
      `http://127.0.0.1:${staged.port}/devices`,
    ]) {
      const response = await inMemory(url);
      assert.equal(response.status, 404, url);
      assert.equal(response.headers.get('content-type'), 'application/json');
      assert.equal(await response.text(), '{"message":"Not Found"}');
    }
  });

  test('HTTP-2 HTTP-11 the $default stage serves the whole path; $default catches everything else', async () => {
    const event = await json(await inMemory(`${open.url}/any/path/at/all`, { method: 'PUT', body: 'x' }));
    assert.equal(event.routeKey, '$default');
    assert.equal(event.rawPath, '/any/path/at/all');
    assert.equal(event.requestContext.stage, '$default');
    assert.equal('pathParameters' in event, false);
  });

  test('HTTP-12 a greedy variable takes the rest of the path; ANY matches every method', async () => {
    const event = await json(await inMemory(`${staged.url}/files/a/b%2Fc/d.txt`, { method: 'DELETE' }));
    assert.equal(event.routeKey, 'ANY /files/{path+}');
    assert.deepEqual(event.pathParameters, { path: 'a/b/c/d.txt' });
  });

  test('HTTP-25 a payload 1.0 route gets the 1.0 event', async () => {
    const event = await json(await inMemory(`${staged.url}/v1?a=1&a=2`));
    assert.equal(event.version, '1.0');
    assert.equal(event.resource, '/v1');
    assert.equal(event.path, '/v1');
    assert.equal(event.requestContext.path, '/dev/v1');
    assert.deepEqual(event.multiValueQueryStringParameters, { a: ['1', '2'] });
    assert.equal(event.body, null);
  });
});

describe('bodies and results', () => {
  test('HTTP-22 a JSON body arrives as text, a form or binary body as base64', async () => {
    const text = await json(
      await inMemory(`${staged.url}/items/1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"done":true}' }),
    );
    assert.deepEqual([text.body, text.isBase64Encoded], ['{"done":true}', false]);
    const form = await json(
      await inMemory(`${staged.url}/items/1`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' }),
    );
    assert.deepEqual([form.body, form.isBase64Encoded], ['YT0x', true]);
    const bytes = await json(
      await inMemory(`${staged.url}/items/1`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 255]) }),
    );
    assert.deepEqual([bytes.body, bytes.isBase64Encoded], ['AP8=', true]);
  });

  test('HTTP-30 inferred results are 200 JSON; strings are sent as they are', async () => {
    const object = await inMemory(`${staged.url}/inferred`);
    assert.deepEqual([object.status, object.headers.get('content-type'), await object.text()], [200, 'application/json', '{"message":"inferred"}']);
    const text = await inMemory(`${staged.url}/inferred?kind=string`);
    assert.equal(await text.text(), 'plain text');
  });

  test('HTTP-30 HTTP-32 HTTP-52 structured results: status, headers, one set-cookie per cookie; hop-by-hop and own CORS headers dropped', async () => {
    // Over the socket: the framing headers are the point.
    const response = await fetch(`${staged.url}/structured`, { headers: { origin: 'https://app.example.com' } });
    assert.equal(response.status, 201);
    assert.equal(await response.text(), 'created');
    assert.equal(response.headers.get('x-custom'), 'yes');
    assert.deepEqual(response.headers.getSetCookie(), ['a=1; Path=/', 'b=2']);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://app.example.com');
    assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
    assert.equal(response.headers.get('access-control-expose-headers'), 'x-custom');
    assert.equal(response.headers.get('connection'), 'keep-alive');
    assert.match(response.headers.get('apigw-requestid') ?? '', /^[A-Za-z0-9+/]{15}=$/);
    assert.ok(response.headers.get('date'));
  });

  test('HTTP-30 a base64 result is decoded to bytes', async () => {
    const response = await inMemory(`${staged.url}/binary`);
    assert.deepEqual([...new Uint8Array(await response.arrayBuffer())], [0x89, 0x50, 0x4e, 0x47]);
  });

  test('HTTP-30 HTTP-33 HTTP-40 a malformed result or a failing handler is 500 Internal Server Error', async () => {
    for (const path of ['/malformed', '/fails']) {
      const response = await inMemory(`${staged.url}${path}`);
      assert.deepEqual([response.status, await response.text()], [500, '{"message":"Internal Server Error"}'], path);
    }
  });

  test('HTTP-30 a result with status 100 or 101, or a header that cannot be written (CRLF, past Latin-1, a bad name), is 500 Internal Server Error // spec: unverified', async () => {
    const malformed = [
      { statusCode: 100 },
      { statusCode: 101, headers: { upgrade: 'websocket' } },
      { statusCode: 199 },
      { statusCode: 200, headers: { 'x-split': 'a\r\nx-injected: yes' } },
      { statusCode: 200, headers: { 'x-euro': '5 €' } },
      { statusCode: 200, headers: { 'bad name': 'x' } },
      { statusCode: 200, cookies: ['a=1\r\nx-injected: yes'] },
    ];
    for (const result of malformed) {
      // Bounded: a gateway that sent only an interim response would leave the request waiting.
      const response = await inMemory(`${staged.url}/shaped`, { method: 'POST', body: JSON.stringify(result), signal: AbortSignal.timeout(5000) });
      assert.deepEqual([response.status, await response.text()], [500, '{"message":"Internal Server Error"}'], JSON.stringify(result));
    }
    const latin1 = await inMemory(`${staged.url}/shaped`, {
      method: 'POST',
      body: JSON.stringify({ statusCode: 200, headers: { 'x-latin': 'café' }, body: 'ok' }),
    });
    assert.deepEqual([latin1.status, latin1.headers.get('x-latin'), await latin1.text()], [200, 'café', 'ok']);
  });

  test('HTTP-33 HTTP-70 an integration timeout is 503 Service Unavailable (33 bytes)', async () => {
    const response = await inMemory(`${staged.url}/slow?ms=1000`);
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('content-length'), '33');
    assert.equal(await response.text(), '{"message":"Service Unavailable"}');
  });

  test('HTTP-70 HTTP-40 a body over the Lambda payload limit is 413 // spec: unverified', async () => {
    const response = await inMemory(`${staged.url}/items/1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(6 * 1024 * 1024 + 1),
    });
    assert.deepEqual([response.status, await response.text()], [413, '{"message":"Request Entity Too Large"}']);
  });

  test('HTTP-21 raw requests: duplicate headers are joined, a bad percent-encoding stays raw, a missing User-Agent is ""', async () => {
    const answer = await raw(
      staged.port,
      `GET /dev/items/%E0%A4%A?x=%ZZ HTTP/1.1\r\nHost: 127.0.0.1:${staged.port}\r\nX-Dup: 1\r\nx-dup: 2\r\nConnection: close\r\n\r\n`,
    );
    assert.match(answer, /^HTTP\/1\.1 200 OK\r\n/);
    const event = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    assert.equal(event.headers['x-dup'], '1,2');
    assert.deepEqual(event.pathParameters, { id: '%E0%A4%A' });
    assert.equal(event.rawQueryString, 'x=%ZZ');
    assert.equal(event.requestContext.http.userAgent, '');
  });
});

describe('CORS and throttling', () => {
  test('HTTP-51 a preflight no route takes is answered by the gateway without invoking anything', async () => {
    const reflectLines = () => started.log.functionLines.filter((entry) => entry.functionName === 'reflect').length;
    const before = reflectLines();
    const response = await inMemory(`${staged.url}/items/1`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://app.example.com');
    assert.equal(response.headers.get('access-control-allow-methods'), 'GET,POST');
    assert.equal(response.headers.get('access-control-allow-headers'), 'content-type');
    assert.equal(response.headers.get('access-control-max-age'), '600');
    assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
    assert.equal(reflectLines(), before);
    const stranger = await inMemory(`${staged.url}/items/1`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(stranger.status, 204);
    assert.equal(stranger.headers.get('access-control-allow-origin'), null);
  });

  test('HTTP-51 a preflight that matches a route goes to that route', async () => {
    const event = await json(
      await inMemory(`${open.url}/x`, { method: 'OPTIONS', headers: { origin: 'https://a.test', 'access-control-request-method': 'GET' } }),
    );
    assert.equal(event.routeKey, 'OPTIONS /{proxy+}');
  });

  test('HTTP-52 no Origin, no CORS headers; an API without CORS adds none', async () => {
    const plain = await inMemory(`${staged.url}/inferred`);
    assert.equal(plain.headers.get('access-control-allow-origin'), null);
    const noCors = await inMemory(`${open.url}/x`, { headers: { origin: 'https://a.test' } });
    assert.equal(noCors.headers.get('access-control-allow-origin'), null);
  });

  test('THR-1 THR-2 THR-4 a route bucket: burst requests pass, the next is 429 Too Many Requests', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await inMemory(`${staged.url}/limited`)).status);
    assert.deepEqual(statuses, [200, 200, 429]);
    const throttled = await inMemory(`${staged.url}/limited`);
    assert.deepEqual([throttled.status, await throttled.text()], [429, '{"message":"Too Many Requests"}']);
  });

  test('THR-3 zero limits throttle every request // spec: unverified', async () => {
    assert.equal((await inMemory(`${staged.url}/closed`)).status, 429);
  });
});
