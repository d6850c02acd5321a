/** CORS as HTTP APIs do it: preflights answered by the gateway (HTTP-51), headers on actual responses (HTTP-52). */
import type { CorsModel } from '../model/types.ts';
import type { GatewayResponse } from './responses.ts';

/** HTTP-50: exact origins (case-insensitive), `*`, or a scheme wildcard such as `https://*`. */
export function originAllowed(cors: CorsModel, origin: string): boolean {
  const lower = origin.toLowerCase();
  for (const allowed of cors.allowOrigins) {
    if (allowed === '*') return true;
    if (allowed.endsWith('://*') ? lower.startsWith(allowed.slice(0, -1).toLowerCase()) : allowed.toLowerCase() === lower) return true;
  }
  return false;
}

/** HTTP-51 Choice: `*` when the configuration is exactly `["*"]` without credentials; otherwise the origin itself. */
function allowOriginValue(cors: CorsModel, origin: string): string {
  return cors.allowOrigins.length === 1 && cors.allowOrigins[0] === '*' && !cors.allowCredentials ? '*' : origin;
}

export function isPreflight(method: string, origin: string | undefined, requestMethod: string | undefined): boolean {
  return method === 'OPTIONS' && origin !== undefined && requestMethod !== undefined;
}

/** HTTP-51: the gateway's own answer to a preflight that no route takes. UNVERIFIED: status 204. */
export function preflightResponse(cors: CorsModel, origin: string, requestHeaders: string | undefined): GatewayResponse {
  const headers: Array<[string, string]> = [];
  if (originAllowed(cors, origin)) {
    headers.push(['access-control-allow-origin', allowOriginValue(cors, origin)]);
    if (cors.allowCredentials) headers.push(['access-control-allow-credentials', 'true']);
    if (cors.allowMethods.length > 0) headers.push(['access-control-allow-methods', cors.allowMethods.join(',')]);
    const allowHeaders = cors.allowHeaders.includes('*') && requestHeaders ? requestHeaders : cors.allowHeaders.join(',');
    if (allowHeaders) headers.push(['access-control-allow-headers', allowHeaders]);
    if (cors.maxAgeSeconds !== undefined) headers.push(['access-control-max-age', String(cors.maxAgeSeconds)]);
    if (allowOriginValue(cors, origin) !== '*') headers.push(['vary', 'origin']);
  }
  return { statusCode: 204, headers, body: Buffer.alloc(0) };
}

/** HTTP-52: the integration's own CORS headers are dropped; the configured ones are added for a matching origin. */
export function applyCors(cors: CorsModel, origin: string | undefined, response: GatewayResponse): GatewayResponse {
  const headers = response.headers.filter(([name]) => !name.toLowerCase().startsWith('access-control-'));
  if (origin !== undefined && originAllowed(cors, origin)) {
    const value = allowOriginValue(cors, origin);
    headers.push(['access-control-allow-origin', value]);
    if (cors.allowCredentials) headers.push(['access-control-allow-credentials', 'true']);
    if (cors.exposeHeaders.length > 0) headers.push(['access-control-expose-headers', cors.exposeHeaders.join(',')]);
    // UNVERIFIED Choice: caches must not reuse an echoed origin for another.
    if (value !== '*') headers.push(['vary', 'origin']);
  }
  return { ...response, headers };
}
