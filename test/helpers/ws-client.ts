/** A `ws` client for tests: messages as a queue, the close as a promise, the refused handshake as a value. */
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';

export interface TestClient {
  ws: WebSocket;
  /** The next message as text (or `<binary N>`), waiting up to `timeoutMs`. */
  next(timeoutMs?: number): Promise<string>;
  /** Messages received and not yet taken by next(). */
  pending: string[];
  closed: Promise<{ code: number; reason: string }>;
}

export function openClient(url: string, options: WebSocket.ClientOptions & { protocols?: string[] } = {}): Promise<TestClient> {
  const { protocols, ...clientOptions } = options;
  const ws = new WebSocket(url, protocols ?? [], { perMessageDeflate: false, ...clientOptions });
  const pending: string[] = [];
  const waiters: Array<(message: string) => void> = [];
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    const message = isBinary ? `<binary ${data.length}>` : data.toString();
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else pending.push(message);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        ws,
        pending,
        closed,
        next: (timeoutMs = 5_000) =>
          new Promise((resolveNext, rejectNext) => {
            const queued = pending.shift();
            if (queued !== undefined) return resolveNext(queued);
            const timer = setTimeout(() => rejectNext(new Error(`no message within ${timeoutMs} ms`)), timeoutMs);
            waiters.push((message) => {
              clearTimeout(timer);
              resolveNext(message);
            });
          }),
      }),
    );
    ws.once('error', reject);
  });
}

/** Opens a connection that the server refuses; resolves with the HTTP status and body it answered. */
export function refusedHandshake(
  url: string,
  options: WebSocket.ClientOptions & { protocols?: string[] } = {},
): Promise<{ status: number; body: string; headers: IncomingMessage['headers'] }> {
  const { protocols, ...clientOptions } = options;
  const ws = new WebSocket(url, protocols ?? [], clientOptions);
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_request, response: IncomingMessage) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => {
        ws.terminate();
        resolve({ status: response.statusCode ?? 0, body, headers: response.headers });
      });
    });
    ws.once('open', () => {
      ws.terminate();
      reject(new Error('the handshake was accepted'));
    });
    ws.once('error', (error) => reject(error));
  });
}

/** Resolves when `check` returns a value other than undefined, polling every 20 ms for up to `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
