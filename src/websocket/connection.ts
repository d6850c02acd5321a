/** One accepted WebSocket connection: its socket, timers, activity and outbound framing (WS-80..84). */
import { isUtf8 } from 'node:buffer';
import type { Clock, Timer } from '../internal/clock.ts';
import type { WebSocketLimits } from '../limits.ts';
import type { CloseCause } from './close-codes.ts';
import type { ConnectionFacts } from './events.ts';
import type { PeerSocket } from './socket.ts';

/** Outbound bytes buffered for one client beyond which posts answer 429 (CONN-20 LimitExceededException). */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** How long a client may take to answer the gateway's close frame before the socket is dropped. */
const CLOSE_ANSWER_MS = 5_000;

export class Connection {
  readonly facts: ConnectionFacts;
  lastActiveAt: number;
  /** Set when the gateway decided to close; it wins over what the client echoes (WS-52). */
  closeCause: CloseCause | undefined;
  /** Called once the socket has closed. */
  onClosed: (() => void) | undefined;
  private readonly socket: PeerSocket;
  private readonly clock: Clock;
  private readonly maxFrameBytes: number;
  private readonly idleTimer: Timer;
  private readonly lifetimeTimer: Timer;
  private terminateTimer: Timer | undefined;

  constructor(
    socket: PeerSocket,
    facts: ConnectionFacts,
    limits: WebSocketLimits,
    clock: Clock,
    onTimeout: (connection: Connection, cause: 'idle' | 'lifetime') => void,
  ) {
    this.socket = socket;
    this.facts = facts;
    this.clock = clock;
    this.lastActiveAt = clock.now();
    this.maxFrameBytes = limits.maxFrameBytes;
    this.idleTimer = clock.setTimer(limits.idleTimeoutMs, () => onTimeout(this, 'idle'));
    this.lifetimeTimer = clock.setTimer(limits.maxConnectionDurationMs, () => onTimeout(this, 'lifetime'));
  }

  get id(): string {
    return this.facts.connectionId;
  }

  get isOpen(): boolean {
    return this.socket.isOpen && this.closeCause === undefined;
  }

  get bufferedBytes(): number {
    return this.socket.bufferedAmount;
  }

  /** WS-82: data in either direction keeps the connection alive; ping/pong does not. */
  touch(): void {
    this.lastActiveAt = this.clock.now();
    this.idleTimer.refresh();
  }

  /** WS-80: one message, split into frames of at most `maxFrameBytes`. */
  send(data: Buffer | string): void {
    const binary = typeof data !== 'string' && !isUtf8(data);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    this.touch();
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
    this.terminateTimer = this.clock.setTimer(CLOSE_ANSWER_MS, () => this.socket.terminate());
  }

  /** The edge closed the socket itself after a protocol error: record why, for `$disconnect`. */
  markClosedBy(cause: CloseCause): void {
    this.closeCause ??= cause;
    this.stopTimers();
  }

  /** Drops the socket without a close handshake. */
  terminate(): void {
    this.socket.terminate();
  }

  /** Once the socket has closed, no timer of this connection may fire. */
  stopTimers(): void {
    this.idleTimer.cancel();
    this.lifetimeTimer.cancel();
    this.terminateTimer?.cancel();
  }
}
