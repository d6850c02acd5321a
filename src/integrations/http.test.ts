/** HTTP integrations keep the Integration contract against a real local server (GEN-11, MAP-20, MAP-21). */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { ManualClock } from '../internal/manual-clock.ts';
import { type HttpBackendAnswer, httpIntegration } from './http.ts';

let server: Server;
let base: string;
let arrived: () => void = () => {};

before(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      arrived();
      if (request.url === '/hang') return;
      if (request.url === '/large') return response.end(Buffer.alloc(2048));
      response.writeHead(201, { 'content-type': 'text/plain', 'x-seen': String(request.headers['x-in']) });
      response.end(`${request.method} ${request.url} ${Buffer.concat(chunks).toString()}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('an HTTP integration sends the method, URL, headers and body, and answers with status, headers and bytes', async () => {
  const http = httpIntegration({ type: 'HTTP', timeoutMs: 1_000, clock: new ManualClock() });
  const outcome = await http.call({ method: 'POST', url: `${base}/orders?x=1`, headers: { 'x-in': 'yes' }, body: '{"a":1}' });
  assert.equal(outcome.kind, 'answered');
  const answer = (outcome as { payload: HttpBackendAnswer }).payload;
  assert.equal(answer.statusCode, 201);
  assert.equal(answer.headers['x-seen'], 'yes');
  assert.equal(answer.headers['content-type'], 'text/plain');
  assert.equal(answer.body.toString(), 'POST /orders?x=1 {"a":1}');
});

test('GEN-11 an HTTP backend that does not answer is timed out on the gateway clock, and its request aborted', async () => {
  const clock = new ManualClock();
  const http = httpIntegration({ type: 'HTTP_PROXY', timeoutMs: 500, clock });
  const reached = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const pending = http.call({ method: 'POST', url: `${base}/hang`, headers: {}, body: 'x' });
  await reached;
  await clock.advance(499);
  let settled = false;
  void pending.then(() => {
    settled = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(settled, false);
  await clock.advance(1);
  assert.deepEqual(await pending, { kind: 'timed-out' });
});

test('a refused connection and a response over the size limit fail the call without rejecting it', async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const http = httpIntegration({ type: 'HTTP', timeoutMs: 5_000, clock: new ManualClock(), maxResponseBytes: 1024 });
  const refused = await http.call({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {}, body: undefined });
  assert.equal(refused.kind, 'failed');
  assert.match((refused as { error: { errorMessage: string } }).error.errorMessage, new RegExp(`^GET http://127\\.0\\.0\\.1:${port}/ failed: .*ECONNREFUSED`));
  const large = await http.call({ method: 'GET', url: `${base}/large`, headers: {}, body: undefined });
  assert.deepEqual(large, {
    kind: 'failed',
    error: { errorType: 'HttpIntegrationError', errorMessage: `the response of GET ${base}/large is larger than 1024 bytes`, trace: [] },
  });
});
