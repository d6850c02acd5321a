/** Clients that never finish a request give up their socket; a port holds a bounded number of connections. */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { connect, type Socket } from 'node:net';
import { test } from 'node:test';
import { CONNECTION_LIMITS, type ConnectionLimits } from './connection-limits.ts';
import { type Listener, type ListenOptions, listen } from './listener.ts';
import { memoryLog } from './log.ts';
import { ManualClock } from './manual-clock.ts';
import { generateLocalCertificate, type TlsMaterial } from './tls.ts';

const SHORT: ConnectionLimits = {
  firstByteTimeoutMs: 50,
  headersTimeoutMs: 50,
  requestTimeoutMs: 50,
  tlsHandshakeTimeoutMs: 50,
  maxConnectionsPerPort: 100,
};
/** Far past every short timeout: a socket still open then was never going to be closed. */
const BOUND_MS = 3_000;

let tlsMaterial: TlsMaterial | undefined;
async function tls(): Promise<TlsMaterial> {
  tlsMaterial ??= await generateLocalCertificate();
  return tlsMaterial;
}

async function start(connectionLimits: ConnectionLimits, log = memoryLog()): Promise<Listener> {
  // Answers once the whole request has arrived, as the gateways do.
  const onRequest: ListenOptions['onRequest'] = (request, response) => {
    request.resume();
    request.on('end', () => response.end('fine'));
  };
  return listen({ host: '127.0.0.1', port: 0, tls: await tls(), log, connectionLimits, onRequest });
}

interface Outcome {
  /** What the server wrote before it closed the socket. */
  received: string;
  elapsedMs: number;
}

/** Opens a socket, writes `bytes` (if any) and never more; resolves when the server closes it. */
function openAndStall(port: number, bytes?: Buffer | string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const startedAt = Date.now();
    const socket: Socket = connect({ port, host: '127.0.0.1' }, () => {
      if (bytes !== undefined) socket.write(bytes);
    });
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    const bound = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the socket open for ${BOUND_MS} ms`));
    }, BOUND_MS);
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(bound);
      resolve({ received, elapsedMs: Date.now() - startedAt });
    });
  });
}

function get(port: number, secure: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const send = secure ? httpsRequest : httpRequest;
    const outgoing = send({ host: '127.0.0.1', port, path: '/', ...(secure ? { ca: tlsMaterial?.cert, servername: 'localhost' } : {}) }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve(`${response.statusCode} ${body}`));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

test('connection limits: a socket that sends nothing is closed after firstByteTimeoutMs on the gateway clock, not a millisecond sooner', async (t) => {
  const clock = new ManualClock();
  const listener = await listen({
    host: '127.0.0.1',
    port: 0,
    tls: await tls(),
    connectionLimits: { ...SHORT, firstByteTimeoutMs: 10_000 },
    clock,
    onRequest: () => {},
  });
  t.after(() => listener.close());
  let closed = false;
  const stalled = openAndStall(listener.port).finally(() => {
    closed = true;
  });
  // The server has the socket once its timer waits on the clock.
  while (clock.pendingTimers === 0) await new Promise((resolve) => setImmediate(resolve));
  await clock.advance(9_999);
  assert.equal(closed, false);
  await clock.advance(1);
  assert.equal((await stalled).received, '');
});

test('connection limits: a lone TLS byte 0x16 is closed after tlsHandshakeTimeoutMs', async (t) => {
  const listener = await start({ ...SHORT, firstByteTimeoutMs: 10_000 });
  t.after(() => listener.close());
  const { received, elapsedMs } = await openAndStall(listener.port, Buffer.from([0x16]));
  assert.equal(received, '');
  assert.ok(elapsedMs >= 40, `closed after ${elapsedMs} ms`);
});

test('connection limits: an unfinished TLS handshake (a ClientHello record cut short) is closed after tlsHandshakeTimeoutMs', async (t) => {
  const listener = await start({ ...SHORT, firstByteTimeoutMs: 10_000 });
  t.after(() => listener.close());
  // A handshake record announcing 512 bytes, of which a ClientHello's first two arrive.
  const { received, elapsedMs } = await openAndStall(listener.port, Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00]));
  assert.equal(received, '');
  assert.ok(elapsedMs >= 40, `closed after ${elapsedMs} ms`);
});

test('connection limits: an unfinished request line and headers are answered 408 and closed after headersTimeoutMs', async (t) => {
  const listener = await start({ ...SHORT, firstByteTimeoutMs: 10_000 });
  t.after(() => listener.close());
  const { received, elapsedMs } = await openAndStall(listener.port, 'GET / HTTP/1.1\r\n');
  assert.equal(received, 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
  assert.ok(elapsedMs >= 40, `closed after ${elapsedMs} ms`);
});

test('connection limits: a request whose body never ends is answered 408 and closed after requestTimeoutMs', async (t) => {
  const listener = await start({ ...SHORT, firstByteTimeoutMs: 10_000, headersTimeoutMs: 50, requestTimeoutMs: 100 });
  t.after(() => listener.close());
  const { received, elapsedMs } = await openAndStall(listener.port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc');
  assert.equal(received, 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
  assert.ok(elapsedMs >= 90, `closed after ${elapsedMs} ms`);
});

test('connection limits: real clients are served over HTTP and TLS with the short timeouts in force', async (t) => {
  const listener = await start(SHORT);
  t.after(() => listener.close());
  assert.equal(await get(listener.port, false), '200 fine');
  assert.equal(await get(listener.port, true), '200 fine');
});

test('connection limits: past maxConnectionsPerPort the next connections are closed, one line is logged, and the port serves again once one closes', async (t) => {
  const log = memoryLog();
  const listener = await start({ ...SHORT, firstByteTimeoutMs: 10_000, maxConnectionsPerPort: 2 }, log);
  t.after(() => listener.close());
  const held = await Promise.all(
    [0, 1].map(
      () =>
        new Promise<Socket>((resolve) => {
          const socket = connect({ port: listener.port, host: '127.0.0.1' }, () => resolve(socket));
          socket.on('error', () => {});
        }),
    ),
  );
  const refused = await Promise.all([openAndStall(listener.port), openAndStall(listener.port)]);
  assert.deepEqual(
    refused.map((outcome) => outcome.received),
    ['', ''],
  );
  assert.deepEqual(log.lines, [
    `warn port ${listener.port} holds 2 connections (connectionLimits.maxConnectionsPerPort): refused 1 new connection; at most one such line a minute`,
  ]);
  await Promise.all(held.map((socket) => new Promise((resolve) => socket.once('close', resolve).destroy())));
  assert.equal(await get(listener.port, false), '200 fine');
});

test('connection limits: the defaults', () => {
  assert.deepEqual(CONNECTION_LIMITS, {
    firstByteTimeoutMs: 10_000,
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 60_000,
    tlsHandshakeTimeoutMs: 10_000,
    maxConnectionsPerPort: 4096,
  });
});

test('connection limits: a whole request whose answer takes longer than requestTimeoutMs is still answered', async (t) => {
  const listener = await listen({
    host: '127.0.0.1',
    port: 0,
    tls: await tls(),
    connectionLimits: SHORT,
    onRequest: (_request, response) => {
      setTimeout(() => response.end('slow'), 300);
    },
  });
  t.after(() => listener.close());
  assert.equal(await get(listener.port, false), '200 slow');
});

test('connection limits: an upgraded connection outlives every request timeout (websocketLimits time it)', async (t) => {
  const listener = await listen({
    host: '127.0.0.1',
    port: 0,
    tls: await tls(),
    connectionLimits: SHORT,
    onRequest: (_request, response) => response.end(),
    onUpgrade: (_request, socket) => {
      socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n');
      setTimeout(() => socket.end('still here'), 300);
    },
  });
  t.after(() => listener.close());
  const { received, elapsedMs } = await openAndStall(listener.port, 'GET / HTTP/1.1\r\nHost: x\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n');
  assert.equal(received, 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\nstill here');
  assert.ok(elapsedMs >= 290, `closed after ${elapsedMs} ms`);
});

test('connection limits: a TLS connection kept alive and used past firstByteTimeoutMs is not closed by it', async (t) => {
  const listener = await start({ ...SHORT, firstByteTimeoutMs: 50, headersTimeoutMs: 1_000, requestTimeoutMs: 1_000 });
  t.after(() => listener.close());
  const agent = new HttpsAgent({ keepAlive: true, maxSockets: 1, ca: (await tls()).cert });
  t.after(() => agent.destroy());
  const closed: string[] = [];
  const answers: string[] = [];
  for (let index = 0; index < 3; index += 1) {
    answers.push(
      await new Promise<string>((resolve, reject) => {
        const outgoing = httpsRequest({ host: '127.0.0.1', port: listener.port, path: '/', agent, servername: 'localhost' }, (response) => {
          response.socket.once('close', () => closed.push(`socket of request ${index}`));
          response.resume();
          response.on('end', () => resolve(`${response.statusCode} reused=${outgoing.reusedSocket}`));
        });
        outgoing.on('error', reject);
        outgoing.end();
      }),
    );
    // Longer than firstByteTimeoutMs, shorter than node's 5 s keep-alive timeout.
    await new Promise((resolve) => setTimeout(resolve, 120));
  }
  assert.deepEqual(answers, ['200 reused=false', '200 reused=true', '200 reused=true']);
  assert.deepEqual(closed, []);
});
