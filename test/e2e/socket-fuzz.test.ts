/**
 * Thousands of mutated HTTP requests, WebSocket handshakes and WebSocket frames against every port of a gateway in a
 * child process: the process must stay alive and every API must still answer. A fixed seed, printed; FUZZ_SEED runs another.
 */
import assert from 'node:assert/strict';
import { connect as connectTcp, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type GatewayProcess, startGatewayProcess } from '../helpers/gateway-process.ts';
import { assertEveryApiAnswers, exchange, type Probe, portsOf, requestLine, TARGETS, type Target, UPGRADE_HEADERS } from '../helpers/raw-exchange.ts';

const SERVICE = fileURLToPath(new URL('../fixtures/services/malformed/hoplite.config.ts', import.meta.url));
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);
const HTTP_CASES = 1_800;
const HANDSHAKE_CASES = 600;
const FRAME_SESSIONS = 600;
/** On a loaded machine the phases stop at their budgets, with fewer cases; the diagnostic line says how many ran. */
const HTTP_BUDGET_MS = 6_000;
const HANDSHAKE_BUDGET_MS = 2_000;
const FRAME_BUDGET_MS = 3_000;
const CONCURRENT_SOCKETS = 8;
/** Each socket is closed after this long, answered or not. */
const SOCKET_DEADLINE_MS = 250;

let gateway: GatewayProcess;
let ports: Record<string, number>;

before(async () => {
  gateway = await startGatewayProcess(SERVICE);
  ports = portsOf(gateway.urls);
});
after(() => gateway?.stop());

/** mulberry32: small, fast, and the same sequence for the same seed. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 2 ** 32;
  };
}

type Random = () => number;
const below = (random: Random, limit: number) => Math.floor(random() * limit);
const pick = <T>(random: Random, items: readonly T[]): T => items[below(random, items.length)] as T;

/** One mutation of `bytes`: bit flips, truncation, duplication of a slice, inserted random bytes, or a tail cut and repeated. */
function mutate(random: Random, bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  const at = below(random, Math.max(1, copy.length));
  switch (below(random, 6)) {
    case 0:
      for (let flips = 1 + below(random, 8); flips > 0; flips--) {
        const index = below(random, copy.length);
        copy[index] = (copy[index] as number) ^ (1 << below(random, 8));
      }
      return copy;
    case 1:
      return copy.subarray(0, at);
    case 2: {
      const end = at + below(random, copy.length - at + 1);
      return Buffer.concat([copy.subarray(0, end), copy.subarray(at, end), copy.subarray(end)]);
    }
    case 3:
      return Buffer.concat([copy.subarray(0, at), Buffer.from(Array.from({ length: 1 + below(random, 64) }, () => below(random, 256))), copy.subarray(at)]);
    case 4:
      return Buffer.concat([copy, copy.subarray(at)]);
    default:
      return Buffer.concat([copy.subarray(0, at), Buffer.from(pick(random, ['\r\n', '\r\n\r\n', '\0', ':', ' ', '%', 'é', '\n', '%E0%A4%A', '\u2028']))]);
  }
}

const DEEP = 10_000;
const BODIES = [
  '',
  '{}',
  '{"a":1}',
  `{"n":${'['.repeat(50)}${']'.repeat(50)}}`,
  'x'.repeat(2_000),
  '\u00e9\u{1F600}',
  '{"a":"\\ud800"}',
  `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`,
  `{"a":${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}}`,
];
const DEEP_MESSAGE = `{"action":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`;
const SEGMENTS = [
  '%E0%A4%A',
  '%',
  '%zz',
  '%00',
  '..',
  '%2e%2e',
  '%2F',
  'a%20b',
  '\u00e9',
  '@connections',
  'x'.repeat(3_000),
  '%F0%9F%98%80',
  ':',
  'ok:1',
  'arn:aws:lambda:x',
];
const EXTRA_HEADERS = [
  '',
  'Content-Type: application/json\r\n',
  'Connection: close\r\n',
  'Expect: 100-continue\r\n',
  'Authorization: AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=zz\r\n',
  'X-Amz-Invocation-Type: Event\r\n',
  'X-Amz-Invocation-Type: DryRun\r\n',
  'Cookie: a=b; c\r\n',
  'X-Forwarded-For: \u00e9\r\n',
];

/** A request for `target` with a random path segment, query, header and body; for half of them, mutated bytes after which the client ends. */
function httpProbe(random: Random, target: Target): Probe {
  const body = pick(random, BODIES);
  const segment = random() < 0.5 ? target.good : pick(random, SEGMENTS);
  const query = random() < 0.2 ? `?${pick(random, ['a=1&a=2', 'q=%E0%A4%A', '=', '&&', 'x'.repeat(2_000)])}` : '';
  let bytes: Buffer = Buffer.from(
    `${requestLine(target, segment, query)}${pick(random, EXTRA_HEADERS)}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  // Every port takes TLS too, told apart by the first byte.
  const tls = random() < 0.1;
  if (random() < 0.5) return { bytes, tls };
  for (let times = 1 + below(random, 2); times > 0; times--) bytes = mutate(random, bytes);
  return { bytes, tls, afterWrite: 'end' };
}

function handshakeProbe(random: Random): Probe {
  const protocol = pick(random, [
    '',
    'Sec-WebSocket-Protocol: chat\r\n',
    'Sec-WebSocket-Protocol: chat, , v2\r\n',
    'Sec-WebSocket-Extensions: permessage-deflate\r\n',
  ]);
  const bytes = mutate(random, Buffer.from(`GET /dev HTTP/1.1\r\nHost: x\r\n${UPGRADE_HEADERS}${protocol}\r\n`));
  return { bytes, afterWrite: random() < 0.9 ? 'end' : undefined };
}

/** A frame with any opcode, masked or not, with a length field that may lie about the payload that follows. */
function randomFrame(random: Random): Buffer {
  const payload = Buffer.from(pick(random, ['{"action":"ok"}', '{"action":"nope"}', 'plain', '', '\u00e9\u00ff', 'x'.repeat(300), DEEP_MESSAGE]));
  const fin = random() < 0.8;
  const opcode = random() < 0.6 ? pick(random, [1, 2, 8, 9, 10]) : below(random, 16);
  const masked = random() < 0.85;
  const declared = random() < 0.8 ? payload.length : pick(random, [0, 125, 126, 127, 65_535, 65_536, 2 ** 32, payload.length + 1]);
  const header: number[] = [(fin ? 0x80 : 0) | (random() < 0.1 ? 0x40 : 0) | opcode];
  const maskBit = masked ? 0x80 : 0;
  if (declared < 126) header.push(maskBit | declared);
  else if (declared < 65_536) header.push(maskBit | 126, declared >> 8, declared & 0xff);
  else {
    const length = Buffer.alloc(8);
    length.writeBigUInt64BE(BigInt(declared));
    header.push(maskBit | 127, ...length);
  }
  const mask = Buffer.from([below(random, 256), below(random, 256), below(random, 256), below(random, 256)]);
  const body = masked ? Buffer.from(payload.map((byte, index) => byte ^ (mask[index % 4] as number))) : payload;
  return Buffer.concat([Buffer.from(header), masked ? mask : Buffer.alloc(0), body]);
}

/** After an accepted handshake, a few frames, some of them mutated, then the client ends or goes silent. */
function frameSession(port: number, random: Random): Promise<string> {
  const frames = Array.from({ length: 1 + below(random, 4) }, () => randomFrame(random));
  let bytes: Buffer = Buffer.concat(frames);
  if (random() < 0.5) bytes = mutate(random, bytes);
  const endAfterWrite = random() < 0.9;
  return new Promise((resolve) => {
    const socket: Socket = connectTcp({ port, host: '127.0.0.1' });
    let received = Buffer.alloc(0);
    const settle = (outcome: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => settle('deadline'), SOCKET_DEADLINE_MS * 2);
    socket.on('error', () => {});
    socket.on('close', () => settle('closed'));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (socket.writableEnded || !received.includes('\r\n\r\n')) return;
      if (!received.toString('latin1').startsWith('HTTP/1.1 101 ')) return settle('refused');
      socket.write(bytes);
      if (endAfterWrite) socket.end();
    });
    socket.once('connect', () => socket.write(`GET /dev HTTP/1.1\r\nHost: x\r\n${UPGRADE_HEADERS}\r\n`));
  });
}

/** Runs up to `count` jobs, at most CONCURRENT_SOCKETS at a time, starting none after `budgetMs`; how many ran. */
async function bounded(count: number, budgetMs: number, job: (index: number) => Promise<unknown>): Promise<number> {
  const stopAt = performance.now() + budgetMs;
  let next = 0;
  const worker = async () => {
    while (next < count && performance.now() < stopAt) await job(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENT_SOCKETS }, worker));
  return next;
}

test(`mutated HTTP requests, handshakes and WebSocket frames on every port leave the gateway process alive and every API answering (seed ${SEED})`, async (t) => {
  t.diagnostic(`seed ${SEED}; replay with FUZZ_SEED=${SEED}`);
  const random = randomFrom(SEED);
  // The fixture's REST custom integration too: its body is the event itself.
  const targets = [
    ...Object.values(TARGETS),
    { method: 'POST', port: 'rest', path: (segment: string) => `/prod/custom${segment === '' ? '' : `/${segment}`}`, good: '' },
  ];
  const outcomes = new Map<string, number>();
  const count = (outcome: string) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  const exchangeOptions = { waitMs: SOCKET_DEADLINE_MS, silentAllowed: true };

  const ran: Record<string, number> = {};
  ran.http = await bounded(HTTP_CASES, HTTP_BUDGET_MS, async () => {
    const target = pick(random, targets);
    count(await exchange(ports[target.port] as number, httpProbe(random, target), exchangeOptions));
  });
  assert.equal(gateway.exited(), undefined, `after the HTTP requests (seed ${SEED})`);

  ran.handshakes = await bounded(HANDSHAKE_CASES, HANDSHAKE_BUDGET_MS, async () => {
    count(await exchange(ports.chat as number, handshakeProbe(random), exchangeOptions));
  });
  assert.equal(gateway.exited(), undefined, `after the handshakes (seed ${SEED})`);

  ran.frameSessions = await bounded(FRAME_SESSIONS, FRAME_BUDGET_MS, async () => {
    count(`frames ${await frameSession(ports.chat as number, random)}`);
  });
  assert.equal(gateway.exited(), undefined, `after the WebSocket frames (seed ${SEED})`);

  t.diagnostic(`ran ${JSON.stringify(ran)}; outcomes: ${JSON.stringify(Object.fromEntries([...outcomes].sort()))}`);
  await assertEveryApiAnswers(gateway.urls);
  assert.equal(gateway.exited(), undefined);
});
