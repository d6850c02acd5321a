/** WS-80: `ws` limits whole messages only; this adds the 32 KB limit on each frame. */
import type { WebSocket } from 'ws';

interface ReceiverInternals {
  _opcode: number;
  _payloadLength: number;
  haveLength(cb: (error?: Error) => void): void;
  createError(type: typeof RangeError, message: string, prefix: boolean, statusCode: number, errorCode: string): Error;
}

/** Control frames (close, ping, pong) have opcodes ≥ 0x8 and are capped at 125 bytes by the protocol itself. */
const FIRST_CONTROL_OPCODE = 0x08;

/**
 * Wraps the receiver's length check so a data frame over `maxFrameBytes` fails as an oversized message does
 * (close 1009). Relies on ws 8's receiver internals; if they change, the frame limit is skipped, not the connection.
 */
export function installFrameLimit(ws: WebSocket, maxFrameBytes: number): boolean {
  const receiver = (ws as unknown as { _receiver?: ReceiverInternals })._receiver;
  if (!receiver || typeof receiver.haveLength !== 'function' || typeof receiver.createError !== 'function') return false;
  const haveLength = receiver.haveLength;
  receiver.haveLength = function checkFrameLength(this: ReceiverInternals, cb) {
    if (this._opcode < FIRST_CONTROL_OPCODE && this._payloadLength > maxFrameBytes) {
      cb(this.createError(RangeError, 'Max frame size exceeded', false, 1009, 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'));
      return;
    }
    haveLength.call(this, cb);
  };
  return true;
}
