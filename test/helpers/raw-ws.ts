/** A WebSocket client on a bare socket: the exact 101 response and every frame as it arrived, boundaries included. */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface RawFrame {
  fin: boolean;
  /** 0 continuation, 1 text, 2 binary, 8 close, 9 ping, 10 pong. */
  opcode: number;
  payload: Buffer;
}

export interface RawClient {
  /** The handshake response's status line and header lines, as sent. */
  statusLine: string;
  headerLines: string[];
  /** Sends one masked frame, as a client must (RFC 6455 5.3). */
  sendFrame(opcode: number, payload: Buffer | string, fin?: boolean): void;
  /** The next `count` frames, waiting up to `timeoutMs`. */
  frames(count: number, timeoutMs?: number): Promise<RawFrame[]>;
  close(): void;
}

/** Frames parsed from `buffer`; `rest` is the incomplete tail. */
function parseFrames(buffer: Buffer): { frames: RawFrame[]; rest: Buffer } {
  const frames: RawFrame[] = [];
  let offset = 0;
  for (;;) {
    if (buffer.length - offset < 2) break;
    const first = buffer[offset] as number;
    const second = buffer[offset + 1] as number;
    let length = second & 0x7f;
    let header = 2;
    if (length === 126) {
      if (buffer.length - offset < 4) break;
      length = buffer.readUInt16BE(offset + 2);
      header = 4;
    } else if (length === 127) {
      if (buffer.length - offset < 10) break;
      length = Number(buffer.readBigUInt64BE(offset + 2));
      header = 10;
    }
    if ((second & 0x80) !== 0) throw new Error('the server sent a masked frame');
    if (buffer.length - offset < header + length) break;
    frames.push({ fin: (first & 0x80) !== 0, opcode: first & 0x0f, payload: buffer.subarray(offset + header, offset + header + length) });
    offset += header + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

function encodeFrame(opcode: number, payload: Buffer, fin: boolean): Buffer {
  const mask = randomBytes(4);
  const length = payload.length;
  const header = length < 126 ? Buffer.alloc(2) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = (fin ? 0x80 : 0) | opcode;
  if (length < 126) header[1] = 0x80 | length;
  else if (length < 65_536) {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const masked = Buffer.from(payload);
  for (let i = 0; i < masked.length; i++) masked[i] = (masked[i] as number) ^ (mask[i % 4] as number);
  return Buffer.concat([header, mask, masked]);
}

/** Opens `ws://127.0.0.1:{port}{path}` and resolves once the 101 has arrived; rejects on any other status. */
export function openRawClient(port: number, path: string, timeoutMs = 5_000): Promise<RawClient> {
  const socket: Socket = connect(port, '127.0.0.1');
  let buffer: Buffer = Buffer.alloc(0);
  const received: RawFrame[] = [];
  let wake: (() => void) | undefined;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no handshake response within ${timeoutMs} ms`));
    }, timeoutMs);
    let handshake: { statusLine: string; headerLines: string[] } | undefined;
    socket.on('error', reject);
    socket.on('connect', () => {
      const key = randomBytes(16).toString('base64');
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!handshake) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end === -1) return;
        const [statusLine = '', ...headerLines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
        handshake = { statusLine, headerLines };
        buffer = buffer.subarray(end + 4);
        clearTimeout(timer);
        if (!statusLine.startsWith('HTTP/1.1 101 ')) {
          socket.destroy();
          reject(new Error(`handshake refused: ${statusLine}`));
          return;
        }
        resolve({
          ...handshake,
          sendFrame: (opcode, payload, fin = true) => socket.write(encodeFrame(opcode, Buffer.from(payload), fin)),
          frames: (count, waitMs = 5_000) =>
            new Promise((resolveFrames, rejectFrames) => {
              const deadline = setTimeout(() => rejectFrames(new Error(`${received.length} of ${count} frames within ${waitMs} ms`)), waitMs);
              const check = () => {
                if (received.length < count) return;
                clearTimeout(deadline);
                wake = undefined;
                resolveFrames(received.splice(0, count));
              };
              wake = check;
              check();
            }),
          close: () => socket.destroy(),
        });
      }
      const parsed = parseFrames(buffer);
      buffer = parsed.rest;
      received.push(...parsed.frames);
      wake?.();
    });
  });
}
