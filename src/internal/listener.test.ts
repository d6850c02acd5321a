/** The shared listener: a handler that throws fails only its own request. */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { listen } from './listener.ts';
import { memoryLog } from './log.ts';
import { generateLocalCertificate } from './tls.ts';

function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => socket.end(bytes));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

test('a request or upgrade handler that throws answers 500 or drops its socket, logs the error, and the port keeps serving', async (t) => {
  const log = memoryLog();
  const listener = await listen({
    host: '127.0.0.1',
    port: 0,
    tls: await generateLocalCertificate(),
    log,
    onRequest: (request, response) => {
      if (request.url === '/throw') throw new Error('handler bug');
      response.end('fine');
    },
    onUpgrade: () => {
      throw new Error('upgrade bug');
    },
  });
  t.after(() => listener.close());
  const thrown = await rawExchange(listener.port, 'GET /throw HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.match(thrown, /^HTTP\/1\.1 500 Internal Server Error\r\n/);
  assert.ok(thrown.endsWith('\r\n\r\n{"message":"Internal Server Error"}'), thrown);
  const upgrade = await rawExchange(listener.port, 'GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
  assert.equal(upgrade, '');
  const fine = await rawExchange(listener.port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.match(fine, /\r\n\r\nfine$/);
  assert.deepEqual(
    log.lines.map((line) => line.split('\n')[0]),
    ['error internal error while answering a request: Error: handler bug', 'error internal error while answering a request: Error: upgrade bug'],
  );
});

test('connectInMemory: the port serves a request without a socket, as over TLS from this machine when secure; none once closed', async () => {
  const listener = await listen({
    host: '127.0.0.1',
    port: 0,
    tls: await generateLocalCertificate(),
    onRequest: (request, response) => {
      const socket = request.socket as typeof request.socket & { encrypted?: boolean };
      response.end(JSON.stringify({ encrypted: Boolean(socket.encrypted), remoteAddress: socket.remoteAddress, localPort: socket.localPort }));
    },
  });
  assert.deepEqual(listener.localNames, ['localhost', '127.0.0.1']);
  const exchange = (secure: boolean) =>
    new Promise<string>((resolve, reject) => {
      const socket = listener.connectInMemory(secure);
      assert.ok(socket);
      let text = '';
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => {
        text += chunk;
      });
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
      socket.end('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    });
  for (const secure of [true, false]) {
    const answer = await exchange(secure);
    assert.match(answer, /^HTTP\/1\.1 200 OK\r\n/);
    assert.ok(answer.endsWith(JSON.stringify({ encrypted: secure, remoteAddress: '127.0.0.1', localPort: listener.port })), answer);
  }
  await listener.close();
  assert.equal(listener.connectInMemory(true), undefined);
});
