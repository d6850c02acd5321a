/** Malformed input on every port of a running service: each gets a status or a closed socket, and every API still answers. */
import assert from 'node:assert/strict';
import { connect as connectTcp } from 'node:net';
import { after, before, test } from 'node:test';
import service from '../fixtures/services/malformed/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import {
  assertEveryApiAnswers,
  exchange,
  type Outcome,
  type Probe,
  portsOf,
  requestLine,
  TARGETS,
  type Target,
  UPGRADE_HEADERS,
} from '../helpers/raw-exchange.ts';

let started: StartedGateway;
const ports: Record<string, number> = {};

before(async () => {
  started = await startGateway(null, service);
  Object.assign(ports, portsOf(started.urls));
});
after(() => started.gateway.dispose());

const ANSWER_WAIT_MS = 5_000;

const BAD_PERCENT = '%E0%A4%A';

/** What each malformed input gets on each port. */
const CASES: Array<{ name: string; probe: (target: Target) => Probe; expected: Record<string, Outcome> | Outcome }> = [
  {
    name: 'bad percent-encoding in the path',
    probe: (target) => ({ bytes: `${requestLine(target, BAD_PERCENT)}Content-Length: 2\r\n\r\n{}` }),
    expected: { chat: 'status 403', connections: 'status 403', http: 'status 200', rest: 'status 200', site: 'status 400', invoke: 'status 400' },
  },
  {
    name: 'bad percent-encoding over TLS',
    probe: (target) => ({ tls: true, bytes: `${requestLine(target, BAD_PERCENT)}Content-Length: 2\r\n\r\n{}` }),
    expected: { chat: 'status 403', connections: 'status 403', http: 'status 200', rest: 'status 200', site: 'status 400', invoke: 'status 400' },
  },
  {
    name: 'bad percent-encoding in the query',
    probe: (target) => ({ bytes: `${requestLine(target, target.good, `?q=${BAD_PERCENT}`)}Content-Length: 2\r\n\r\n{}` }),
    expected: { chat: 'status 403', connections: 'status 403', http: 'status 200', rest: 'status 200', site: 'status 200', invoke: 'status 200' },
  },
  {
    name: 'a WebSocket upgrade with bad percent-encoding in the path',
    probe: (target) => ({ bytes: `${requestLine(target, BAD_PERCENT).replace(/^\w+/, 'GET')}${UPGRADE_HEADERS}\r\n` }),
    expected: { chat: 'status 403', connections: 'status 403', http: 'status 200', rest: 'status 200', site: 'status 400', invoke: 'status 404' },
  },
  {
    name: 'a WebSocket upgrade with bad percent-encoding in the query',
    probe: (target) => ({ bytes: `${requestLine(target, target.good, `?q=${BAD_PERCENT}`).replace(/^\w+/, 'GET')}${UPGRADE_HEADERS}\r\n` }),
    expected: { chat: 'status 101', connections: 'status 403', http: 'status 200', rest: 'status 200', site: 'status 200', invoke: 'status 404' },
  },
  {
    name: 'a WebSocket upgrade with a malformed key',
    probe: (target) => ({ bytes: `${requestLine(target).replace(/^\w+/, 'GET')}${UPGRADE_HEADERS.replace(/Key: .*/, 'Key: %%%')}\r\n` }),
    expected: { chat: 'status 400', connections: 'status 403', http: 'status 200', rest: 'status 200', site: 'status 200', invoke: 'status 404' },
  },
  {
    name: 'a header line without a colon',
    probe: (target) => ({ bytes: `${requestLine(target)}No colon here\r\n\r\n` }),
    expected: 'status 400',
  },
  {
    name: 'a control character in a header value',
    probe: (target) => ({ bytes: `${requestLine(target)}X-Bad: a\x01b\r\n\r\n` }),
    expected: 'status 400',
  },
  {
    name: 'headers larger than the server takes',
    probe: (target) => ({ bytes: `${requestLine(target)}X-Big: ${'a'.repeat(20_000)}\r\n\r\n` }),
    expected: 'status 431',
  },
  {
    name: 'a body shorter than its Content-Length, then the client ends',
    probe: (target) => ({ bytes: `${requestLine(target)}Content-Length: 100\r\n\r\n{"a":`, afterWrite: 'end' }),
    // The @connections API refuses an unsigned request before it reads the body.
    expected: { chat: 'status 403', connections: 'status 403', http: 'status 400', rest: 'status 400', site: 'status 400', invoke: 'status 400' },
  },
  {
    name: 'a bad chunk size',
    probe: (target) => ({ bytes: `${requestLine(target)}Transfer-Encoding: chunked\r\n\r\nzz\r\n` }),
    expected: { chat: 'status 403', connections: 'status 403', http: 'status 400', rest: 'status 400', site: 'status 400', invoke: 'status 400' },
  },
  {
    name: 'both Content-Length and Transfer-Encoding',
    probe: (target) => ({ bytes: `${requestLine(target)}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n` }),
    expected: 'status 400',
  },
  {
    name: 'a client that resets mid-body',
    probe: (target) => ({ bytes: `${requestLine(target)}Content-Length: 100\r\n\r\n{"a":`, afterWrite: 'reset' }),
    expected: 'sent',
  },
  {
    name: 'a client that resets mid-headers',
    probe: (target) => ({ bytes: `${requestLine(target)}X-Half: `, afterWrite: 'reset' }),
    expected: 'sent',
  },
  {
    name: 'garbage that is not HTTP',
    probe: () => ({ bytes: Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x0d, 0x0a, 0x0d, 0x0a]) }),
    expected: 'status 400',
  },
  {
    name: 'garbage after a TLS record header (the first byte says TLS)',
    probe: () => ({ bytes: Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x00, 0x20]), Buffer.alloc(32, 0xab)]) }),
    expected: 'closed',
  },
  {
    name: 'a TLS record header, then the client ends',
    probe: () => ({ bytes: Buffer.from([0x16, 0x03]), afterWrite: 'end' }),
    expected: 'closed',
  },
  {
    name: 'garbage inside a TLS connection',
    probe: () => ({ tls: true, bytes: Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x0d, 0x0a, 0x0d, 0x0a]) }),
    expected: 'status 400',
  },
  {
    name: 'the HTTP/2 preface followed by garbage',
    probe: () => ({ bytes: Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), Buffer.alloc(16, 0xff)]) }),
    expected: 'closed',
  },
];

for (const { name, probe, expected } of CASES) {
  test(`malformed input on every port answers a status or closes: ${name}`, async () => {
    const outcomes: Record<string, Outcome> = {};
    for (const [name, target] of Object.entries(TARGETS)) outcomes[name] = await exchange(ports[target.port] as number, probe(target));
    const wanted = typeof expected === 'string' ? Object.fromEntries(Object.keys(TARGETS).map((target) => [target, expected])) : expected;
    assert.deepEqual(outcomes, wanted);
  });
}

test('a frame with a reserved opcode after an accepted upgrade closes that connection with 1002, the protocol error code', async () => {
  const chat = ports.chat as number;
  const received = await new Promise<Buffer>((resolve, reject) => {
    const socket = connectTcp({ port: chat, host: '127.0.0.1' });
    let bytes = Buffer.alloc(0);
    const timer = setTimeout(() => reject(new Error(`no close within ${ANSWER_WAIT_MS} ms`)), ANSWER_WAIT_MS);
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      bytes = Buffer.concat([bytes, chunk]);
      // Once accepted: a masked frame with opcode 15, which RFC 6455 reserves.
      if (bytes.toString('latin1').startsWith('HTTP/1.1 101 ') && bytes.includes('\r\n\r\n') && !socket.writableEnded)
        socket.end(Buffer.from([0x8f, 0x80, 0, 0, 0, 0]));
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(bytes);
    });
    socket.once('connect', () => socket.write(`GET /dev HTTP/1.1\r\nHost: x\r\n${UPGRADE_HEADERS}\r\n`));
  });
  const frame = received.subarray(received.indexOf('\r\n\r\n') + 4);
  assert.deepEqual([...frame.subarray(0, 1), frame.readUInt16BE(2)], [0x88, 1002]);
});

test('after every malformed input, every API, the site and the Invoke API still answer a good request', async () => {
  await assertEveryApiAnswers(started.urls);
});
