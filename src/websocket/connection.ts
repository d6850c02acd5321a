/** One accepted WebSocket connection: its socket, timers, activity and outbound framing (WS-80..84). */
import { isUtf8 } from 'node:buffer';
import type { WebSocket } from 'ws';
import type { WebSocketLimits } from '../limits.ts';
import type { CloseCause } from './close-codes.ts';
import type { ConnectionFacts } from './events.ts';

/** Outbound bytes buffered for one client beyond which posts answer 429 (CONN-20 LimitExceededException). */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export class Connection {
  readonly facts: ConnectionFacts;
  lastActiveAt: number;
  /** Set when the gateway decided to close; it wins over what the client echoes (WS-52). */
  closeCause: CloseCause | undefined;
  /** Called once the socket has closed. */
  onClosed: (() => void) | undefined;
  private readonly socket: WebSocket;
  private readonly maxFrameBytes: number;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly lifetimeTimer: NodeJS.Timeout;
  private readonly idleTimeoutMs: number;
  private readonly onTimeout: (connection: Connection, cause: 'idle' | 'lifetime') => void;

  constructor(
    socket: WebSocket,
    facts: ConnectionFacts,
    limits: WebSocketLimits,
    now: number,
    onTimeout: (connection: Connection, cause: 'idle' | 'lifetime') => void,
  ) {
    this.socket = socket;
    this.facts = facts;
    this.lastActiveAt = now;
    this.maxFrameBytes = limits.maxFrameBytes;
    this.idleTimeoutMs = limits.idleTimeoutMs;
    this.onTimeout = onTimeout;
    this.idleTimer = setTimeout(() => this.onTimeout(this, 'idle'), this.idleTimeoutMs);
    this.lifetimeTimer = setTimeout(() => this.onTimeout(this, 'lifetime'), limits.maxConnectionDurationMs);
  }

  get id(): string {
    return this.facts.connectionId;
  }

  get isOpen(): boolean {
    return this.socket.readyState === 1 && this.closeCause === undefined;
  }

  get bufferedBytes(): number {
    return this.socket.bufferedAmount;
  }

  /** WS-82: data in either direction keeps the connection alive; ping/pong does not. */
  touch(now: number): void {
    this.lastActiveAt = now;
    // refresh() re-arms the same timer without allocating a new one.
    this.idleTimer?.refresh();
  }

  /** WS-80: one message, split into frames of at most `maxFrameBytes`. */
  send(data: Buffer | string, now: number): void {
    const binary = typeof data !== 'string' && !isUtf8(data);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    this.touch(now);
    if (bytes.length <= this.maxFrameBytes) {
      this.socket.send(bytes, { binary, fin: true });
      return;
    }
    for (let offset = 0; offset < bytes.length; offset += this.maxFrameBytes) {
      const end = Math.min(offset + this.maxFrameBytes, bytes.length);
      this.socket.send(bytes.subarray(offset, end), { binary, fin: end === bytes.length });
    }
  }

  /** Closes with the gateway's own cause; the close handshake and `$disconnect` follow. */
  close(cause: CloseCause): void {
    if (this.closeCause) return;
    this.closeCause = cause;
    this.stopTimers();
    this.socket.close(cause.code, cause.reason);
    // A client that never answers the close frame must not keep the socket open.
    setTimeout(() => this.socket.terminate(), 5_000).unref();
  }

  /** ws closed the socket itself after a protocol error: record why, for `$disconnect`. */
  markClosedBy(cause: CloseCause): void {
    this.closeCause ??= cause;
    this.stopTimers();
  }

  /** Drops the socket without a close handshake. */
  terminate(): void {
    this.socket.terminate();
  }

  stopTimers(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    clearTimeout(this.lifetimeTimer);
  }
}
