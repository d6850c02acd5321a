/** Every close the gateway causes, with its code and reason, and how client closes are reported (WS-52, WS-53). */

export interface CloseCause {
  /** Close code sent to the client and reported as `disconnectStatusCode`. */
  code: number;
  /** Reported as `disconnectReason`. */
  reason: string;
}

export const GATEWAY_CLOSES = {
  /** CONN-12, WS-52 [obs]. */
  deletedByBackend: { code: 1000, reason: 'Connection Closed Normally' },
  /** WS-82. UNVERIFIED: code and text. */
  idleTimeout: { code: 1001, reason: 'Going away' },
  /** WS-83. UNVERIFIED: code and text. */
  maxDurationReached: { code: 1001, reason: 'Going away' },
  /** WS-80. UNVERIFIED: text. */
  messageTooBig: { code: 1009, reason: 'Message too big' },
  /** WS-81. UNVERIFIED: text. */
  binaryNotSupported: { code: 1003, reason: 'Unsupported data' },
  /** The local gateway is shutting down (not an AWS event). */
  gatewayShutdown: { code: 1001, reason: 'Going away' },
} as const satisfies Record<string, CloseCause>;

/** RFC 6455: "no status code was present". */
const NO_STATUS = 1005;
/** RFC 6455: closed without a close frame. */
const ABNORMAL = 1006;

/** WS-52: what `$disconnect` reports when the client ended the connection. */
export function clientCloseCause(code: number, reason: string): CloseCause {
  if (code === NO_STATUS) return { code, reason: 'Client-side close frame status not set' };
  // UNVERIFIED: the reason text for a vanished client.
  if (code === ABNORMAL) return { code, reason: 'Client closed connection abnormally' };
  return { code, reason };
}
