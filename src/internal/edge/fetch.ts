/** `gateway.fetch`'s edge: a WHATWG Request → request value, a response value → Response; no socket in between. */
import type { IncomingHttpHeaders } from 'node:http';
import { type BodyResult, type EdgeRequest, type GatewayResponse, wireHeaders } from './values.ts';

/** What a client on this machine looks like to the surfaces. */
export const FETCH_REMOTE_ADDRESS = '127.0.0.1';

/**
 * The port a fetch of `url` reaches: one of `ports`, named by one of `hosts` (lowercase URL host names), over
 * http(s) or ws(s). Otherwise a TypeError as `fetch` gives for a host it cannot reach, naming what is served.
 */
export function fetchPort(url: URL, hosts: ReadonlySet<string>, ports: ReadonlySet<number>, printedHost: string): number {
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  const port = Number(url.port || (secure ? 443 : 80));
  if (/^(https?|wss?):$/.test(url.protocol) && hosts.has(url.hostname.toLowerCase()) && ports.has(port)) return port;
  const served = [...ports].map((known) => `http(s)://${printedHost}:${known}`).join(', ');
  throw new TypeError(`fetch failed: ${url.origin} is not served by this gateway, which serves ${served}`);
}

/** Statuses whose responses carry no body (RFC 9110), as a socket client sees them. */
const NO_BODY_STATUSES = new Set([204, 205, 304]);

/** The request as fetch would put it on the wire: `Host` from the URL, `content-length` for a body; TLS for `https:` and `wss:`. */
export async function requestFromFetch(request: Request, localPort: number): Promise<EdgeRequest> {
  const url = new URL(request.url);
  const bytes = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
  const rawHeaders: string[] = [];
  if (!request.headers.has('host')) rawHeaders.push('host', url.host);
  for (const [name, value] of request.headers) rawHeaders.push(name, value);
  if (bytes !== undefined && !request.headers.has('content-length')) rawHeaders.push('content-length', String(bytes.length));
  const headers: IncomingHttpHeaders = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    const value = rawHeaders[i + 1] as string;
    if (name === 'set-cookie') headers['set-cookie'] = [...(headers['set-cookie'] ?? []), value];
    else headers[name] = value;
  }
  const body = bytes === undefined || bytes.length === 0 ? undefined : bytes;
  return {
    method: request.method,
    target: `${url.pathname}${url.search}`,
    rawHeaders,
    headers,
    remoteAddress: FETCH_REMOTE_ADDRESS,
    localPort,
    secure: url.protocol === 'https:' || url.protocol === 'wss:',
    body: {
      read: async (limitBytes): Promise<BodyResult> => (body !== undefined && body.length > limitBytes ? { kind: 'too-large' } : { kind: 'ok', body }),
    },
  };
}

/** The Response a socket client would read: the same headers (framing included), no body for HEAD, 204, 205 and 304. */
export function responseToFetch(result: GatewayResponse, method: string): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(wireHeaders(result))) {
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const empty = method === 'HEAD' || NO_BODY_STATUSES.has(result.statusCode);
  return new Response(empty ? null : new Uint8Array(result.body), { status: result.statusCode, headers });
}
