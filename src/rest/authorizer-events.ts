/** REST-40, REST-42: the method ARN and the events a REST API's Lambda authorizers receive. */
import type { IdentityRequest } from '../auth/index.ts';
import { type ApiFacts, type HttpRequestFacts, queryEntries, requestToProxyEventV1 } from '../http/index.ts';
import { formatClfTime } from '../internal/clock.ts';

/** REST-40: `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path without its leading slash}`. */
export function restMethodArn(region: string, api: ApiFacts, httpMethod: string, path: string): string {
  return `arn:aws:execute-api:${region}:${api.accountId}:${api.apiId}/${api.stage}/${httpMethod}/${path.slice(1)}`;
}

/** REST-40: a TOKEN authorizer is given the token and the method ARN only. */
export function tokenAuthorizerEvent(authorizationToken: string, methodArn: string) {
  return { type: 'TOKEN' as const, authorizationToken, methodArn };
}

export interface RestRequestShape {
  facts: HttpRequestFacts;
  api: ApiFacts;
  pathParameters: Record<string, string> | undefined;
  resource: string;
  path: string;
  requestId: string;
}

/**
 * REST-42: the proxy event's request fields (REST-1) without the body, after `type` and `methodArn`. As AWS's
 * example shows, `pathParameters` is `{}` without parameters; UNVERIFIED: the query maps and stage variables are `{}`
 * when empty too (as AUTH-3's WebSocket event).
 */
export function requestAuthorizerEvent(shape: RestRequestShape, methodArn: string) {
  const proxy = requestToProxyEventV1(shape.facts, shape.api, shape.pathParameters, {
    lowercaseHeaders: false,
    version: false,
    resource: shape.resource,
    path: shape.path,
    requestId: shape.requestId,
  });
  return {
    type: 'REQUEST' as const,
    methodArn,
    resource: proxy.resource,
    path: proxy.path,
    httpMethod: proxy.httpMethod,
    headers: proxy.headers,
    multiValueHeaders: proxy.multiValueHeaders,
    queryStringParameters: proxy.queryStringParameters ?? {},
    multiValueQueryStringParameters: proxy.multiValueQueryStringParameters ?? {},
    pathParameters: proxy.pathParameters ?? {},
    stageVariables: proxy.stageVariables ?? {},
    requestContext: proxy.requestContext,
  };
}

/**
 * REST-42: what the identity sources read. UNVERIFIED: a repeated header reads its last value (as AUTH-2), a repeated
 * query parameter its last value (as REST-31's `method.request.querystring`).
 */
export function restIdentityRequest(shape: RestRequestShape, withContext: boolean): IdentityRequest {
  const { facts, api } = shape;
  let query: Record<string, string> | undefined;
  for (const [key, value] of queryEntries(facts.rawQuery)) {
    query ??= {};
    query[key] = value;
  }
  return { rawHeaders: facts.rawHeaders, query, stageVariables: api.stageVariables ?? {}, context: withContext ? contextVariables(shape) : {} };
}

/** REST-42: the `$context` variables a `context.<name>` source can read. */
function contextVariables({ facts, api, resource, requestId }: RestRequestShape): Record<string, string> {
  const variables: Record<string, string> = {
    accountId: api.accountId,
    apiId: api.apiId,
    domainName: facts.domainName,
    extendedRequestId: facts.requestId,
    httpMethod: facts.method,
    path: facts.rawPath,
    protocol: 'HTTP/1.1',
    requestId,
    requestTime: formatClfTime(facts.timeEpoch),
    requestTimeEpoch: String(facts.timeEpoch),
    resourcePath: resource,
    stage: api.stage,
    'identity.sourceIp': facts.sourceIp,
  };
  return variables;
}
