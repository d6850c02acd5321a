/** `hoplite connect` against a real `ws` server, with in-memory streams for the terminal. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { WebSocketServer } from 'ws';
import { generateLocalCertificate } from '../internal/tls.ts';
import { runConnect } from './connect.ts';
import type { CliIo } from './io.ts';

function memoryIo(): CliIo & { out: () => string; err: () => string; input: PassThrough } {
  const input = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk;
  });
  stderr.on('data', (chunk: Buffer) => {
    err += chunk;
  });
  return { stdin: input, stdout, stderr, env: { XDG_CACHE_HOME: '/nonexistent' }, input, out: () => out, err: () => err };
}

async function echoServer(t: { after(fn: () => void): void }) {
  const seen: { headers?: IncomingMessage['headers']; messages: string[] } = { messages: [] };
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: (protocols) => [...protocols].at(-1) ?? false });
  wss.on('headers', (_headers, request) => {
    seen.headers = request.headers;
  });
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      seen.messages.push(data.toString());
      socket.send(`echo: ${data}`);
    });
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  t.after(() => wss.close());
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/v1`, seen };
}

test('scripted: -x sends, received messages print as "< ", headers and subprotocols reach the server', async (t) => {
  const { url, seen } = await echoServer(t);
  const io = memoryIo();
  const code = await runConnect([url, '-x', 'one', '-x', 'two', '--wait', '300', '-H', 'Authorization: Bearer abc', '-s', 'chat.v1', '-s', 'chat.v2'], io);
  assert.equal(code, 0);
  assert.equal(io.out(), 'subprotocol: chat.v2\n> one\n> two\n< echo: one\n< echo: two\n');
  assert.deepEqual(seen.messages, ['one', 'two']);
  assert.equal(seen.headers?.authorization, 'Bearer abc');
  assert.equal(seen.headers?.['sec-websocket-protocol'], 'chat.v1,chat.v2');
});

test('interactive: each line is sent, arrivals print with "< ", end of input closes and exits 0', async (t) => {
  const { url, seen } = await echoServer(t);
  const io = memoryIo();
  const done = runConnect([url], io);
  const deadline = Date.now() + 3000;
  while (!io.out().includes('connected') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  io.input.write('hello\n');
  while (!io.out().includes('< echo: hello') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  io.input.end();
  assert.equal(await done, 0);
  assert.deepEqual(seen.messages, ['hello']);
  assert.match(io.out(), /^connected \(press Ctrl-C or Ctrl-D to quit\)\n> /);
  assert.match(io.out(), /\n< echo: hello\n> /);
});

test('a refused handshake prints the status and exits 1', async (t) => {
  const http = await import('node:http');
  const server = http.createServer();
  server.on('upgrade', (_request, socket) => socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 12\r\n\r\nnot allowed!'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const io = memoryIo();
  const code = await runConnect([`ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, '-x', 'hi'], io);
  assert.equal(code, 1);
  assert.equal(io.err(), 'error: Unexpected server response: 401 not allowed!\n');
});

test('connection refused and a bad URL are one clear line', async () => {
  const io = memoryIo();
  assert.equal(await runConnect(['ws://127.0.0.1:1/v1', '-x', 'hi'], io), 1);
  assert.equal(io.err(), 'error: cannot connect to ws://127.0.0.1:1/v1 (connection refused)\n');
  await assert.rejects(runConnect(['http://example/v1'], memoryIo()), /expected a ws:\/\/ or wss:\/\/ URL, got "http:\/\/example\/v1"/);
  await assert.rejects(runConnect([], memoryIo()), /expected a URL/);
});

test('wss:// with --ca trusts that certificate; -k skips verification; without either it is refused', async (t) => {
  const tls = await generateLocalCertificate();
  const server = createHttpsServer({ key: tls.key, cert: tls.cert });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket) => socket.on('message', (data) => socket.send(`secure: ${data}`)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    wss.close();
    server.close();
  });
  const dir = await mkdtemp(join(tmpdir(), 'hoplite-ca-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'ca.pem'), tls.cert);
  const url = `wss://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const trusted = memoryIo();
  assert.equal(await runConnect([url, '--ca', join(dir, 'ca.pem'), '-x', 'x', '--wait', '200'], trusted), 0);
  assert.match(trusted.out(), /< secure: x/);
  const insecure = memoryIo();
  assert.equal(await runConnect([url, '-k', '-x', 'y', '--wait', '200'], insecure), 0);
  assert.match(insecure.out(), /< secure: y/);
  const refused = memoryIo();
  assert.equal(await runConnect([url, '-x', 'z'], refused), 1);
  assert.match(refused.err(), /^error: self-signed certificate/);
});
