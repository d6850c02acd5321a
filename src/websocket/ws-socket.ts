/** The socket seam over a `ws` WebSocket: the network edge of an accepted connection. */
import type { WebSocket } from 'ws';
import { GATEWAY_CLOSES } from './close-codes.ts';
import { installFrameLimit } from './frame-limit.ts';
import type { PeerSocket, SocketListeners } from './socket.ts';

/** RFC 6455: protocol error, when ws names no status of its own. */
const PROTOCOL_ERROR = 1002;

export function wsSocket(ws: WebSocket, maxFrameBytes: number): PeerSocket {
  installFrameLimit(ws, maxFrameBytes);
  return {
    get isOpen() {
      return ws.readyState === ws.OPEN;
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    listen(listeners: SocketListeners) {
      ws.on('message', (data: Buffer, isBinary: boolean) => listeners.message(data, isBinary));
      ws.on('error', (error: Error & { code?: string }) => {
        // ws closes the socket itself after a protocol error; the cause is what `$disconnect` reports.
        if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') listeners.error(GATEWAY_CLOSES.messageTooBig);
        else listeners.error({ code: closeCodeOf(error), reason: error.message });
      });
      ws.once('close', (code: number, reason: Buffer) => listeners.close(code, reason.toString()));
    },
    send: (data, frame) => ws.send(data, frame),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
  };
}

/** ws keeps the close status of a protocol error under a symbol. */
function closeCodeOf(error: Error): number {
  const code = (error as unknown as Record<symbol, unknown>)[
    Object.getOwnPropertySymbols(error).find((symbol) => symbol.description === 'status-code') as symbol
  ];
  return typeof code === 'number' ? code : PROTOCOL_ERROR;
}
