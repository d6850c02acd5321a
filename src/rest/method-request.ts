/** REST-51: what a REST method's mapping templates and parameter mappings read of the request: `$input.params()` and `$context`. */
import { formatClfTime } from '../internal/clock.ts';
import type { RequestParams, RestTemplateContext } from '../mapping/index.ts';
import type { HttpRequestFacts } from '../surface/index.ts';
import type { MappedRequest } from './templated-method.ts';

/** Path, query string and headers; a repeated name keeps its last value, as REST-1's single-value maps do. */
export function requestParamsOf(rawHeaders: readonly string[], rawQuery: string, pathParameters: Readonly<Record<string, string>> | undefined): RequestParams {
  const header: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) header[rawHeaders[i] as string] = rawHeaders[i + 1] as string;
  const querystring: Record<string, string> = {};
  if (rawQuery !== '') for (const [name, value] of new URLSearchParams(rawQuery)) querystring[name] = value;
  return { path: { ...pathParameters }, querystring, header };
}

export interface RestContextFacts {
  facts: HttpRequestFacts;
  apiId: string;
  accountId: string;
  stage: string;
  resourcePath: string;
  /** REST-36: the key the request was admitted with. */
  apiKey?: { value: string; id: string };
  /** `$context.authorizer.*`: what a REST authorizer let through, when the method has one. */
  authorizer?: Record<string, unknown>;
}

/** REST-51: `$context` of a REST request, the variables AWS documents for mapping templates that Hoplite knows. */
export function restTemplateContext({ facts, apiId, accountId, stage, resourcePath, apiKey, authorizer }: RestContextFacts): RestTemplateContext {
  return {
    requestId: facts.requestId,
    extendedRequestId: facts.requestId,
    resourcePath,
    httpMethod: facts.method,
    stage,
    apiId,
    accountId,
    path: facts.rawPath,
    protocol: 'HTTP/1.1',
    domainName: facts.domainName,
    domainPrefix: facts.domainName.split('.')[0] as string,
    requestTime: formatClfTime(facts.timeEpoch),
    requestTimeEpoch: facts.timeEpoch,
    identity: {
      sourceIp: facts.sourceIp,
      userAgent: headerNamed(facts.rawHeaders, 'user-agent') ?? '',
      ...(apiKey ? { apiKey: apiKey.value, apiKeyId: apiKey.id } : {}),
    },
    ...(authorizer ? { authorizer } : {}),
  };
}

/** Everything a mapped method reads of one request, built only for methods that are not Lambda proxies. */
export function mappedRequestOf(
  facts: HttpRequestFacts,
  pathParameters: Readonly<Record<string, string>> | undefined,
  context: Omit<RestContextFacts, 'facts'>,
): MappedRequest {
  const params = requestParamsOf(facts.rawHeaders, facts.rawQuery, pathParameters);
  return {
    method: facts.method,
    body: facts.body,
    contentType: headerNamed(facts.rawHeaders, 'content-type'),
    accept: headerNamed(facts.rawHeaders, 'accept'),
    params,
    context: restTemplateContext({ facts, ...context }),
    rawQuery: facts.rawQuery,
    rawHeaders: facts.rawHeaders,
  };
}

function headerNamed(rawHeaders: readonly string[], lower: string): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) if ((rawHeaders[i] as string).toLowerCase() === lower) return rawHeaders[i + 1];
  return undefined;
}
