/**
 * A WebSocket client that reaches a gateway's WebSocket API in memory (`gateway.connect`): the same `$connect`,
 * messages and `$disconnect` as over a socket, with ws's events and argument shapes, and promises for tests.
 */
import { EventEmitter } from 'node:events';
import { type ClientEnd, memorySocketPair } from './memory-socket.ts';
import type { WebSocketRuntime } from './runtime.ts';
import type { UpgradeDecision, UpgradeFacts } from './upgrade.ts';

/** Where the client connects: the runtime of the API its URL names and the upgrade it sends. */
export interface MemoryTarget {
  runtime: WebSocketRuntime;
  upgrade: UpgradeFacts;
  /** The subprotocols asked for in `Sec-WebSocket-Protocol`. */
  protocols: readonly string[];
}

/** What `opened` rejects with and `unexpected-response` carries when the gateway refused the handshake. */
export class UnexpectedResponse extends Error {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;

  constructor(statusCode: number, body: string) {
    super(`Unexpected server response: ${statusCode}`);
    this.name = 'UnexpectedResponse';
    this.statusCode = statusCode;
    this.body = body;
    this.headers = body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : { 'content-length': '0' };
  }
}

/** A received message: text as a string, binary as a Buffer. */
export type ReceivedMessage = string | Buffer;

/** RFC 6455: closed without a close frame. */
const ABNORMAL = 1006;

export class MemoryWebSocket extends EventEmitter {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;

  readyState: 0 | 1 | 2 | 3 = MemoryWebSocket.CONNECTING;
  /** The subprotocol the gateway accepted (WS-13), `''` for none. */
  protocol = '';
  /** Resolves once open; rejects with an `UnexpectedResponse` (status and body) when refused, or the error that stopped it. */
  readonly opened: Promise<void>;
  /** Resolves with the close frame this client received (1006 when none came). */
  readonly closed: Promise<{ code: number; reason: string }>;
  private end: ClientEnd | undefined;
  private leftWhileConnecting = false;
  private readonly inbox: ReceivedMessage[] = [];
  private readonly waiters: Array<{ resolve(message: ReceivedMessage): void; reject(error: Error): void }> = [];
  private closedWith: { code: number; reason: string } | undefined;
  private resolveClosed: (closed: { code: number; reason: string }) => void = () => {};

  constructor(target: Promise<MemoryTarget>) {
    super();
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
    this.opened = target.then((resolved) => this.handshake(resolved)).catch((error: Error) => this.fail(error));
    // A caller that listens to events only must not see an unhandled rejection.
    this.opened.catch(() => {});
  }

  /** Like ws: a string is a text message, a Buffer a binary one unless `binary: false`. */
  send(data: string | Buffer | Uint8Array, options: { binary?: boolean } = {}): void {
    if (this.readyState === MemoryWebSocket.CONNECTING) throw new Error('WebSocket is not open: readyState 0 (CONNECTING)');
    if (!this.end?.isOpen) return;
    const isBinary = options.binary ?? typeof data !== 'string';
    this.end.send(typeof data === 'string' ? Buffer.from(data) : Buffer.from(data), isBinary);
  }

  /** Starts the close handshake; the `close` event follows. */
  close(code?: number, reason = ''): void {
    if (this.readyState >= MemoryWebSocket.CLOSING) return;
    if (this.readyState === MemoryWebSocket.CONNECTING) this.leftWhileConnecting = true;
    this.readyState = MemoryWebSocket.CLOSING;
    this.end?.close(code, reason);
  }

  /** Drops the connection without a close handshake: `$disconnect` reports 1006. */
  terminate(): void {
    if (this.readyState === MemoryWebSocket.CLOSED) return;
    if (this.readyState === MemoryWebSocket.CONNECTING) this.leftWhileConnecting = true;
    this.readyState = MemoryWebSocket.CLOSING;
    this.end?.terminate();
  }

  /** The next message not yet taken; rejects once the connection has closed with none left. */
  nextMessage(): Promise<ReceivedMessage> {
    const queued = this.inbox.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.closedWith) return Promise.reject(closedError(this.closedWith));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Every message in order, until the connection closes. */
  async *messages(): AsyncGenerator<ReceivedMessage> {
    for (;;) {
      if (this.closedWith && this.inbox.length === 0) return;
      try {
        yield await this.nextMessage();
      } catch (error) {
        if (this.closedWith) return;
        throw error;
      }
    }
  }

  private async handshake({ runtime, upgrade, protocols }: MemoryTarget): Promise<void> {
    const decision: UpgradeDecision = await runtime.decide(upgrade, () => this.leftWhileConnecting);
    if (decision.kind === 'gone') throw new Error('WebSocket was closed before the connection was established');
    if (decision.kind === 'refuse') {
      const refusal = new UnexpectedResponse(decision.status, decision.body);
      this.emit('unexpected-response', { method: 'GET', path: upgrade.url }, refusal);
      throw refusal;
    }
    if (this.leftWhileConnecting) {
      // As on the wire: a socket gone before the accept is never opened.
      runtime.abandon(decision.admitted);
      throw new Error('WebSocket was closed before the connection was established');
    }
    const { server, client } = memorySocketPair(runtime.limits, {
      message: (data, isBinary) => this.receive(data, isBinary),
      close: (code, reason) => this.onClosed(code, reason),
    });
    this.end = client;
    runtime.open(server, decision.admitted);
    const protocol = decision.protocol ?? '';
    const mismatch = subprotocolMismatch(protocol, protocols);
    if (mismatch) {
      client.terminate();
      throw new Error(mismatch);
    }
    this.protocol = protocol;
    this.readyState = MemoryWebSocket.OPEN;
    this.emit('open');
  }

  /** A handshake that did not open: ws's `error` (unless `unexpected-response` was heard), then `close` with 1006. */
  private fail(error: Error): never {
    const heard = error instanceof UnexpectedResponse && this.listenerCount('unexpected-response') > 0;
    if (!heard && this.listenerCount('error') > 0) this.emit('error', error);
    if (!this.end) this.onClosed(ABNORMAL, '');
    throw error;
  }

  private receive(data: Buffer, isBinary: boolean): void {
    this.emit('message', data, isBinary);
    const message = isBinary ? data : data.toString('utf8');
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(message);
    else this.inbox.push(message);
  }

  private onClosed(code: number, reason: string): void {
    if (this.closedWith) return;
    this.closedWith = { code, reason };
    this.readyState = MemoryWebSocket.CLOSED;
    for (const waiter of this.waiters.splice(0)) waiter.reject(closedError(this.closedWith));
    this.emit('close', code, Buffer.from(reason));
    this.resolveClosed(this.closedWith);
  }
}

/** ws fails a handshake whose subprotocol the client did not ask for, or that answers none to one it asked for. */
function subprotocolMismatch(protocol: string, asked: readonly string[]): string | undefined {
  if (protocol === '') return asked.length > 0 ? 'Server sent no subprotocol' : undefined;
  if (asked.length === 0) return 'Server sent a subprotocol but none was requested';
  return asked.includes(protocol) ? undefined : 'Server sent an invalid subprotocol';
}

function closedError(closed: { code: number; reason: string }): Error {
  return new Error(`the connection closed (${closed.code}${closed.reason ? ` ${closed.reason}` : ''}) with no message left`);
}
