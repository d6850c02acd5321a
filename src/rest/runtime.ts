/** A REST API at run time: resources and methods, Lambda proxy and Lambda custom integrations (REST-1..20). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiRuntimeSettings, logRequest, type RequestTrace, requestFacts, sendResponse, splitUrl } from '../http/exchange.ts';
import { proxyResultV1ToResponse, requestToProxyEventV1 } from '../http/payload-v1.ts';
import type { ApiFacts } from '../http/request.ts';
import { headerValue } from '../http/request.ts';
import type { GatewayResponse } from '../http/responses.ts';
import { createRouter, type Router } from '../http/router.ts';
import { readBody } from '../internal/http-io.ts';
import { stringifyJson } from '../internal/json.ts';
import { INTEGRATION_TIMEOUT, invokeWithin } from '../lambda/integration-timeout.ts';
import { LAMBDA_MAX_PAYLOAD_BYTES } from '../limits.ts';
import type { RestApiModel, RestMethodModel } from '../model/types.ts';
import { mapResponseParameters, passthroughEvent, selectIntegrationResponse } from './custom-integration.ts';
import { REST_RESPONSES } from './responses.ts';

export interface RestRuntimeOptions extends ApiRuntimeSettings {
  api: RestApiModel;
}

interface MethodRoute {
  key: string;
  resourcePath: string;
  method: RestMethodModel;
}

/** REST-4: `type/subtype`, `type/*` or `*\/*`. */
function mediaTypeMatches(patterns: readonly string[], contentType: string | undefined): boolean {
  if (!contentType || patterns.length === 0) return false;
  const type = (contentType.split(';')[0] as string).trim().toLowerCase();
  return patterns.some((pattern) => pattern === '*/*' || pattern === type || (pattern.endsWith('/*') && type.startsWith(pattern.slice(0, -1))));
}

export class RestRuntime {
  private readonly options: RestRuntimeOptions;
  private readonly router: Router<MethodRoute>;
  private readonly apiFacts: ApiFacts;
  private readonly stagePrefix: string;
  /** Asked of the log once per method: a method nobody logs builds no request line. */
  private readonly loggedRoutes = new Map<string, boolean>();
  private readonly logsUnrouted: boolean;
  private readonly logsAny: boolean;

  constructor(options: RestRuntimeOptions) {
    this.options = options;
    const { api } = options;
    // REST-3: resources and methods route like HTTP API keys: literal over {name} over {proxy+}, exact method over ANY.
    this.router = createRouter(
      api.resources.flatMap((resource) =>
        resource.methods.map((method) => ({ key: `${method.httpMethod} ${resource.path}`, resourcePath: resource.path, method })),
      ),
    );
    this.apiFacts = {
      apiId: options.apiId,
      accountId: options.accountId,
      stage: api.stage.name,
      stageVariables: Object.keys(api.stage.variables).length > 0 ? api.stage.variables : undefined,
    };
    this.stagePrefix = `/${api.stage.name}`;
    for (const resource of api.resources)
      for (const method of resource.methods) this.loggedRoutes.set(`${method.httpMethod} ${resource.path}`, options.log.wantsRequestLines(method.function));
    this.logsUnrouted = options.log.wantsRequestLines(undefined);
    this.logsAny = this.logsUnrouted || [...this.loggedRoutes.values()].includes(true);
  }

  handle(request: IncomingMessage, response: ServerResponse): void {
    const trace: RequestTrace | undefined = this.logsAny ? { startedAt: this.options.clock.now(), routeKey: undefined } : undefined;
    const handled = this.respond(request, response, trace).catch((error: unknown) => {
      this.options.log.error(`internal error in the REST runtime: ${(error as Error).stack ?? error}`);
      if (!response.headersSent) this.send(response, '', REST_RESPONSES.internalError());
      else response.destroy();
    });
    if (trace) handled.then(() => this.logRequest(request, response, trace));
  }

  private logRequest(request: IncomingMessage, response: ServerResponse, trace: RequestTrace): void {
    const logged = trace.routeKey === undefined ? this.logsUnrouted : this.loggedRoutes.get(trace.routeKey);
    if (logged) logRequest(this.options, this.options.api, request, response, trace);
  }

  private async respond(request: IncomingMessage, response: ServerResponse, trace: RequestTrace | undefined): Promise<void> {
    const { ids, clock, api } = this.options;
    // REST-1: REST request ids are UUIDs; the extended id has the GEN-1 shape.
    const requestId = ids.uuid();
    const { rawPath } = splitUrl(request.url);
    const method = request.method ?? 'GET';
    const path = rawPath === this.stagePrefix ? '/' : rawPath.startsWith(`${this.stagePrefix}/`) ? rawPath.slice(this.stagePrefix.length) : undefined;
    // REST-3: anything without a resource and method is 403 Missing Authentication Token. UNVERIFIED for an unknown stage.
    const match = path === undefined ? undefined : this.router.match(method, path);
    if (!match || path === undefined) {
      request.resume();
      return this.send(response, requestId, REST_RESPONSES.missingAuthenticationToken());
    }
    if (trace) trace.routeKey = match.route.key;
    const body = await readBody(request, LAMBDA_MAX_PAYLOAD_BYTES);
    if (body.kind === 'aborted') return;
    if (body.kind === 'too-large') {
      response.setHeader('connection', 'close');
      this.send(response, requestId, REST_RESPONSES.tooLarge());
      request.destroy();
      return;
    }
    const { resourcePath, method: model } = match.route;
    const facts = requestFacts(request, body.body, ids.gatewayId(), clock, ids, this.options.domainNameOf);
    if (model.integration === 'AWS_PROXY') {
      const event = requestToProxyEventV1(facts, this.apiFacts, match.pathParameters, {
        lowercaseHeaders: false,
        version: false,
        resource: resourcePath,
        path,
        requestId,
        isBinary: (contentType) => mediaTypeMatches(api.binaryMediaTypes, contentType),
      });
      const outcome = await invokeWithin(this.options.invoker, model.function, event, model.integrationTimeoutMs);
      if (outcome === INTEGRATION_TIMEOUT) return this.send(response, requestId, REST_RESPONSES.timeout());
      // REST-2: Lambda refusing the invocation is 500; a function error 502.
      if (outcome.kind === 'throttled' || outcome.kind === 'rejected') return this.send(response, requestId, REST_RESPONSES.internalError());
      if (outcome.kind !== 'ok') return this.send(response, requestId, REST_RESPONSES.badGateway());
      const acceptsBinary = mediaTypeMatches(api.binaryMediaTypes, headerValue(request.rawHeaders, 'accept'));
      return this.send(response, requestId, proxyResultV1ToResponse(outcome.payload, acceptsBinary) ?? REST_RESPONSES.badGateway());
    }

    // REST-10: without mapping templates the request body is passed through.
    const outcome = await invokeWithin(this.options.invoker, model.function, passthroughEvent(body.body), model.integrationTimeoutMs);
    if (outcome === INTEGRATION_TIMEOUT) return this.send(response, requestId, REST_RESPONSES.timeout());
    // REST-2: Lambda refusing the invocation (throttled, or an event it cannot parse, e.g. nested too deep) is 500.
    if (outcome.kind === 'throttled' || outcome.kind === 'rejected') return this.send(response, requestId, REST_RESPONSES.internalError());
    const { response: selected, body: result } = selectIntegrationResponse(
      model,
      outcome.kind === 'ok' ? { ok: true, payload: outcome.payload } : { ok: false, error: outcome.error },
    );
    const headers = mapResponseParameters(selected.responseParameters, {
      body: result,
      context: { requestId, stage: api.stage.name, apiId: this.options.apiId, resourcePath, httpMethod: method },
      stageVariables: api.stage.variables,
    });
    // REST-12: without a response template the integration's JSON is the body.
    const answer: GatewayResponse = {
      statusCode: Number(selected.statusCode),
      headers: [['content-type', 'application/json'], ...headers],
      body: Buffer.from(stringifyJson(result)),
    };
    this.send(response, requestId, answer);
  }

  private send(response: ServerResponse, requestId: string, result: GatewayResponse): void {
    sendResponse(response, result, requestId ? [['x-amzn-RequestId', requestId]] : []);
  }
}
