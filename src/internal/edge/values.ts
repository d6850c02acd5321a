/** The values every HTTP surface takes and gives: a request read from any edge (a socket, `gateway.fetch`) and its response. */
import type { IncomingHttpHeaders } from 'node:http';

/** A body read with a cap: `too-large` as soon as the cap is known to be passed, so a 413 need not wait for the rest. */
export type BodyResult = { kind: 'ok'; body: Buffer | undefined } | { kind: 'too-large' } | { kind: 'aborted' };

export interface BodySource {
  /** Reads the body once; `body` is undefined when the request has none. */
  read(limitBytes: number): Promise<BodyResult>;
}

export interface EdgeRequest {
  method: string;
  /** The request target as sent: path and query, still percent-encoded. */
  target: string;
  /** Name, value, name, value… as the client sent them. */
  rawHeaders: readonly string[];
  /** Lowercase names, as node:http presents them (what SigV4 verification reads). */
  headers: IncomingHttpHeaders;
  /** The peer's address as the socket gives it (`::ffff:127.0.0.1` included). */
  remoteAddress: string;
  localPort: number;
  /** Arrived over TLS. */
  secure: boolean;
  body: BodySource;
}

export interface GatewayResponse {
  statusCode: number;
  /** In order; a name may repeat (set-cookie). */
  headers: Array<[string, string]>;
  body: Buffer;
  /** The connection is closed once this is written: the rest of a too-large body is never read. */
  closeConnection?: boolean;
}

/**
 * An HTTP surface: `undefined` when the client left and there is nothing to write. An answer known without waiting may
 * come back synchronously: it is then written before node:http reads the rest of the request (and so before a
 * malformed body could turn it into node's own 400).
 */
export type EdgeHandler = (request: EdgeRequest) => GatewayResponse | undefined | Promise<GatewayResponse | undefined>;

/** The edge owns the framing: these never come from a surface's headers. */
const FRAMING = new Set(['connection', 'transfer-encoding', 'keep-alive', 'upgrade', 'content-length', 'date']);

/** The headers written for `response`: framing headers dropped, repeated names grouped, the length and `connection: close` set. */
export function wireHeaders(response: GatewayResponse): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers) {
    if (FRAMING.has(name.toLowerCase())) continue;
    const existing = headers[name];
    if (existing === undefined) headers[name] = value;
    else headers[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  headers['content-length'] = String(response.body.length);
  if (response.closeConnection) headers.connection = 'close';
  return headers;
}

/** `rawPath` and `rawQuery` of a request target (`rawQuery` is `''` without `?`). */
export function splitTarget(target: string): { rawPath: string; rawQuery: string } {
  const queryAt = target.indexOf('?');
  return queryAt === -1 ? { rawPath: target, rawQuery: '' } : { rawPath: target.slice(0, queryAt), rawQuery: target.slice(queryAt + 1) };
}

/** A JSON body with its content type: most answers a surface gives itself. */
export function jsonResponse(statusCode: number, headers: Array<[string, string]>, body: string): GatewayResponse {
  return { statusCode, headers: [['content-type', 'application/json'], ...headers], body: Buffer.from(body) };
}
