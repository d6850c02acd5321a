/** One port that answers plain HTTP/WebSocket and TLS alike (the first byte tells which). */
import { AsyncResource } from 'node:async_hooks';
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';
import { createServer, type Server } from '@httptoolkit/httpolyglot';
import { HopliteError } from '../errors.ts';
import { isLoopbackAddress } from './bind.ts';
import { type Clock, systemClock } from './clock.ts';
import { CONNECTION_LIMITS, type ConnectionLimits, capConnections, closeIfSilent } from './connection-limits.ts';
import type { Log } from './log.ts';
import { type MemorySocket, memoryConnection } from './memory-socket.ts';
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
  /**
   * A connection to this port from code in this process that needs no socket: the client's end of an in-memory
   * connection the port's HTTP server takes as it would a loopback one (plain, or `secure` as if over TLS: the
   * request's socket is `encrypted`). Undefined once the listener is closed.
   */
  connectInMemory(secure: boolean): MemorySocket | undefined;
  /** The host names by which code on this machine reaches this port (IPv6 addresses without brackets). */
  localNames: readonly string[];
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
function httpServerOf(server: Server): HttpServer | undefined {
  return (server as unknown as { _httpServer?: HttpServer })._httpServer;
}

function startRequestTimeouts(server: Server): () => void {
  const httpServer = httpServerOf(server);
  const startsTracking = httpServer?.listeners('listening') ?? [];
  if (!httpServer || startsTracking.length !== 1) {
    throw new Error('@httptoolkit/httpolyglot changed: its HTTP server cannot time out slow requests');
  }
  httpServer.emit('listening');
  // Stops that timer. (A listener on the polyglot server would be copied onto its sub-servers.)
  return () => httpServer.close(() => {});
}

/** Names that reach a server bound to `bound` from this machine: loopback for a wildcard, else the bound address (and `localhost` for loopback). */
function localNamesOf(bound: string): string[] {
  if (bound === '::' || bound === '0.0.0.0') return ['localhost', '127.0.0.1'];
  return isLoopbackAddress(bound) ? ['localhost', bound] : [bound];
}

/** The addresses of a loopback connection to a server bound to `bound`, as the kernel reports them. */
function loopbackEnds(bound: string): { serverAddress: string; clientAddress: string } {
  // A dual-stack wildcard bind sees IPv4 loopback clients as mapped addresses.
  if (bound === '::') return { serverAddress: '::ffff:127.0.0.1', clientAddress: '::ffff:127.0.0.1' };
  if (bound === '0.0.0.0') return { serverAddress: '127.0.0.1', clientAddress: '127.0.0.1' };
  // A client on this machine reaching a bound address comes from that address.
  return { serverAddress: bound, clientAddress: bound };
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
  const { port, address } = server.address() as AddressInfo;
  capConnections(server, limits, () => `port ${port}`, options.log, options.clock ?? systemClock);
  // Where in-memory connections are handled: the context the port was opened in, not that of the code connecting.
  const serverContext = new AsyncResource('HOPLITE_IN_MEMORY_LISTENER');
  const httpServer = httpServerOf(server) as HttpServer;
  let closed = false;
  return {
    port,
    localNames: localNamesOf(address),
    connectInMemory: (secure) => {
      if (closed) return undefined;
      const connection = memoryConnection({ ...loopbackEnds(address), serverPort: port, secure, serverContext });
      const accepted = connection.server as unknown as Socket;
      if (sockets.size >= limits.maxConnectionsPerPort) {
        // As the port refuses a TCP connection past its cap: the client sees it closed at once.
        serverContext.runInAsyncScope(() => server.emit('drop', {}));
        accepted.destroy();
        return connection.client;
      }
      sockets.add(accepted);
      accepted.once('close', () => sockets.delete(accepted));
      // Straight to the HTTP server, as the TLS server hands it a socket once the handshake is done.
      serverContext.runInAsyncScope(() => process.nextTick(() => httpServer.emit('connection', accepted)));
      return connection.client;
    },
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        server.close(() => resolve());
        stopRequestTimeouts();
        for (const socket of sockets) socket.destroy();
      }),
  };
}
