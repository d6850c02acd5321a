/**
 * The socket seam: what a connection needs of the peer it talks to. `ws` implements it at the network edge
 * (ws-socket.ts), an in-memory pair for `gateway.connect` (memory-socket.ts); the runtime sees no difference.
 */
import type { CloseCause } from './close-codes.ts';

export interface SocketListeners {
  /** One whole message from the client (WS-80: the edge has already enforced the frame and message limits). */
  message(data: Buffer, isBinary: boolean): void;
  /** The socket has closed, with the code and reason the client's close frame carried (1005, 1006 as RFC 6455 says). */
  close(code: number, reason: string): void;
  /** The edge closes the socket for a protocol error; `cause` is what `$disconnect` reports. */
  error(cause: CloseCause): void;
}

export interface PeerSocket {
  /** Open and not closing. */
  readonly isOpen: boolean;
  /** Outbound bytes queued and not yet written. */
  readonly bufferedAmount: number;
  /** Called once, when the connection is accepted. */
  listen(listeners: SocketListeners): void;
  /** One frame; `fin: false` continues the message in the next frame (WS-80). */
  send(data: Buffer, frame: { binary: boolean; fin: boolean }): void;
  /** Starts the close handshake. */
  close(code: number, reason: string): void;
  /** Drops the socket without a close handshake. */
  terminate(): void;
}
