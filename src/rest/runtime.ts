/**
 * A REST API at run time (REST-1..20), a pipeline of small stages: stage path → resource and method → throttle →
 * body → Lambda proxy or Lambda custom integration → response.
 */
import { createRouter, headerValue, requestToProxyEventV1 } from '../http/index.ts';
import { type Integration, lambdaIntegration } from '../integrations/index.ts';
import type { EdgeHandler, EdgeRequest, GatewayResponse } from '../internal/edge/values.ts';
import { splitTarget } from '../internal/edge/values.ts';
import type { RestApiModel, RestMethodModel, ThrottlingModel } from '../model/types.ts';
import {
  type ApiRuntimeSettings,
  apiFactsOf,
  type RequestTrace,
  readApiBody,
  requestFacts,
  serveApi,
  stageRelativePath,
  withGatewayHeader,
} from '../surface/index.ts';
import { routeBuckets } from '../throttle/route-buckets.ts';
import { passthroughEvent } from './custom-integration.ts';
import { restCustomAnswer, restProxyAnswer } from './outcome.ts';
import { REST_RESPONSES } from './responses.ts';

export interface RestRuntimeOptions extends ApiRuntimeSettings {
  api: RestApiModel;
}

interface MethodRoute {
  key: string;
  resourcePath: string;
  method: RestMethodModel;
  throttling: ThrottlingModel | undefined;
  integration: Integration;
}

/** REST-4: `type/subtype`, `type/*` or `*\/*`. */
function mediaTypeMatches(patterns: readonly string[], contentType: string | undefined): boolean {
  if (!contentType || patterns.length === 0) return false;
  const type = (contentType.split(';')[0] as string).trim().toLowerCase();
  return patterns.some((pattern) => pattern === '*/*' || pattern === type || (pattern.endsWith('/*') && type.startsWith(pattern.slice(0, -1))));
}

export function createRestApi(options: RestRuntimeOptions): EdgeHandler {
  const { api, clock, ids, invoker } = options;
  const methods: MethodRoute[] = api.resources.flatMap((resource) =>
    resource.methods.map((method) => ({
      key: `${method.httpMethod} ${resource.path}`,
      resourcePath: resource.path,
      method,
      throttling: method.throttling,
      integration: lambdaIntegration({ type: method.integration, invoker, functionName: method.function, timeoutMs: method.integrationTimeoutMs, clock }),
    })),
  );
  // REST-3: resources and methods route like HTTP API keys: literal over {name} over {proxy+}, exact method over ANY.
  const router = createRouter(methods);
  // THR-2: the method's own settings, else the stage's defaults, else no bucket.
  const buckets = routeBuckets(methods, api.stage.throttling, clock);
  const apiFacts = apiFactsOf(options, api.stage);
  const stagePrefix = `/${api.stage.name}`;

  async function pipeline(request: EdgeRequest, trace: RequestTrace): Promise<GatewayResponse | undefined> {
    // REST-1: REST request ids are UUIDs; the extended id has the GEN-1 shape.
    const requestId = ids.uuid();
    const answer = (result: GatewayResponse) => withGatewayHeader(result, 'x-amzn-RequestId', requestId);
    const path = stageRelativePath(splitTarget(request.target).rawPath, stagePrefix);
    // REST-3: anything without a resource and method is 403 Missing Authentication Token. UNVERIFIED for an unknown stage.
    const match = path === undefined ? undefined : router.match(request.method, path);
    if (!match || path === undefined) return answer(REST_RESPONSES.missingAuthenticationToken());
    const { key, resourcePath, method, integration } = match.route;
    trace.routeKey = key;
    // THR-1: a throttled request consumes nothing and reaches no integration.
    const bucket = buckets.get(key);
    if (bucket && !bucket.take()) return answer(REST_RESPONSES.throttled());
    const body = await readApiBody(request, REST_RESPONSES.tooLarge);
    if (body.kind === 'aborted') return undefined;
    if (body.kind === 'answered') return answer(body.response);

    if (method.integration === 'AWS_PROXY') {
      const facts = requestFacts(request, body.body, ids.gatewayId(), options);
      const event = requestToProxyEventV1(facts, apiFacts, match.pathParameters, {
        lowercaseHeaders: false,
        version: false,
        resource: resourcePath,
        path,
        requestId,
        isBinary: (contentType) => mediaTypeMatches(api.binaryMediaTypes, contentType),
      });
      const outcome = await integration.call(event);
      return answer(restProxyAnswer(outcome, mediaTypeMatches(api.binaryMediaTypes, headerValue(request.rawHeaders, 'accept'))));
    }
    // REST-10: without mapping templates the request body is passed through.
    const outcome = await integration.call(passthroughEvent(body.body));
    const context = { requestId, stage: api.stage.name, apiId: options.apiId, resourcePath, httpMethod: request.method };
    return answer(restCustomAnswer(method, outcome, { context, stageVariables: api.stage.variables }));
  }

  return serveApi({
    kind: 'REST',
    api,
    clock,
    log: options.log,
    routeFunctions: methods.map((route) => [route.key, route.method.function]),
    internalError: REST_RESPONSES.internalError,
    pipeline,
  });
}
