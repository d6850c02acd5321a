/** One port that answers plain HTTP/WebSocket and TLS alike (the first byte tells which). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createServer } from '@httptoolkit/httpolyglot';
import { HopliteError } from '../errors.ts';
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

export async function listen(options: ListenOptions): Promise<Listener> {
  const server = createServer({ tls: { key: options.tls.key, cert: options.tls.cert } }, guardRequest(options));
  if (options.onUpgrade) server.on('upgrade', guardUpgrade(options.onUpgrade, options.log));
  const sockets = new Set<Socket>();
  // The polyglot server hands each raw socket to its sub-servers; tracking the raw ones is enough to close them all.
  server.prependListener('connection', (socket: Socket) => {
    if (sockets.has(socket)) return;
    sockets.add(socket);
    // What http.Server does for the sockets it accepts itself: small responses are not held back by Nagle.
    socket.setNoDelay(true);
    socket.once('close', () => sockets.delete(socket));
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
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
