/** Payload format 2.0: the Lambda event of an HTTP request (HTTP-20..22) and the response from a result (HTTP-30). */
import { formatClfTime } from '../internal/clock.ts';
import { stringifyJson } from '../internal/json.ts';
import { type ApiFacts, domainPrefixOf, type HttpRequestFacts, headerValue, isTextMediaType, queryEntries } from './request.ts';
import type { GatewayResponse } from './responses.ts';
import { isFinalStatus, isWritableHeader } from './wire.ts';

export interface ProxyEventV2 {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  pathParameters?: Record<string, string>;
  stageVariables?: Record<string, string>;
  requestContext: {
    accountId: string;
    apiId: string;
    domainName: string;
    domainPrefix: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    routeKey: string;
    stage: string;
    time: string;
    timeEpoch: number;
  };
  body?: string;
  isBase64Encoded: boolean;
}

interface EventHeaders {
  headers: Record<string, string>;
  cookies: string[] | undefined;
  /** First values, for the request context and the body's encoding. */
  userAgent: string | undefined;
  contentType: string | undefined;
}

/** HTTP-21: lower-cased names, repeated values joined with `,`, cookies apart, the gateway's own headers added. */
function eventHeaders(request: HttpRequestFacts): EventHeaders {
  const joined = new Map<string, string>();
  let cookies: string[] | undefined;
  let userAgent: string | undefined;
  let contentType: string | undefined;
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = (request.rawHeaders[i] as string).toLowerCase();
    const value = request.rawHeaders[i + 1] as string;
    if (name === 'cookie') {
      cookies ??= [];
      for (const item of value.split(';')) {
        const trimmed = item.trim();
        if (trimmed !== '') cookies.push(trimmed);
      }
      continue;
    }
    if (name === 'user-agent') userAgent ??= value;
    else if (name === 'content-type') contentType ??= value;
    if (name.startsWith('x-forwarded-') || name === 'x-amzn-trace-id') continue;
    const previous = joined.get(name);
    joined.set(name, previous === undefined ? value : `${previous},${value}`);
  }
  joined.set('x-amzn-trace-id', request.traceId);
  joined.set('x-forwarded-for', request.sourceIp);
  joined.set('x-forwarded-port', String(request.localPort));
  joined.set('x-forwarded-proto', request.secure ? 'https' : 'http');
  const headers: Record<string, string> = {};
  for (const name of [...joined.keys()].sort()) headers[name] = joined.get(name) as string;
  return { headers, cookies, userAgent, contentType };
}

/** HTTP-22: text for text media types, base64 for anything else. */
export function encodeBody(
  request: HttpRequestFacts,
  contentType = headerValue(request.rawHeaders, 'content-type'),
): { body: string; isBase64Encoded: boolean } | undefined {
  if (request.body === undefined) return undefined;
  if (isTextMediaType(contentType)) return { body: request.body.toString('utf8'), isBase64Encoded: false };
  return { body: request.body.toString('base64'), isBase64Encoded: true };
}

export function requestToProxyEventV2(
  request: HttpRequestFacts,
  api: ApiFacts,
  routeKey: string,
  pathParameters: Record<string, string> | undefined,
): ProxyEventV2 {
  const { headers, cookies, userAgent, contentType } = eventHeaders(request);
  const event = { version: '2.0', routeKey, rawPath: request.rawPath, rawQueryString: request.rawQuery } as ProxyEventV2;
  if (cookies) event.cookies = cookies;
  event.headers = headers;
  const query = queryEntries(request.rawQuery);
  if (query.length > 0) {
    const joined = new Map<string, string>();
    for (const [key, value] of query) {
      const previous = joined.get(key);
      joined.set(key, previous === undefined ? value : `${previous},${value}`);
    }
    // Sorted by name, as captured events show (like headers).
    const parameters: Record<string, string> = {};
    for (const key of [...joined.keys()].sort()) parameters[key] = joined.get(key) as string;
    event.queryStringParameters = parameters;
  }
  if (pathParameters) event.pathParameters = pathParameters;
  if (api.stageVariables) event.stageVariables = api.stageVariables;
  event.requestContext = {
    accountId: api.accountId,
    apiId: api.apiId,
    domainName: request.domainName,
    domainPrefix: domainPrefixOf(request.domainName),
    http: {
      method: request.method,
      path: request.rawPath,
      protocol: 'HTTP/1.1',
      sourceIp: request.sourceIp,
      // UNVERIFIED Choice: empty when the request had no User-Agent.
      userAgent: userAgent ?? '',
    },
    requestId: request.requestId,
    routeKey,
    stage: api.stage,
    time: formatClfTime(request.timeEpoch),
    timeEpoch: request.timeEpoch,
  };
  const body = encodeBody(request, contentType);
  if (body) event.body = body.body;
  event.isBase64Encoded = body?.isBase64Encoded ?? false;
  return event;
}

function isHeaderValue(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** HTTP-30: a structured result, or an inferred one; `undefined` when the result is malformed. */
export function proxyResultV2ToResponse(result: unknown): GatewayResponse | undefined {
  if (typeof result !== 'object' || result === null || Array.isArray(result) || !('statusCode' in result)) {
    // HTTP-30.2: anything else is the body of a 200 JSON response; a string is used as is.
    const body = typeof result === 'string' ? result : stringifyJson(result);
    return { statusCode: 200, headers: [['content-type', 'application/json']], body: Buffer.from(body) };
  }
  const { statusCode, headers, cookies, body, isBase64Encoded } = result as Record<string, unknown>;
  if (!isFinalStatus(statusCode)) return undefined;
  const out: Array<[string, string]> = [];
  if (headers !== undefined && headers !== null) {
    if (typeof headers !== 'object' || Array.isArray(headers)) return undefined;
    for (const [name, value] of Object.entries(headers)) {
      if (!isHeaderValue(value) || !isWritableHeader(name, String(value))) return undefined;
      out.push([name, String(value)]);
    }
  }
  if (cookies !== undefined && cookies !== null) {
    if (!Array.isArray(cookies) || !cookies.every((cookie) => typeof cookie === 'string' && isWritableHeader('set-cookie', cookie))) return undefined;
    for (const cookie of cookies) out.push(['set-cookie', cookie]);
  }
  if (body !== undefined && body !== null && typeof body !== 'string') return undefined;
  if (isBase64Encoded !== undefined && typeof isBase64Encoded !== 'boolean') return undefined;
  const text = (body as string | undefined | null) ?? '';
  return { statusCode, headers: out, body: isBase64Encoded ? Buffer.from(text, 'base64') : Buffer.from(text) };
}
