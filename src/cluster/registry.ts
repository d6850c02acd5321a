/**
 * Where a WebSocket API's open connections are found by id: the runtime that holds a socket registers it, and the
 * `@connections` API (or anything else) posts to, describes or closes it through here, never through the socket.
 * The memory registry serves one process; a shared one (Redis: the owner node of each id and a post channel per
 * node) implements the same contract, so several gateway processes can serve one API.
 */

/** CONN-10: `ok`, `gone` (unknown, closed or still in `$connect`: 410), `limit` (outbound buffer full: 429). */
export type PostResult = 'ok' | 'gone' | 'limit';

export interface ConnectionInfo {
  /** Epoch ms when the upgrade was accepted into `$connect`. */
  connectedAt: number;
  /** Epoch ms of the last data message in either direction. */
  lastActiveAt: number;
  sourceIp: string;
  userAgent?: string;
}

/** One open connection as the runtime holding its socket offers it. */
export interface RegisteredConnection {
  /** Sends `data` as one message (text when valid UTF-8, otherwise binary). */
  post(data: Buffer): PostResult;
  /** `undefined` once the connection is closing. */
  describe(): ConnectionInfo | undefined;
  /** CONN-12: closes with 1000; `false` when it was already closing. */
  disconnect(): boolean;
}

/** A lookup's answer: at once from this process's own connections, later from a shared registry that asks the owner node. */
export type RegistryAnswer<T> = T | Promise<T>;

export interface ConnectionRegistry {
  /** From the moment `$connect` accepted the connection; a second registration of an id replaces the first. */
  register(connectionId: string, connection: RegisteredConnection): void;
  /** When the socket has closed; unregistering an unknown id does nothing. */
  unregister(connectionId: string): void;
  post(connectionId: string, data: Buffer): RegistryAnswer<PostResult>;
  describe(connectionId: string): RegistryAnswer<ConnectionInfo | undefined>;
  disconnect(connectionId: string): RegistryAnswer<boolean>;
  /** Connections registered here and not yet unregistered. */
  readonly size: number;
}
