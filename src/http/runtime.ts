/**
 * An HTTP API at run time (HTTP-1..86), a pipeline of small stages: stage path → CORS preflight → route → throttle →
 * body → authorization → request mapping → event or proxied request → integration → response mapping → response
 * shaping with the CORS headers.
 */

import { type Integration, lambdaIntegration } from '../integrations/index.ts';
import type { EdgeHandler, EdgeRequest, GatewayResponse } from '../internal/edge/values.ts';
import { splitTarget } from '../internal/edge/values.ts';
import type { HttpApiModel } from '../model/types.ts';
import { apiFactsOf, type RequestTrace, readApiBody, requestFacts, serveApi, stageRelativePath, withGatewayHeader } from '../surface/index.ts';
import { routeBuckets } from '../throttle/route-buckets.ts';
import type { AuthorizationVerdict } from './authorization.ts';
import { type AuthorizationSettings, routeAuthorizations } from './authorizations.ts';
import { applyCors, isPreflight, preflightResponse } from './cors.ts';
import { httpProxyEvent } from './event.ts';
import { type HttpProxyRoute, httpProxyAnswer, httpProxyRoute } from './http-proxy.ts';
import { httpAnswer, httpAnswerOrUndefined } from './outcome.ts';
import { GATEWAY_RESPONSES } from './responses.ts';
import { type MappingScope, mappingAuthorizer, mapRequest, mapResponse, routeMappings } from './route-mappings.ts';
import { createRouter } from './router.ts';

export interface HttpRuntimeOptions extends AuthorizationSettings {
  api: HttpApiModel;
}

export function createHttpApi(options: HttpRuntimeOptions): EdgeHandler {
  const { api, clock, ids, invoker } = options;
  const router = createRouter(api.routes);
  // THR-2: the route's own settings, else the stage's defaults, else no bucket.
  const buckets = routeBuckets(api.routes, api.stage.throttling, clock);
  // HTTP-83: an HTTP_PROXY route forwards to its URL; every other route invokes its function.
  // Undefined when no route has one, so an API of Lambda routes looks nothing up for it per request.
  let proxies: Map<string, HttpProxyRoute> | undefined;
  const integrations = new Map<string, Integration>();
  for (const route of api.routes) {
    if (route.integration) {
      proxies ??= new Map();
      proxies.set(route.key, httpProxyRoute(route, api.stage.variables, clock));
    } else
      integrations.set(
        route.key,
        lambdaIntegration({ type: 'AWS_PROXY', invoker, functionName: route.function as string, timeoutMs: route.integrationTimeoutMs, clock }),
      );
  }
  // HTTP-80, HTTP-81: undefined when no route maps parameters, so such APIs pay nothing per request.
  const mappings = routeMappings(api);
  const apiFacts = apiFactsOf(options, api.stage);
  const stagePrefix = api.stage.name === '$default' ? undefined : `/${api.stage.name}`;
  const cors = api.cors;
  // AUTH-20..40: undefined when no route is authorized, so such APIs pay nothing per request.
  const authorizations = routeAuthorizations(api, options);

  async function pipeline(request: EdgeRequest, trace: RequestTrace): Promise<GatewayResponse | undefined> {
    const requestId = ids.gatewayId();
    const origin = request.headers.origin;
    // HTTP-32: `apigw-requestid` on every response; HTTP-52: the CORS headers on every answer but a preflight's.
    const answer = (result: GatewayResponse) => withGatewayHeader(cors ? applyCors(cors, origin, result) : result, 'apigw-requestid', requestId);

    const path = stageRelativePath(splitTarget(request.target).rawPath, stagePrefix);
    if (path === undefined) return answer(GATEWAY_RESPONSES.notFound());
    // HTTP-51: a preflight no route takes is answered by the gateway.
    const requestMethod = request.headers['access-control-request-method'] as string | undefined;
    if (cors && isPreflight(request.method, origin, requestMethod) && !router.match('OPTIONS', path)) {
      const preflight = preflightResponse(cors, origin as string, request.headers['access-control-request-headers'] as string | undefined);
      return withGatewayHeader(preflight, 'apigw-requestid', requestId);
    }
    const match = router.match(request.method, path);
    if (!match) return answer(GATEWAY_RESPONSES.notFound());
    const { route, pathParameters } = match;
    trace.routeKey = route.key;
    // THR-1: a throttled request consumes nothing and reaches no integration.
    const bucket = buckets.get(route.key);
    if (bucket && !bucket.take()) return answer(GATEWAY_RESPONSES.throttled());
    const body = await readApiBody(request, GATEWAY_RESPONSES.tooLarge);
    if (body.kind === 'aborted') return undefined;
    if (body.kind === 'answered') return answer(body.response);

    const facts = requestFacts(request, body.body, requestId, options);
    const authorization = authorizations?.get(route.key);
    let verdict: AuthorizationVerdict | undefined;
    if (authorization) {
      verdict = await authorization.authorize({ facts, api: apiFacts, route, pathParameters, path });
      if (verdict.kind === 'deny') return answer(verdict.response);
    }
    const mapping = mappings?.get(route.key);
    const scope: MappingScope | undefined = mapping && {
      facts,
      api: apiFacts,
      route,
      pathParameters,
      path,
      authorizer: verdict?.kind === 'allow' ? mappingAuthorizer(verdict.authorizer('2.0')) : undefined,
    };
    const mapped = mapping?.request ? mapRequest(mapping.request, scope as MappingScope) : undefined;
    const integrationFacts = mapped?.facts ?? facts;

    let response: GatewayResponse;
    let answered: boolean;
    const proxy = proxies?.get(route.key);
    if (proxy) {
      const outbound = proxy.outbound({ facts: integrationFacts, pathParameters, mappedPath: mapped?.mappedPath });
      const outcome = await proxy.integration.call(outbound);
      // HTTP-86: an unreachable or hanging backend is logged with the request id; no other request is affected.
      if (outcome.kind === 'timed-out')
        options.log.warn(
          `HTTP API ${api.name}, request ${requestId}: route "${route.key}": ${outbound.method} ${outbound.url} timed out after ${route.integrationTimeoutMs} ms`,
        );
      else if (outcome.kind !== 'answered') options.log.warn(`HTTP API ${api.name}, request ${requestId}: route "${route.key}": ${outcome.error.errorMessage}`);
      answered = outcome.kind === 'answered';
      response = httpProxyAnswer(outcome);
    } else {
      const event = httpProxyEvent(integrationFacts, apiFacts, { route, pathParameters, path: mapped?.mappedPath ?? path });
      if (verdict?.kind === 'allow') {
        const authorizer = verdict.authorizer(route.payloadFormatVersion);
        const { requestContext } = event as { requestContext: Record<string, unknown> };
        if (authorizer !== undefined) requestContext.authorizer = authorizer;
        if (verdict.identity && route.payloadFormatVersion === '1.0') Object.assign(requestContext.identity as object, verdict.identity);
      }
      const outcome = await (integrations.get(route.key) as Integration).call(event);
      const result = httpAnswerOrUndefined(route, outcome);
      answered = result !== undefined;
      response = result ?? httpAnswer(route, outcome);
    }
    if (!answered || !mapping?.response) return answer(response);
    const remapped = mapResponse(mapping.response, response, scope as MappingScope);
    if (!remapped) {
      options.log.warn(
        `HTTP API ${api.name}, request ${requestId}: route "${route.key}": overwrite:statuscode for status ${response.statusCode} is not a status code`,
      );
      return answer(GATEWAY_RESPONSES.internalError());
    }
    return answer(remapped);
  }

  return serveApi({
    kind: 'HTTP',
    api,
    clock,
    log: options.log,
    routeFunctions: api.routes.map((route): [string, string | undefined] => [route.key, route.function]),
    internalError: GATEWAY_RESPONSES.internalError,
    pipeline,
  });
}
