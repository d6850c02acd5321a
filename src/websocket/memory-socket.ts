/**
 * Two ends of a WebSocket connection in memory: the server end implements the socket seam for the runtime, the
 * client end serves `gateway.connect`. Frames cross on the microtask queue, in order, as they would cross the wire;
 * the close handshake, the frame and message limits (WS-80) and UTF-8 checks behave as `ws` makes them behave.
 */
import { isUtf8 } from 'node:buffer';
import type { WebSocketLimits } from '../limits.ts';
import { type CloseCause, GATEWAY_CLOSES } from './close-codes.ts';
import type { PeerSocket, SocketListeners } from './socket.ts';

/** RFC 6455 close codes the edge itself sends. */
const NO_STATUS = 1005;
const ABNORMAL = 1006;
const INVALID_PAYLOAD = 1007;

/** ws's message for a text frame that is not UTF-8; `$disconnect` reports it as the reason. */
const INVALID_UTF8: CloseCause = { code: INVALID_PAYLOAD, reason: 'invalid UTF-8 sequence' };

export interface ClientEnd {
  /** Whether the client may still send. */
  readonly isOpen: boolean;
  /** One message from the client, as one frame. */
  send(data: Buffer, isBinary: boolean): void;
  /** Starts the close handshake; without a code the close frame carries none (1005). */
  close(code: number | undefined, reason: string): void;
  terminate(): void;
}

export interface ClientListeners {
  message(data: Buffer, isBinary: boolean): void;
  /** The connection has closed; `code` and `reason` are those of the close frame the client received. */
  close(code: number, reason: string): void;
}

type State = 'open' | 'server-closing' | 'client-closing' | 'closed';

export function memorySocketPair(
  limits: Pick<WebSocketLimits, 'maxFrameBytes' | 'maxMessageBytes'>,
  client: ClientListeners,
): { server: PeerSocket; client: ClientEnd } {
  let state: State = 'open';
  let server: SocketListeners | undefined;
  /** Server frames of a message not finished yet (WS-80: `fin: false`). */
  let fragments: Buffer[] = [];
  /** What each side received in the close frame of the other, once it did. */
  let serverSent: { code: number; reason: string } | undefined;
  let clientSent: { code: number; reason: string } | undefined;

  function finish(toServer: { code: number; reason: string }, toClient: { code: number; reason: string }): void {
    if (state === 'closed') return;
    state = 'closed';
    server?.close(toServer.code, toServer.reason);
    client.close(toClient.code, toClient.reason);
  }

  const cross = queueMicrotask;

  function serverCloses(code: number, reason: string): void {
    if (state !== 'open' && state !== 'client-closing') return;
    serverSent = { code, reason };
    if (state === 'client-closing') return;
    state = 'server-closing';
    // The client answers a close frame with the same code, as ws does; then both ends have closed.
    cross(() => {
      if (state === 'server-closing') finish(serverSent as { code: number; reason: string }, serverSent as { code: number; reason: string });
    });
  }

  function clientMessage(data: Buffer, isBinary: boolean): void {
    if (state === 'closed' || state === 'client-closing') return;
    // WS-80: a message is one frame here, as a `ws` client sends it.
    if (data.length > limits.maxFrameBytes || data.length > limits.maxMessageBytes) protocolError(GATEWAY_CLOSES.messageTooBig);
    else if (!isBinary && !isUtf8(data)) protocolError(INVALID_UTF8);
    else server?.message(data, isBinary);
  }

  /** As ws does: the cause reaches the runtime, the close frame carries the code alone. */
  function protocolError(cause: CloseCause): void {
    server?.error(cause);
    serverCloses(cause.code, '');
  }

  const serverEnd: PeerSocket = {
    get isOpen() {
      return state === 'open';
    },
    bufferedAmount: 0,
    listen(listeners) {
      server = listeners;
    },
    send(data, frame) {
      if (state !== 'open') return;
      fragments.push(Buffer.from(data));
      if (!frame.fin) return;
      const message = fragments.length === 1 ? (fragments[0] as Buffer) : Buffer.concat(fragments);
      fragments = [];
      cross(() => {
        if (state === 'open' || state === 'client-closing') client.message(message, frame.binary);
      });
    },
    close: serverCloses,
    terminate() {
      cross(() => finish({ code: ABNORMAL, reason: '' }, { code: ABNORMAL, reason: '' }));
    },
  };

  const clientEnd: ClientEnd = {
    get isOpen() {
      return state === 'open';
    },
    send(data, isBinary) {
      if (state !== 'open') return;
      const copy = Buffer.from(data);
      cross(() => clientMessage(copy, isBinary));
    },
    close(code, reason) {
      if (state !== 'open' && state !== 'server-closing') return;
      clientSent = { code: code ?? NO_STATUS, reason: code === undefined ? '' : reason };
      const bothClosing = state === 'server-closing';
      state = 'client-closing';
      cross(() =>
        finish(clientSent as { code: number; reason: string }, bothClosing && serverSent ? serverSent : (clientSent as { code: number; reason: string })),
      );
    },
    terminate() {
      if (state === 'closed') return;
      cross(() => finish({ code: ABNORMAL, reason: '' }, { code: ABNORMAL, reason: '' }));
    },
  };
  return { server: serverEnd, client: clientEnd };
}
