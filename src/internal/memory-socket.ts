/**
 * A connected pair of in-memory sockets that stand in for a loopback TCP or TLS connection inside one process:
 * each end speaks enough of `net.Socket` (and of `tls.TLSSocket` when secure) for node:http, its agents, ws and the
 * AWS SDK, with none of the system calls, kernel buffers or encryption of a real connection.
 */
import { AsyncResource } from 'node:async_hooks';
import { Duplex } from 'node:stream';
import { setTimeout as startTimer } from 'node:timers';

/** One end's view of the connection, as a socket reports it. */
export interface SocketEnds {
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
}

/** What a write waits for once the peer's read buffer is full: the peer reading again. */
type Resume = () => void;

export class MemorySocket extends Duplex {
  /** `net.Socket#connecting`: true until the `connect` event, which comes on the next tick. */
  connecting = true;
  /** As a `tls.TLSSocket`: set on both ends of a secure connection, so the server treats it as the HTTPS it stands for. */
  readonly encrypted: boolean;
  readonly authorized: boolean;
  readonly alpnProtocol = false;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly remoteFamily: 'IPv4' | 'IPv6';
  /** `net.Socket#timeout`: the idle timeout in ms, once set. */
  timeout: number | undefined;
  /** The async context this end's events run in, as a socket's handle gives its own: where it was created. */
  private readonly context = new AsyncResource('MEMORY_SOCKET');
  private peer!: MemorySocket;
  private idle: NodeJS.Timeout | undefined;
  private resumeWriter: Resume | undefined;
  /** The end of the stream was pushed: nothing more may be. */
  private eof = false;

  constructor(ends: SocketEnds, secure: boolean, allowHalfOpen: boolean) {
    super({ allowHalfOpen });
    this.encrypted = secure;
    this.authorized = secure;
    this.localAddress = ends.localAddress;
    this.localPort = ends.localPort;
    this.remoteAddress = ends.remoteAddress;
    this.remotePort = ends.remotePort;
    // As Node reports them: an IPv4-mapped address is IPv6.
    this.remoteFamily = ends.remoteAddress.includes(':') ? 'IPv6' : 'IPv4';
  }

  /** Joins the two ends; the client says it is connected on the next tick, as a socket does once its connection is up. */
  static pair(client: MemorySocket, server: MemorySocket): void {
    client.peer = server;
    server.peer = client;
    // An accepted socket is connected from the start.
    server.connecting = false;
    client.context.runInAsyncScope(() =>
      process.nextTick(() => {
        if (client.destroyed) return;
        client.connecting = false;
        client.emit('connect');
        if (client.encrypted) client.emit('secureConnect');
        client.emit('ready');
      }),
    );
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.deliver([chunk], callback);
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    this.deliver(
      chunks.map((entry) => entry.chunk),
      callback,
    );
  }

  /** The peer reads again: a write held back by its full buffer completes. */
  override _read(): void {
    const resume = this.resumeWriter;
    this.resumeWriter = undefined;
    resume?.();
  }

  /** Bytes arrive on a later tick, never inside the writer's own call, as from a kernel buffer. */
  private deliver(chunks: Buffer[], callback: (error?: Error | null) => void): void {
    this.touch();
    const { peer } = this;
    peer.context.runInAsyncScope(() =>
      process.nextTick(() => {
        // Bytes sent to an end that is gone are lost, as on a closed connection.
        if (peer.destroyed || peer.eof) return callback();
        let wantsMore = true;
        for (const chunk of chunks) wantsMore = peer.push(chunk);
        peer.touch();
        if (wantsMore) callback();
        else peer.resumeWriter = () => callback();
      }),
    );
  }

  /** The writable side ends: the peer reads its end once every byte before it. */
  override _final(callback: (error?: Error | null) => void): void {
    this.endPeer();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.idle?.close();
    this.idle = undefined;
    const resume = this.resumeWriter;
    this.resumeWriter = undefined;
    resume?.();
    // As a closed socket does to its peer: it reads the end of the stream.
    this.endPeer();
    callback(error);
  }

  private endPeer(): void {
    const { peer } = this;
    peer.context.runInAsyncScope(() =>
      process.nextTick(() => {
        if (peer.destroyed || peer.eof) return;
        peer.eof = true;
        peer.push(null);
      }),
    );
  }

  /** Activity restarts the idle timeout, as reads and writes do for `net.Socket`. */
  private touch(): void {
    this.idle?.refresh();
  }

  setTimeout(timeoutMs: number, callback?: () => void): this {
    this.timeout = timeoutMs;
    this.idle?.close();
    this.idle = undefined;
    if (timeoutMs > 0) {
      this.idle = this.context.runInAsyncScope(() => startTimer(() => this.emit('timeout'), timeoutMs));
      this.idle.unref();
    }
    if (callback) {
      if (timeoutMs > 0) this.once('timeout', callback);
      else this.removeListener('timeout', callback);
    }
    return this;
  }

  /** `net.Socket#destroySoon`: end, then destroy once everything written has gone. */
  destroySoon(): void {
    if (this.writable) this.end();
    if (this.writableFinished) this.destroy();
    else this.once('finish', () => this.destroy());
  }

  // Nothing to tune or to keep the event loop alive: there is no handle.
  setNoDelay(_noDelay?: boolean): this {
    return this;
  }

  setKeepAlive(_enable?: boolean, _initialDelayMs?: number): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  address(): { address: string; family: string; port: number } {
    return { address: this.localAddress, family: this.remoteFamily, port: this.localPort };
  }

  // What a TLS client may ask of its socket once connected.
  getPeerCertificate(): Record<string, never> {
    return {};
  }

  getProtocol(): string | null {
    return this.encrypted ? 'TLSv1.3' : null;
  }

  getSession(): undefined {
    return undefined;
  }

  isSessionReused(): boolean {
    return false;
  }
}

let nextEphemeralPort = 49152;

/** The client's port on each connection, from the range a kernel hands out for loopback connections. */
function ephemeralPort(): number {
  const port = nextEphemeralPort;
  nextEphemeralPort = port === 65535 ? 49152 : port + 1;
  return port;
}

export interface MemoryConnection {
  client: MemorySocket;
  server: MemorySocket;
}

/**
 * A connection from a client on `clientAddress` to a server on `serverAddress:serverPort`. The server's end is
 * created in `serverContext` (the server's own async context), so nothing of the client's context (an
 * AsyncLocalStorage store of the code that connected) reaches the server's handling of it.
 */
export function memoryConnection(options: {
  serverAddress: string;
  serverPort: number;
  clientAddress: string;
  secure: boolean;
  serverContext: AsyncResource;
}): MemoryConnection {
  const clientPort = ephemeralPort();
  // A client socket ends its side when the server ends; servers (node:http) decide that themselves.
  const client = new MemorySocket(
    { localAddress: options.clientAddress, localPort: clientPort, remoteAddress: options.serverAddress, remotePort: options.serverPort },
    options.secure,
    false,
  );
  const server = options.serverContext.runInAsyncScope(
    () =>
      new MemorySocket(
        { localAddress: options.serverAddress, localPort: options.serverPort, remoteAddress: options.clientAddress, remotePort: clientPort },
        options.secure,
        true,
      ),
  );
  MemorySocket.pair(client, server);
  return { client, server };
}
