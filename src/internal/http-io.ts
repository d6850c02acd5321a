/** Reading request bodies with a size cap, shared by every HTTP surface. */
import type { IncomingMessage } from 'node:http';
import type { BodyResult } from './edge/values.ts';

export type { BodyResult } from './edge/values.ts';

/** Reads the body up to `limitBytes`; stops reading as soon as it is known to be too large. `body` is undefined when empty. */
const NO_BODY: Promise<BodyResult> = Promise.resolve({ kind: 'ok', body: undefined });

export function readBody(request: IncomingMessage, limitBytes: number): Promise<BodyResult> {
  // RFC 9112 6.3: a request with neither header has no body (the server discards the empty stream itself).
  if (request.headers['content-length'] === undefined && request.headers['transfer-encoding'] === undefined) return NO_BODY;
  const declared = Number(request.headers['content-length']);
  if (declared > limitBytes) return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        request.removeAllListeners('data');
        resolve({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve({ kind: 'ok', body: size === 0 ? undefined : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) }));
    request.on('error', () => resolve({ kind: 'aborted' }));
  });
}
