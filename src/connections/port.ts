/** What the @connections API needs from whoever holds the sockets; websocket/ implements it, gateway.ts wires it. */

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

export interface ConnectionPort {
  /** Sends `data` to the client as one message (text when valid UTF-8, otherwise binary). */
  post(connectionId: string, data: Buffer): PostResult;
  /** `undefined` when the connection is unknown, closed or still in `$connect`. */
  describe(connectionId: string): ConnectionInfo | undefined;
  /** CONN-12: closes the socket with 1000; `false` when there was nothing to close. */
  disconnect(connectionId: string): boolean;
}
