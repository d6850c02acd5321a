/** How long a client may take to start and finish a request, and how many connections one port holds. */
import type { Server } from 'node:net';
import type { Clock } from './clock.ts';
import type { Log } from './log.ts';

export interface ConnectionLimits {
  /** A connection that sends nothing for this long after it opens is closed. */
  firstByteTimeoutMs: number;
  /** A request whose line and headers have not all arrived this long after it began is answered 408 and closed. */
  headersTimeoutMs: number;
  /** A request (headers and body) not received whole this long after it began is answered 408 and closed. */
  requestTimeoutMs: number;
  /** A TLS connection whose handshake has not finished this long after its first byte is closed. */
  tlsHandshakeTimeoutMs: number;
  /** Connections one port holds at once (WebSocket connections included); the next ones are closed as they open. */
  maxConnectionsPerPort: number;
}

// UNVERIFIED: API Gateway publishes none of these for the way in; each stands in with what a developer's browser,
// curl or SDK never comes near, and a client that stalls gives up its socket in seconds.
export const CONNECTION_LIMITS: ConnectionLimits = {
  firstByteTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  tlsHandshakeTimeoutMs: 10_000,
  // DIFF: API Gateway has no quota on concurrent connections; one process's file descriptors do.
  maxConnectionsPerPort: 4096,
};

/** At most one line about refused connections in this long, saying how many were refused. */
const REFUSED_LOG_INTERVAL_MS = 60_000;

/**
 * Closes a raw socket that sends nothing within `firstByteTimeoutMs`; `classified` stops the timer once the
 * first bytes have told which server takes the socket (the HTTP and TLS servers time it from then on, with
 * node's own timers: headersTimeout, requestTimeout and the TLS handshake timeout are real time).
 */
export function closeIfSilent(socket: { destroy(): void; once(event: 'close', listener: () => void): unknown }, timeoutMs: number, clock: Clock): () => void {
  const timer = clock.setTimer(timeoutMs, () => socket.destroy());
  const classified = () => timer.cancel();
  socket.once('close', classified);
  return classified;
}

/** Caps the server's connections; refusals are logged once, then summed up at most once a minute. */
export function capConnections(server: Server, limits: ConnectionLimits, describe: () => string, log: Log | undefined, clock: Clock): void {
  server.maxConnections = limits.maxConnectionsPerPort;
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  let refusedSinceLog = 0;
  server.on('drop', () => {
    refusedSinceLog += 1;
    const now = clock.now();
    if (now - lastLoggedAt < REFUSED_LOG_INTERVAL_MS) return;
    log?.warn(
      `${describe()} holds ${limits.maxConnectionsPerPort} connections (connectionLimits.maxConnectionsPerPort): refused ${refusedSinceLog} new connection${refusedSinceLog === 1 ? '' : 's'}; at most one such line a minute`,
    );
    lastLoggedAt = now;
    refusedSinceLog = 0;
  });
}
