/** What a WebSocket close code means to a person at `hoplite connect`, and whether it ends the command in error. */

export interface CloseMeaning {
  /** False when the server ended the connection for a reason the client should hear about. */
  normal: boolean;
  /** A short explanation, for the line printed after the code. */
  meaning: string;
}

/** RFC 6455 codes and what API Gateway (and Hoplite) send them for (src/websocket/close-codes.ts). */
const MEANINGS: Record<number, CloseMeaning> = {
  1000: { normal: true, meaning: 'normal closure (for example the backend deleted the connection through @connections)' },
  1001: {
    normal: false,
    meaning: 'going away: the server is stopping, or the connection was idle for 10 minutes or open for 2 hours (API Gateway idle timeout and duration limit)',
  },
  1003: { normal: false, meaning: 'binary not supported: this API accepts text messages only' },
  1005: { normal: true, meaning: 'closed without a status code' },
  1006: { normal: false, meaning: 'abnormal closure: the connection dropped without a close frame' },
  1008: { normal: false, meaning: 'policy violation' },
  1009: { normal: false, meaning: 'message too big: API Gateway takes frames of at most 32 KB and messages of at most 128 KB' },
  1011: { normal: false, meaning: 'internal error on the server' },
};

export function closeMeaning(code: number): CloseMeaning {
  return MEANINGS[code] ?? { normal: false, meaning: `close code ${code}` };
}

/** The exit status of `hoplite connect` when the server closed the connection. */
export function closeExitCode(code: number): number {
  return closeMeaning(code).normal ? 0 : 1;
}
