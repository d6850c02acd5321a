/** `hoplite connect` against a real `ws` server, with in-memory streams for the terminal. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
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

const NORMAL_CLOSURE = 'normal closure (for example the backend deleted the connection through @connections)';

/** Polls the captured output (bounded): the client's output is the only event a test can observe. */
async function waitForOutput(read: () => string, text: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!read().includes(text)) {
    if (Date.now() > deadline) throw new Error(`no ${JSON.stringify(text)} in:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('stdin not a terminal: each line is sent, arrivals print with "< ", no "> " prompts; end of input waits --wait, closes and exits 0', async (t) => {
  const { url, seen } = await echoServer(t);
  const io = memoryIo();
  const done = runConnect([url, '--wait', '50'], io);
  await waitForOutput(io.out, 'connected');
  io.input.write('hello\nworld\n');
  await waitForOutput(io.out, '< echo: world');
  io.input.end();
  assert.equal(await done, 0);
  assert.deepEqual(seen.messages, ['hello', 'world']);
  assert.equal(io.out(), 'connected\n< echo: hello\n< echo: world\n');
  assert.equal(io.err(), '');
});

test('piped input: a reply that arrives after the end of input is still printed (within --wait)', async (t) => {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  // Replies after the input has ended, then closes: the client must still be listening.
  wss.on('connection', (socket) =>
    socket.on('message', (data) =>
      setTimeout(() => {
        socket.send(`late: ${data}`);
        socket.close(1000, 'done');
      }, 100),
    ),
  );
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  t.after(() => wss.close());
  const io = memoryIo();
  io.input.end('ping\n');
  assert.equal(await runConnect([`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/v1`, '--wait', '10000'], io), 0);
  assert.equal(io.out(), `connected\n< late: ping\ndisconnected (code: 1000, reason: "done"): ${NORMAL_CLOSURE}\n`);
});

/** The frames on the wire from a client: FIN bit, opcode and payload length, read from the raw TCP bytes. */
function recordFrames(socket: Socket): Array<[fin: boolean, opcode: number, length: number]> {
  const frames: Array<[boolean, number, number]> = [];
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      if (pending.length < 2) return;
      const first = pending[0] as number;
      const second = pending[1] as number;
      let length = second & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (pending.length < 4) return;
        length = pending.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (pending.length < 10) return;
        length = Number(pending.readBigUInt64BE(2));
        offset = 10;
      }
      if (second & 0x80) offset += 4; // client frames are masked
      if (pending.length < offset + length) return;
      frames.push([(first & 0x80) !== 0, first & 0x0f, length]);
      pending = pending.subarray(offset + length);
    }
  });
  return frames;
}

test('WS-80 a message over 32 KB is sent as AWS clients send it: text frames of at most 32 KB, the last with FIN; the server gets it whole', async (t) => {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  const received: string[] = [];
  let frames: Array<[boolean, number, number]> = [];
  wss.on('connection', (socket, request) => {
    frames = recordFrames(request.socket);
    socket.on('message', (data, isBinary) => {
      received.push(isBinary ? 'binary' : data.toString());
      if (received.length === 2) socket.close(1000, 'done');
    });
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  t.after(() => wss.close());
  const message = 'é'.repeat(50_000); // 100,000 bytes of UTF-8, split inside a character
  const io = memoryIo();
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/v1`;
  assert.equal(await runConnect([url, '-x', message, '-x', 'small', '--wait', '10000'], io), 0);
  assert.deepEqual(received, [message, 'small']);
  assert.deepEqual(frames.slice(0, 5), [
    [false, 1, 32_768],
    [false, 0, 32_768],
    [false, 0, 32_768],
    [true, 0, 1_696],
    [true, 1, 5],
  ]);
});

test('a close by the server exits non-zero unless it is 1000, and says what the code means (1001, 1003, 1006, 1009)', async (t) => {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('connection', (socket, request) => {
    const code = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('code'));
    socket.once('message', () => (code === 1006 ? socket.terminate() : socket.close(code, code === 1000 ? 'bye' : 'Going away')));
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  t.after(() => wss.close());
  const base = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/v1`;
  const cases: Array<[number, number, string, string]> = [
    [1000, 0, `disconnected (code: 1000, reason: "bye"): ${NORMAL_CLOSURE}\n`, ''],
    [
      1001,
      1,
      '',
      'error: disconnected (code: 1001, reason: "Going away"): going away: the server is stopping, or the connection was idle for 10 minutes or open for 2 hours (API Gateway idle timeout and duration limit)\n',
    ],
    [1003, 1, '', 'error: disconnected (code: 1003, reason: "Going away"): binary not supported: this API accepts text messages only\n'],
    [1006, 1, '', 'error: disconnected (code: 1006, reason: ""): abnormal closure: the connection dropped without a close frame\n'],
    [
      1009,
      1,
      '',
      'error: disconnected (code: 1009, reason: "Going away"): message too big: API Gateway takes frames of at most 32 KB and messages of at most 128 KB\n',
    ],
  ];
  for (const [code, exitCode, out, err] of cases) {
    for (const piped of [false, true]) {
      const io = memoryIo();
      if (piped) io.input.write('hi\n');
      const result = await runConnect(piped ? [`${base}?code=${code}`, '--wait', '10000'] : [`${base}?code=${code}`, '-x', 'hi', '--wait', '10000'], io);
      assert.equal(result, exitCode, `${code} ${piped ? 'piped' : 'scripted'}`);
      assert.equal(io.out(), `${piped ? 'connected\n' : '> hi\n'}${out}`, `${code} ${piped ? 'piped' : 'scripted'}`);
      assert.equal(io.err(), err, `${code} ${piped ? 'piped' : 'scripted'}`);
    }
  }
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

test('WS-80 the gateway reassembles what hoplite connect fragments: a 100 KB message is routed whole; over 128 KB closes 1009, exit 1', async (t) => {
  const { startGateway } = await import('../../test/helpers/gateway.ts');
  const { default: probe } = await import('../../test/fixtures/services/probe/hoplite.config.ts');
  const { urls } = await startGateway(t, probe);
  const url = urls.apis[0]?.url ?? '';
  const message = JSON.stringify({ action: 'echo', pad: 'x'.repeat(100_000) });
  const io = memoryIo();
  const done = runConnect([url, '--wait', '0'], io);
  io.input.write(`${message}\n`);
  await waitForOutput(io.out, `< ${message}\n`, 20_000);
  io.input.end();
  assert.equal(await done, 0);
  assert.equal(io.out(), `connected\n< ${message}\n`);

  const tooBig = memoryIo();
  const oversized = JSON.stringify({ action: 'echo', pad: 'x'.repeat(128 * 1024) });
  assert.equal(await runConnect([url, '-x', oversized, '--wait', '20000'], tooBig), 1);
  // The reason text is the gateway's (WS-80, unverified); the code and its meaning are what this pins.
  assert.match(
    tooBig.err(),
    /^error: disconnected \(code: 1009, reason: "[^"]*"\): message too big: API Gateway takes frames of at most 32 KB and messages of at most 128 KB\n$/,
  );
});
