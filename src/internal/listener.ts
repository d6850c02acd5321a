/** One port that answers plain HTTP/WebSocket and TLS alike (the first byte tells which). */
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';
import { createServer, type Server } from '@httptoolkit/httpolyglot';
import { HopliteError } from '../errors.ts';
import { type Clock, systemClock } from './clock.ts';
import { CONNECTION_LIMITS, type ConnectionLimits, capConnections, closeIfSilent } from './connection-limits.ts';
import type { Log } from './log.ts';
import type { TlsMaterial } from './tls.ts';

export interface ListenOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  tls: TlsMaterial;
  onRequest(request: IncomingMessage, response: ServerResponse): void;
  /** Without it, upgrade requests are answered as plain requests. */
  onUpgrade?(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Where a handler's own exception is reported; it fails only its request. */
  log?: Log;
  /** Timeouts for clients that start or finish a request slowly, and the port's connection cap. @default CONNECTION_LIMITS */
  connectionLimits?: ConnectionLimits;
  clock?: Clock;
}

export interface Listener {
  port: number;
  /** Stops accepting and drops every open socket (keep-alive clients included). */
  close(): Promise<void>;
}

/** A handler that throws answers 500 (or drops its socket) instead of taking the process down. */
function reportInternalError(log: Log | undefined, error: unknown): void {
  log?.error(`internal error while answering a request: ${(error as Error).stack ?? error}`);
}

function guardRequest(options: ListenOptions): ListenOptions['onRequest'] {
  return (request, response) => {
    try {
      options.onRequest(request, response);
    } catch (error) {
      reportInternalError(options.log, error);
      if (response.headersSent) response.destroy();
      else response.writeHead(500, { 'content-type': 'application/json', 'content-length': 35 }).end('{"message":"Internal Server Error"}');
    }
  };
}

function guardUpgrade(onUpgrade: NonNullable<ListenOptions['onUpgrade']>, log: Log | undefined): NonNullable<ListenOptions['onUpgrade']> {
  return (request, socket, head) => {
    try {
      onUpgrade(request, socket, head);
    } catch (error) {
      reportInternalError(log, error);
      socket.destroy();
    }
  };
}

/**
 * node:http enforces headersTimeout and requestTimeout from a timer it starts when it begins listening; the
 * polyglot's HTTP server never listens itself (it is handed sockets), so it is told that it does.
 */
function startRequestTimeouts(server: Server): () => void {
  const httpServer = (server as unknown as { _httpServer?: HttpServer })._httpServer;
  const startsTracking = httpServer?.listeners('listening') ?? [];
  if (!httpServer || startsTracking.length !== 1) {
    throw new Error('@httptoolkit/httpolyglot changed: its HTTP server cannot time out slow requests');
  }
  httpServer.emit('listening');
  // Stops that timer. (A listener on the polyglot server would be copied onto its sub-servers.)
  return () => httpServer.close(() => {});
}

export async function listen(options: ListenOptions): Promise<Listener> {
  const limits = options.connectionLimits ?? CONNECTION_LIMITS;
  const server = createServer(
    {
      tls: { key: options.tls.key, cert: options.tls.cert, handshakeTimeout: limits.tlsHandshakeTimeoutMs },
      http: {
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        // node:http looks for expired requests this often; its 30 s default would outlast short timeouts.
        connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(limits.headersTimeoutMs / 2))),
      },
    },
    guardRequest(options),
  );
  const stopRequestTimeouts = startRequestTimeouts(server);
  // A handshake that times out or fails only reports; the socket it leaves must go too.
  server.on('tlsClientError', (_error: Error, socket: Duplex) => socket.destroy());
  if (options.onUpgrade) server.on('upgrade', guardUpgrade(options.onUpgrade, options.log));
  const sockets = new Set<Socket>();
  const classified = new Map<Socket, () => void>();
  // The polyglot server hands each raw socket to its sub-servers; tracking the raw ones is enough to close them all.
  // The same socket coming back is its hand-over to the HTTP or TLS server: its first bytes have arrived.
  server.prependListener('connection', (socket: Socket) => {
    if (sockets.has(socket)) {
      classified.get(socket)?.();
      return;
    }
    sockets.add(socket);
    // A TLS socket arrives with its handshake done: from then on node:http times its requests.
    if (!(socket instanceof TLSSocket)) classified.set(socket, closeIfSilent(socket, limits.firstByteTimeoutMs, options.clock ?? systemClock));
    // What http.Server does for the sockets it accepts itself: small responses are not held back by Nagle.
    socket.setNoDelay(true);
    socket.once('close', () => {
      sockets.delete(socket);
      classified.delete(socket);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? 'is in use; choose another with --port' : `cannot be used: ${error.message}`;
      reject(new HopliteError('HOPLITE_ERR_LISTEN', `port ${options.port} on ${options.host} ${reason}`, { cause: error }));
    });
    server.listen(options.port, options.host, () => resolve());
  });
  // Once listening, an error of the server (an accept that fails) is reported, never thrown.
  server.on('error', (error: Error) => reportInternalError(options.log, error));
  const { port } = server.address() as AddressInfo;
  capConnections(server, limits, () => `port ${port}`, options.log, options.clock ?? systemClock);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        stopRequestTimeouts();
        for (const socket of sockets) socket.destroy();
      }),
  };
}
