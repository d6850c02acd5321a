/** The load clients: autocannon for HTTP, a small `ws` client for WebSocket cases. Loopback only, bounded in count and time. */
import autocannon from 'autocannon';
import WebSocket from 'ws';

export interface Measurement {
  value: number;
  unit: string;
  /** Extra figures worth a column (latency percentiles, errors). */
  details?: Record<string, number>;
}

export async function httpGet(url: string, connections: number, durationSeconds: number): Promise<Measurement> {
  // Warm-up, then the measured run.
  await autocannon({ url, connections, duration: 1 });
  const result = await autocannon({ url, connections, duration: durationSeconds });
  return {
    value: result.requests.average,
    unit: 'req/s',
    details: { p50Ms: result.latency.p50, p99Ms: result.latency.p99, errors: result.errors + result.non2xx },
  };
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

export async function openMany(url: string, count: number): Promise<WebSocket[]> {
  return Promise.all(Array.from({ length: count }, () => open(url)));
}

export async function closeAll(sockets: WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve();
          socket.once('close', () => resolve());
          socket.close(1000);
        }),
    ),
  );
}

/** `count` connections opened at once, cold: connections per second. */
export async function connectRate(url: string, count: number): Promise<Measurement> {
  const startedAt = performance.now();
  const sockets = await openMany(url, count);
  const seconds = (performance.now() - startedAt) / 1000;
  await closeAll(sockets);
  return { value: count / seconds, unit: 'conn/s', details: { totalMs: seconds * 1000 } };
}

/** Each connection sends a message and waits for its answer, in a loop, for `durationSeconds`: answers per second. */
export async function closedLoop(url: string, connections: number, durationSeconds: number, message: string): Promise<Measurement> {
  const sockets = await openMany(url, connections);
  // Warm-up: one round trip each, so cold starts are not measured.
  await Promise.all(sockets.map((socket) => roundTrip(socket, message)));
  let answers = 0;
  const deadline = performance.now() + durationSeconds * 1000;
  await Promise.all(
    sockets.map(async (socket) => {
      while (performance.now() < deadline) {
        await roundTrip(socket, message);
        answers += 1;
      }
    }),
  );
  await closeAll(sockets);
  return { value: answers / durationSeconds, unit: 'msg/s' };
}

/** Every target answers with the message itself (echoed, or posted back): anything else, an error frame, fails the case. */
function roundTrip(socket: WebSocket, message: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer within 10 s')), 10_000);
    socket.once('message', (data) => {
      clearTimeout(timer);
      const answer = String(data);
      if (answer === message) resolve();
      else reject(new Error(`unexpected answer: ${answer.slice(0, 120)}`));
    });
    socket.send(message);
  });
}

/** One sender broadcasts to `listeners` connections: milliseconds until every one has the message (median of rounds). */
export async function broadcast(url: string, listeners: number, rounds: number): Promise<Measurement> {
  const sockets: WebSocket[] = [];
  // Opened in batches so the connect path is not what this case measures.
  for (let opened = 0; opened < listeners; opened += 100) sockets.push(...(await openMany(url, Math.min(100, listeners - opened))));
  const times: number[] = [];
  for (let round = 0; round < rounds + 1; round++) {
    const body = JSON.stringify({ action: 'broadcast', round });
    const startedAt = performance.now();
    await Promise.all([
      ...sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            const onMessage = (data: WebSocket.RawData) => {
              if (String(data) !== body) return;
              socket.off('message', onMessage);
              resolve();
            };
            socket.on('message', onMessage);
          }),
      ),
      Promise.resolve(sockets[0]?.send(body)),
    ]);
    // The first round warms the environments up.
    if (round > 0) times.push(performance.now() - startedAt);
  }
  await closeAll(sockets);
  times.sort((a, b) => a - b);
  return { value: times[Math.floor(times.length / 2)] as number, unit: 'ms', details: { minMs: times[0] as number, maxMs: times.at(-1) as number } };
}

/** `count` idle connections held open; the harness reads the target's memory meanwhile. */
export async function holdIdle(url: string, count: number, whileOpen: () => Promise<number>): Promise<Measurement> {
  const sockets: WebSocket[] = [];
  for (let opened = 0; opened < count; opened += 500) sockets.push(...(await openMany(url, Math.min(500, count - opened))));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const rssMb = await whileOpen();
  await closeAll(sockets);
  return { value: rssMb, unit: 'MB RSS', details: { connections: count } };
}

/** How long one churned connection may take to open and close before it counts as failed (API Gateway allows $connect 29 s). */
const CHURN_ATTEMPT_MS = 30_000;

/** One connection opened and closed: 'ok', or why it failed (the churn goes on either way). */
function openAndClose(url: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    const done = (outcome: string) => {
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      socket.terminate();
      done('timedOut');
    }, CHURN_ATTEMPT_MS);
    socket.once('open', () => socket.close(1000));
    socket.once('unexpected-response', (_request, response) => {
      done(`status${response.statusCode}`);
      socket.terminate();
    });
    socket.once('close', (code) => done(code === 1000 || code === 1005 ? 'ok' : `closed${code}`));
    socket.once('error', () => done('error'));
  });
}

/**
 * `slots` clients that each open a connection and close it, over and over, for `durationSeconds` ($connect and
 * $disconnect each time). Reports the peak of `treeRssMb` (the target and its environments), sampled every 250 ms,
 * the same figure a few seconds after the load stopped, and how many attempts ended each way (`ok`, `status503`, …).
 */
export async function churn(url: string, slots: number, durationSeconds: number, treeRssMb: () => Promise<number>): Promise<Measurement> {
  let peakMb = 0;
  const sample = async () => {
    peakMb = Math.max(peakMb, await treeRssMb());
  };
  const sampler = setInterval(() => void sample(), 250);
  const stopAt = performance.now() + durationSeconds * 1000;
  const outcomes: Record<string, number> = {};
  await Promise.all(
    Array.from({ length: slots }, async () => {
      while (performance.now() < stopAt) {
        const outcome = await openAndClose(url);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
    }),
  );
  clearInterval(sampler);
  await sample();
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  return { value: peakMb, unit: 'MB peak', details: { ...outcomes, rssAfter5sMb: Math.round(await treeRssMb()) } };
}
