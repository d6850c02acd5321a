/** Payload format 1.0: the REST-style Lambda event (HTTP-25, REST-1) and the response from a result (HTTP-31). */
import { createHash } from 'node:crypto';
import { formatClfTime } from '../internal/clock.ts';
import { addValue } from '../internal/multi-value.ts';
import { encodeBody } from './payload-v2.ts';
import { type ApiFacts, domainPrefixOf, type HttpRequestFacts, headerValue, queryEntries } from './request.ts';
import type { GatewayResponse } from './responses.ts';
import { isFinalStatus, isWritableHeader } from './wire.ts';

export interface ProxyEventV1Options {
  /** HTTP APIs lower-case header names; REST APIs keep the client's case. */
  lowercaseHeaders: boolean;
  /** HTTP APIs add `version: "1.0"`; REST APIs do not. */
  version: boolean;
  /** The route's path (`/todos/{id}`), or `$default`. */
  resource: string;
  /** The path without the stage prefix. */
  path: string;
  /** REST: a UUID; HTTP APIs: the GEN-1 id. */
  requestId: string;
  /** REST-4: whether a body of this content type travels as base64; HTTP APIs decide by HTTP-22. */
  isBinary?: (contentType: string | undefined) => boolean;
}

type MultiMap = Record<string, string[]>;

function singleFrom(multi: MultiMap): Record<string, string> {
  const single: Record<string, string> = {};
  // HTTP-25 (unverified for HTTP APIs): the single-value map holds the last value.
  for (const [name, values] of Object.entries(multi)) single[name] = values[values.length - 1] as string;
  return single;
}

/** REST-1: 6 lowercase alphanumerics, as AWS's resource and deployment ids are; stable for what they name. */
function shortIdOf(name: string): string {
  const digest = createHash('sha256').update(name).digest();
  let id = '';
  for (let i = 0; id.length < 6; i++) id += ((digest[i] as number) % 36).toString(36);
  return id;
}

function identity(sourceIp: string, userAgent: string | undefined) {
  return {
    accessKey: null,
    accountId: null,
    caller: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp,
    user: null,
    userAgent: userAgent ?? null,
    userArn: null,
  };
}

export function requestToProxyEventV1(
  request: HttpRequestFacts,
  api: ApiFacts,
  pathParameters: Record<string, string> | undefined,
  options: ProxyEventV1Options,
) {
  const multiValueHeaders: MultiMap = {};
  const add = (name: string, value: string) => {
    const key = options.lowercaseHeaders ? name.toLowerCase() : name;
    addValue(multiValueHeaders, key, value);
  };
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i] as string;
    const lower = name.toLowerCase();
    if (lower.startsWith('x-forwarded-') || lower === 'x-amzn-trace-id' || lower === 'connection') continue;
    add(name, request.rawHeaders[i + 1] as string);
  }
  add('X-Amzn-Trace-Id', request.traceId);
  add('X-Forwarded-For', request.sourceIp);
  add('X-Forwarded-Port', String(request.localPort));
  add('X-Forwarded-Proto', request.secure ? 'https' : 'http');

  const query = queryEntries(request.rawQuery);
  let multiValueQueryStringParameters: MultiMap | null = null;
  if (query.length > 0) {
    multiValueQueryStringParameters = {};
    for (const [key, value] of query) addValue(multiValueQueryStringParameters, key, value);
  }
  const body = options.isBinary ? encodeRestBody(request, options.isBinary) : encodeBody(request);
  const stagePath = request.rawPath;
  // REST events (no `version`) name their resource and deployment, as captured events do; HTTP APIs' 1.0 events do not.
  const rest = !options.version;
  return {
    ...(options.version ? { version: '1.0' as const } : {}),
    resource: options.resource,
    path: options.path,
    httpMethod: request.method,
    headers: singleFrom(multiValueHeaders),
    multiValueHeaders,
    queryStringParameters: multiValueQueryStringParameters ? singleFrom(multiValueQueryStringParameters) : null,
    multiValueQueryStringParameters,
    requestContext: {
      accountId: api.accountId,
      apiId: api.apiId,
      ...(rest ? { deploymentId: shortIdOf(`${api.apiId}\0${api.stage}`) } : {}),
      domainName: request.domainName,
      domainPrefix: domainPrefixOf(request.domainName),
      extendedRequestId: request.requestId,
      httpMethod: request.method,
      identity: identity(request.sourceIp, headerValue(request.rawHeaders, 'user-agent')),
      path: stagePath,
      protocol: 'HTTP/1.1',
      requestId: options.requestId,
      requestTime: formatClfTime(request.timeEpoch),
      requestTimeEpoch: request.timeEpoch,
      resourceId: rest ? shortIdOf(`${api.apiId}\0${options.resource}`) : null,
      resourcePath: options.resource,
      stage: api.stage,
    },
    pathParameters: pathParameters ?? null,
    stageVariables: api.stageVariables ?? null,
    body: body?.body ?? null,
    isBase64Encoded: body?.isBase64Encoded ?? false,
  };
}

function encodeRestBody(
  request: HttpRequestFacts,
  isBinary: (contentType: string | undefined) => boolean,
): { body: string; isBase64Encoded: boolean } | undefined {
  if (request.body === undefined) return undefined;
  return isBinary(headerValue(request.rawHeaders, 'content-type'))
    ? { body: request.body.toString('base64'), isBase64Encoded: true }
    : { body: request.body.toString('utf8'), isBase64Encoded: false };
}

/** HTTP-31: an object with an integer statusCode; `undefined` when the result is unusable. */
export function proxyResultV1ToResponse(result: unknown, decodeBase64 = true): GatewayResponse | undefined {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return undefined;
  const { statusCode, headers, multiValueHeaders, body, isBase64Encoded } = result as Record<string, unknown>;
  if (!isFinalStatus(statusCode)) return undefined;
  const merged = new Map<string, string[]>();
  if (headers !== undefined && headers !== null) {
    if (typeof headers !== 'object' || Array.isArray(headers)) return undefined;
    for (const [name, value] of Object.entries(headers)) {
      if (value === null || typeof value === 'object') return undefined;
      merged.set(name, [String(value)]);
    }
  }
  if (multiValueHeaders !== undefined && multiValueHeaders !== null) {
    if (typeof multiValueHeaders !== 'object' || Array.isArray(multiValueHeaders)) return undefined;
    for (const [name, values] of Object.entries(multiValueHeaders)) {
      if (!Array.isArray(values)) return undefined;
      // HTTP-31: for a name in both maps only the multi-value values are sent.
      merged.set(name, values.map(String));
    }
  }
  if (body !== undefined && body !== null && typeof body !== 'string') return undefined;
  const text = (body as string | undefined | null) ?? '';
  const out: Array<[string, string]> = [];
  for (const [name, values] of merged) {
    for (const value of values) {
      // HTTP-31, REST-2: a header that cannot be written (CR, LF, characters past Latin-1) makes the result malformed.
      if (!isWritableHeader(name, value)) return undefined;
      out.push([name, value]);
    }
  }
  // REST-4: REST APIs decode base64 only when the client accepts a binary type.
  return { statusCode, headers: out, body: isBase64Encoded === true && decodeBase64 ? Buffer.from(text, 'base64') : Buffer.from(text) };
}
