/** The I/O edge shared by HTTP and REST APIs: reading the request, gathering its facts, writing the response. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Clock } from '../internal/clock.ts';
import { createDomainNameOf, type DomainNameOf } from '../internal/domain-name.ts';
import type { Ids } from '../internal/ids.ts';
import type { Log } from '../internal/log.ts';
import { normaliseIp, traceHeader } from '../internal/net.ts';
import type { Invoker } from '../lambda/invoker.ts';
import type { HttpRequestFacts } from './request.ts';
import type { GatewayResponse } from './responses.ts';

/** What an HTTP or REST API runtime needs besides its API's model. */
export interface ApiRuntimeSettings {
  apiId: string;
  accountId: string;
  invoker: Invoker;
  clock: Clock;
  ids: Ids;
  log: Log;
  /** GEN-4: the `domainName` for the Host a client sent. @default the names of a gateway on 127.0.0.1 */
  domainNameOf?: DomainNameOf;
}

/** GEN-4: what runtimes use when the gateway gives them no names of its own. */
export const LOOPBACK_DOMAIN_NAMES: DomainNameOf = createDomainNameOf({ host: '127.0.0.1', aliases: [], networkHosts: [] });

export function splitUrl(url: string | undefined): { rawPath: string; rawQuery: string } {
  const target = url ?? '/';
  const queryAt = target.indexOf('?');
  return queryAt === -1 ? { rawPath: target, rawQuery: '' } : { rawPath: target.slice(0, queryAt), rawQuery: target.slice(queryAt + 1) };
}

export function requestFacts(
  request: IncomingMessage,
  body: Buffer | undefined,
  requestId: string,
  clock: Clock,
  ids: Ids,
  domainNameOf: DomainNameOf = LOOPBACK_DOMAIN_NAMES,
): HttpRequestFacts {
  const { rawPath, rawQuery } = splitUrl(request.url);
  const now = clock.now();
  return {
    method: request.method ?? 'GET',
    rawPath,
    rawQuery,
    rawHeaders: request.rawHeaders,
    body,
    sourceIp: normaliseIp(request.socket.remoteAddress),
    domainName: domainNameOf(request.headers.host, request.socket.localPort ?? 0),
    localPort: request.socket.localPort ?? 0,
    secure: Boolean((request.socket as TLSSocket).encrypted),
    traceId: traceHeader(now, ids),
    requestId,
    timeEpoch: now,
  };
}

/** What an API's request line needs from the request's handling: when it started, which route took it. */
export interface RequestTrace {
  startedAt: number;
  routeKey: string | undefined;
}

/** One request line, once the response is written; a request that got none (the client left) has no line. */
export function logRequest(
  settings: Pick<ApiRuntimeSettings, 'clock' | 'log'>,
  api: { name: string; stage: { name: string } },
  request: IncomingMessage,
  response: ServerResponse,
  trace: RequestTrace,
): void {
  if (!response.headersSent) return;
  const epochMs = settings.clock.now();
  settings.log.requestLine({
    kind: 'http',
    api: api.name,
    stage: api.stage.name,
    epochMs,
    method: request.method ?? 'GET',
    path: splitUrl(request.url).rawPath,
    routeKey: trace.routeKey,
    status: response.statusCode,
    durationMs: epochMs - trace.startedAt,
  });
}

/** HTTP-32: hop-by-hop headers from a handler are not forwarded; the gateway sets length and date itself. */
const NOT_FORWARDED = new Set(['connection', 'transfer-encoding', 'keep-alive', 'upgrade', 'content-length', 'date']);

/** Writes `result` plus the gateway's own headers (`apigw-requestid`, `x-amzn-RequestId`, …). */
export function sendResponse(response: ServerResponse, result: GatewayResponse, gatewayHeaders: Array<[string, string]>): void {
  if (response.headersSent || response.destroyed) return;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of result.headers) {
    const lower = name.toLowerCase();
    if (NOT_FORWARDED.has(lower)) continue;
    const existing = headers[lower];
    if (existing === undefined) headers[lower] = value;
    else headers[lower] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  headers['content-length'] = String(result.body.length);
  for (const [name, value] of gatewayHeaders) headers[name] = value;
  response.writeHead(result.statusCode, headers);
  response.end(result.body);
}
