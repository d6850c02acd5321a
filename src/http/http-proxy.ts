/**
 * HTTP-83..86: an HTTP API route's HTTP_PROXY integration. The request goes to the integration URI (stage variables
 * replaced at start, `{param}` by the route's path parameters per request) with the client's method (or the
 * integration's), query string, headers and body; the backend's status, headers and body are the response.
 */
import { type HttpBackendAnswer, httpIntegration, type IntegrationOutcome, type OutboundHttpRequest } from '../integrations/index.ts';
import type { Clock } from '../internal/clock.ts';
import type { GatewayResponse } from '../internal/edge/values.ts';
import type { Log } from '../internal/log.ts';
import type { HttpProxyIntegrationModel, HttpRouteModel } from '../model/types.ts';
import type { HttpRequestFacts } from './request.ts';
import { GATEWAY_RESPONSES } from './responses.ts';

/** HTTP-84: hop-by-hop headers (RFC 9110 section 7.6.1) and those the gateway sets itself are not forwarded. */
const NOT_FORWARDED = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length']);
/**
 * HTTP-85: not relayed from the backend: hop-by-hop headers, `content-length` (the gateway counts the body it sends)
 * and `content-encoding` (fetch has decoded the body already).
 */
const NOT_RELAYED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'content-encoding',
]);

/** `${stageVariables.<name>}` in an IntegrationUri, replaced once at start. */
const withStageVariables = (uri: string, variables: Readonly<Record<string, string>>): string =>
  uri.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, name: string) => variables[name] ?? '');

/** HTTP-83: a path parameter in the URI, each segment percent-encoded again (a greedy value keeps its slashes). */
const encodePathValue = (value: string): string => value.split('/').map(encodeURIComponent).join('/');

export interface ProxyRequest {
  facts: HttpRequestFacts;
  pathParameters: Record<string, string> | undefined;
  /** HTTP-80 `overwrite:path`: replaces the URI's path. */
  mappedPath: string | undefined;
}

/** A route's response; `answered` when it is the integration's own answer (which response mappings apply to). */
export interface RouteAnswer {
  response: GatewayResponse;
  answered: boolean;
}

export interface HttpProxyRoute {
  /** Never rejects; `where` names the API, request id and route in log lines. */
  call(request: ProxyRequest, where: string): Promise<RouteAnswer>;
}

export function httpProxyRoute(route: HttpRouteModel, stageVariables: Readonly<Record<string, string>>, clock: Clock, log: Log): HttpProxyRoute {
  const model = route.integration as HttpProxyIntegrationModel;
  const uri = withStageVariables(model.integrationUri, stageVariables);
  const method = model.integrationMethod.toUpperCase();
  const hasParameters = /\{[A-Za-z0-9_]+\+?\}/.test(uri);
  const integration = httpIntegration({ type: 'HTTP_PROXY', timeoutMs: route.integrationTimeoutMs, clock });

  function outbound({ facts, pathParameters, mappedPath }: ProxyRequest): OutboundHttpRequest {
    let target = hasParameters
      ? uri.replace(/\{([A-Za-z0-9_]+)\+?\}/g, (_, name: string) => encodePathValue(pathParameters?.[name] ?? pathParameters?.[`${name}+`] ?? ''))
      : uri;
    if (mappedPath !== undefined) {
      const url = new URL(target);
      url.pathname = mappedPath;
      target = url.toString();
    }
    if (facts.rawQuery !== '') target += `${target.includes('?') ? '&' : '?'}${facts.rawQuery}`;
    return { method: method === 'ANY' ? facts.method : method, url: target, headers: forwardedHeaders(facts), body: facts.body };
  }

  return {
    async call(request, where) {
      const sent = outbound(request);
      const outcome = await integration.call(sent);
      // HTTP-86: an unreachable or hanging backend is logged with the request id; no other request is affected.
      if (outcome.kind === 'timed-out') log.warn(`${where}: ${sent.method} ${sent.url} timed out after ${route.integrationTimeoutMs} ms`);
      else if (outcome.kind !== 'answered') log.warn(`${where}: ${outcome.error.errorMessage}`);
      return { response: httpProxyAnswer(outcome), answered: outcome.kind === 'answered' };
    },
  };
}

/**
 * HTTP-84: the client's headers, names lower-cased and repeated values joined with `,`, then the gateway's own:
 * `x-amzn-trace-id` and `x-forwarded-for/-port/-proto` as a Lambda event gets them (HTTP-21). UNVERIFIED: that AWS
 * sends exactly these to an HTTP backend.
 */
function forwardedHeaders(facts: HttpRequestFacts): Record<string, string> {
  const headers: Record<string, string> = {};
  const raw = facts.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    if (NOT_FORWARDED.has(name) || name.startsWith('x-forwarded-') || name === 'x-amzn-trace-id') continue;
    const value = raw[i + 1] as string;
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  headers['x-amzn-trace-id'] = facts.traceId;
  headers['x-forwarded-for'] = facts.sourceIp;
  headers['x-forwarded-port'] = String(facts.localPort);
  headers['x-forwarded-proto'] = facts.secure ? 'https' : 'http';
  return headers;
}

/**
 * HTTP-85, HTTP-86: the backend's answer as it is; a timeout is 503 `Service Unavailable` (HTTP-33), a backend that
 * cannot be reached or fails the exchange 500 `Internal Server Error`. UNVERIFIED: both statuses for HTTP_PROXY.
 */
export function httpProxyAnswer(outcome: IntegrationOutcome): GatewayResponse {
  if (outcome.kind === 'timed-out') return GATEWAY_RESPONSES.unavailable();
  if (outcome.kind !== 'answered') return GATEWAY_RESPONSES.internalError();
  const answer = outcome.payload as HttpBackendAnswer;
  const headers: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(answer.headers)) if (!NOT_RELAYED.has(name) && name !== 'set-cookie') headers.push([name, value]);
  for (const cookie of answer.setCookies ?? []) headers.push(['set-cookie', cookie]);
  return { statusCode: answer.statusCode, headers, body: answer.body };
}
