/** AUTH-31, AUTH-32: the event an HTTP API's Lambda authorizer receives, in the authorizer's payload format. */
import type { IdentityRequest } from '../auth/index.ts';
import { formatClfTime } from '../internal/clock.ts';
import type { AuthorizationRequest } from './authorization.ts';
import { httpProxyEvent } from './event.ts';
import { requestToProxyEventV2 } from './payload-v2.ts';
import { domainPrefixOf, headerValue, queryEntries } from './request.ts';

/** GEN-5: `arn:aws:execute-api:{region}:{account}:{api-id}/{stage}/{METHOD}/{path without leading slash}`. */
export function routeArnOf(region: string, request: AuthorizationRequest): string {
  const { api, facts, path } = request;
  return `arn:aws:execute-api:${region}:${api.accountId}:${api.apiId}/${api.stage}/${facts.method}/${path.slice(1)}`;
}

/** AUTH-31: the 2.0 integration event's fields (HTTP-21) without a body, plus `type`, `routeArn` and the source values. */
export function authorizerEventV2(request: AuthorizationRequest, routeArn: string, identitySource: readonly string[]) {
  const { facts, api, route, pathParameters } = request;
  const { version, body: _body, isBase64Encoded: _isBase64Encoded, ...event } = requestToProxyEventV2(facts, api, route.key, pathParameters);
  // UNVERIFIED: `identitySource` is `[]` for an authorizer without sources.
  return { version, type: 'REQUEST' as const, routeArn, identitySource: [...identitySource], ...event };
}

/** AUTH-32: the REST-style REQUEST event with `version`, the source values joined with `,`, and `methodArn`. */
export function authorizerEventV1(request: AuthorizationRequest, routeArn: string, identitySource: readonly string[]) {
  const { facts, api, route, pathParameters, path } = request;
  const proxy = httpProxyEvent(facts, api, { route: { ...route, payloadFormatVersion: '1.0' }, pathParameters, path }) as Record<string, unknown>;
  const { version: _version, multiValueHeaders: _mh, multiValueQueryStringParameters: _mq, body: _body, isBase64Encoded: _b64, ...event } = proxy;
  const joined = identitySource.join(',');
  return { version: '1.0' as const, type: 'REQUEST' as const, methodArn: routeArn, identitySource: joined, authorizationToken: joined, ...event };
}

/**
 * AUTH-30: what the identity sources read. UNVERIFIED: a repeated header reads its last value (as AUTH-2), a
 * repeated query parameter its values joined with `,` (as the 2.0 event shows them).
 */
export function identityRequestOf(request: AuthorizationRequest, withContext: boolean): IdentityRequest {
  const { facts, api } = request;
  let query: Record<string, string> | undefined;
  for (const [key, value] of queryEntries(facts.rawQuery)) {
    query ??= {};
    query[key] = Object.hasOwn(query, key) ? `${query[key]},${value}` : value;
  }
  return { rawHeaders: facts.rawHeaders, query, stageVariables: api.stageVariables ?? {}, context: withContext ? contextVariables(request) : {} };
}

/** AUTH-30: the `$context` variables a `$context.<name>` source can read (HTTP APIs' request context). */
function contextVariables(request: AuthorizationRequest): Record<string, string> {
  const { facts, api, route, path } = request;
  const variables: Record<string, string> = {
    accountId: api.accountId,
    apiId: api.apiId,
    domainName: facts.domainName,
    domainPrefix: domainPrefixOf(facts.domainName),
    httpMethod: facts.method,
    path,
    protocol: 'HTTP/1.1',
    requestId: facts.requestId,
    requestTime: formatClfTime(facts.timeEpoch),
    requestTimeEpoch: String(facts.timeEpoch),
    routeKey: route.key,
    stage: api.stage,
    'identity.sourceIp': facts.sourceIp,
  };
  const userAgent = headerValue(facts.rawHeaders, 'user-agent');
  if (userAgent !== undefined) variables['identity.userAgent'] = userAgent;
  return variables;
}
