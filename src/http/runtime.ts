/**
 * An HTTP API at run time (HTTP-1..86), a pipeline of small stages: stage path → CORS preflight → route → throttle →
 * body → authorization → request mapping → event or proxied request → integration → response mapping → response
 * shaping with the CORS headers.
 */

import { type Integration, type IntegrationOutcome, lambdaIntegration } from '../integrations/index.ts';
import type { EdgeHandler, EdgeRequest, GatewayResponse } from '../internal/edge/values.ts';
import { splitTarget } from '../internal/edge/values.ts';
import type { HttpApiModel, HttpRouteModel } from '../model/types.ts';
import { apiFactsOf, type RequestTrace, readApiBody, requestFacts, serveApi, stageRelativePath, withGatewayHeader } from '../surface/index.ts';
import { routeBuckets } from '../throttle/route-buckets.ts';
import type { AuthorizationVerdict } from './authorization.ts';
import { type AuthorizationSettings, routeAuthorizations } from './authorizations.ts';
import { applyCors, isPreflight, preflightResponse } from './cors.ts';
import { httpProxyEvent } from './event.ts';
import { type HttpProxyRoute, httpProxyRoute } from './http-proxy.ts';
import { httpAnswer, httpAnswerOrUndefined } from './outcome.ts';
import type { HttpRequestFacts } from './request.ts';
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
      proxies.set(route.key, httpProxyRoute(route, api.stage.variables, clock, options.log));
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

  /** The route's Lambda proxy integration, called with the authorizer's output in the event. */
  function invokeFunction(
    route: HttpRouteModel,
    facts: HttpRequestFacts,
    pathParameters: Record<string, string> | undefined,
    path: string,
    verdict: AuthorizationVerdict | undefined,
  ): Promise<IntegrationOutcome> {
    const event = httpProxyEvent(facts, apiFacts, { route, pathParameters, path });
    if (verdict?.kind === 'allow') {
      const authorizer = verdict.authorizer(route.payloadFormatVersion);
      const { requestContext } = event as { requestContext: Record<string, unknown> };
      if (authorizer !== undefined) requestContext.authorizer = authorizer;
      if (verdict.identity && route.payloadFormatVersion === '1.0') Object.assign(requestContext.identity as object, verdict.identity);
    }
    return (integrations.get(route.key) as Integration).call(event);
  }

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

    const proxy = proxies?.get(route.key);
    let response: GatewayResponse;
    // Whether the response is the integration's own answer, which response mappings apply to.
    let answered: boolean;
    if (proxy) {
      ({ response, answered } = await proxy.call(
        { facts: integrationFacts, pathParameters, mappedPath: mapped?.mappedPath },
        `HTTP API ${api.name}, request ${requestId}: route "${route.key}"`,
      ));
    } else {
      const outcome = await invokeFunction(route, integrationFacts, pathParameters, mapped?.mappedPath ?? path, verdict);
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
