/** The facts of an upgrade request and the runtime's decision on it, the same for a socket and an in-memory client. */
import type { ConnectionFacts } from './events.ts';

/** What the gateway reads of an upgrade request, whoever made it. */
export interface UpgradeFacts {
  /** Path and query as sent, e.g. `/dev?token=1`. */
  url: string;
  method: string | undefined;
  /** Name, value, name, value… with the client's casing. */
  rawHeaders: readonly string[];
  /** Lower-cased names, as node parses them. */
  headers: Record<string, string | string[] | undefined>;
  remoteAddress: string | undefined;
  /** The port the client connected to. */
  localPort: number;
  /** Over TLS (`wss:`). */
  secure: boolean;
}

/** A connection `$connect` let in, still to be opened on a socket (or abandoned when the socket cannot take it). */
export interface Admitted {
  facts: ConnectionFacts;
  /** A `$connect` ran and succeeded: WS-50 then owes a `$disconnect`. */
  connected: boolean;
}

/**
 * - `refuse`: answer the handshake with `status` and `body` (JSON, or empty) and close;
 * - `accept`: complete it, with `Sec-WebSocket-Protocol: protocol` when set (WS-13), then open `admitted`;
 * - `gone`: the client left while `$connect` ran; nothing is left to answer.
 */
export type UpgradeDecision =
  | { kind: 'refuse'; status: number; body: string }
  | { kind: 'accept'; protocol: string | undefined; admitted: Admitted }
  | { kind: 'gone' };
