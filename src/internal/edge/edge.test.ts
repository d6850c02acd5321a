/** The edge values and their adapters: what is written for a response, what a fetch request looks like to a surface. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fetchPort, requestFromFetch, responseToFetch } from './fetch.ts';
import { wireHeaders } from './values.ts';

test("HTTP-32 framing headers never come from a surface; repeated names are grouped; the length is the body's", () => {
  const headers = wireHeaders({
    statusCode: 200,
    headers: [
      ['set-cookie', 'a=1'],
      ['Connection', 'upgrade'],
      ['Transfer-Encoding', 'chunked'],
      ['content-length', '99'],
      ['date', 'yesterday'],
      ['set-cookie', 'b=2'],
      ['x-amzn-RequestId', 'id'],
    ],
    body: Buffer.from('four'),
  });
  assert.deepEqual(headers, { 'set-cookie': ['a=1', 'b=2'], 'x-amzn-RequestId': 'id', 'content-length': '4' });
  const closing = wireHeaders({ statusCode: 413, headers: [], body: Buffer.alloc(0), closeConnection: true });
  assert.deepEqual(closing, { 'content-length': '0', connection: 'close' });
});

test('a fetch request reaches a surface as a socket would bring it: Host from the URL, content-length for a body, TLS for https:', async () => {
  const request = await requestFromFetch(
    new Request('https://localhost:4000/dev/a%20b?x=1', { method: 'POST', body: 'hello', headers: { 'X-One': '1' } }),
    4000,
  );
  assert.deepEqual(
    [request.method, request.target, request.remoteAddress, request.localPort, request.secure],
    ['POST', '/dev/a%20b?x=1', '127.0.0.1', 4000, true],
  );
  assert.deepEqual(request.rawHeaders, ['host', 'localhost:4000', 'content-type', 'text/plain;charset=UTF-8', 'x-one', '1', 'content-length', '5']);
  assert.equal(request.headers.host, 'localhost:4000');
  assert.deepEqual(await request.body.read(5), { kind: 'ok', body: Buffer.from('hello') });
  assert.deepEqual(await request.body.read(4), { kind: 'too-large' });
  const bare = await requestFromFetch(new Request('http://127.0.0.1:4000/'), 4000);
  assert.deepEqual([bare.secure, bare.rawHeaders, await bare.body.read(0)], [false, ['host', '127.0.0.1:4000'], { kind: 'ok', body: undefined }]);
});

test('a response value becomes the Response a socket client reads; HEAD, 204 and 304 carry no body', async () => {
  const response = responseToFetch(
    {
      statusCode: 201,
      headers: [
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
      ],
      body: Buffer.from('made'),
    },
    'POST',
  );
  assert.deepEqual(
    [response.status, response.headers.getSetCookie(), response.headers.get('content-length'), await response.text()],
    [201, ['a=1', 'b=2'], '4', 'made'],
  );
  for (const [status, method] of [
    [200, 'HEAD'],
    [204, 'GET'],
    [304, 'GET'],
  ] as const) {
    const empty = responseToFetch({ statusCode: status, headers: [], body: Buffer.from('x') }, method);
    assert.deepEqual([empty.status, empty.body], [status, null]);
  }
});

test('fetchPort: a served host and port; anything else a TypeError naming the ports served', () => {
  const hosts = new Set(['127.0.0.1', 'localhost']);
  const ports = new Set([4000, 4001]);
  assert.equal(fetchPort(new URL('ws://localhost:4001/dev'), hosts, ports, '127.0.0.1'), 4001);
  for (const url of ['http://127.0.0.1:4002/', 'http://example.com:4000/', 'file:///etc/passwd', 'https://localhost/']) {
    assert.throws(() => fetchPort(new URL(url), hosts, ports, '127.0.0.1'), {
      name: 'TypeError',
      message: `fetch failed: ${new URL(url).origin} is not served by this gateway, which serves http(s)://127.0.0.1:4000, http(s)://127.0.0.1:4001`,
    });
  }
});
