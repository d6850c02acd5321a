/** An HTTP API at run time: stage, route, CORS, throttling, Lambda proxy integration, response (HTTP-1..70). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../internal/http-io.ts';
import { INTEGRATION_TIMEOUT, invokeWithin } from '../lambda/integration-timeout.ts';
import { LAMBDA_MAX_PAYLOAD_BYTES } from '../limits.ts';
import type { HttpApiModel, HttpRouteModel } from '../model/types.ts';
import { TokenBucket } from '../throttle/token-bucket.ts';
import { applyCors, isPreflight, preflightResponse } from './cors.ts';
import { type ApiRuntimeSettings, logRequest, type RequestTrace, requestFacts, sendResponse, splitUrl } from './exchange.ts';
import { proxyResultV1ToResponse, requestToProxyEventV1 } from './payload-v1.ts';
import { proxyResultV2ToResponse, requestToProxyEventV2 } from './payload-v2.ts';
import type { ApiFacts } from './request.ts';
import { GATEWAY_RESPONSES, type GatewayResponse } from './responses.ts';
import { createRouter, type Router } from './router.ts';

export interface HttpRuntimeOptions extends ApiRuntimeSettings {
  api: HttpApiModel;
}

export class HttpRuntime {
  private readonly options: HttpRuntimeOptions;
  private readonly router: Router<HttpRouteModel>;
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly apiFacts: ApiFacts;
  private readonly stagePrefix: string | undefined;
  /** Asked of the log once per route: a route nobody logs builds no request line. */
  private readonly loggedRoutes = new Map<string, boolean>();
  private readonly logsUnrouted: boolean;
  private readonly logsAny: boolean;

  constructor(options: HttpRuntimeOptions) {
    this.options = options;
    const { api } = options;
    this.router = createRouter(api.routes);
    for (const route of api.routes) {
      // THR-2: the route's own settings, else the stage's defaults, else no bucket.
      const throttling = route.throttling ?? api.stage.throttling;
      if (throttling) this.buckets.set(route.key, new TokenBucket(throttling.rateLimit, throttling.burstLimit, options.clock));
      this.loggedRoutes.set(route.key, options.log.wantsRequestLines(route.function));
    }
    this.logsUnrouted = options.log.wantsRequestLines(undefined);
    this.logsAny = this.logsUnrouted || [...this.loggedRoutes.values()].includes(true);
    this.apiFacts = {
      apiId: options.apiId,
      accountId: options.accountId,
      stage: api.stage.name,
      stageVariables: Object.keys(api.stage.variables).length > 0 ? api.stage.variables : undefined,
    };
    this.stagePrefix = api.stage.name === '$default' ? undefined : `/${api.stage.name}`;
  }

  handle(request: IncomingMessage, response: ServerResponse): void {
    const trace: RequestTrace | undefined = this.logsAny ? { startedAt: this.options.clock.now(), routeKey: undefined } : undefined;
    const handled = this.respond(request, response, trace).catch((error: unknown) => {
      this.options.log.error(`internal error in the HTTP runtime: ${(error as Error).stack ?? error}`);
      if (!response.headersSent) this.send(response, '', GATEWAY_RESPONSES.internalError());
      else response.destroy();
    });
    if (trace) handled.then(() => this.logRequest(request, response, trace));
  }

  private logRequest(request: IncomingMessage, response: ServerResponse, trace: RequestTrace): void {
    const logged = trace.routeKey === undefined ? this.logsUnrouted : this.loggedRoutes.get(trace.routeKey);
    if (logged) logRequest(this.options, this.options.api, request, response, trace);
  }

  /** HTTP-1: the stage-relative path, or `undefined` when the path is not under the stage. */
  private stagePath(rawPath: string): string | undefined {
    if (!this.stagePrefix) return rawPath;
    if (rawPath === this.stagePrefix) return '/';
    return rawPath.startsWith(`${this.stagePrefix}/`) ? rawPath.slice(this.stagePrefix.length) : undefined;
  }

  private async respond(request: IncomingMessage, response: ServerResponse, trace: RequestTrace | undefined): Promise<void> {
    const { ids, clock, api } = this.options;
    const requestId = ids.gatewayId();
    const { rawPath } = splitUrl(request.url);
    const method = request.method ?? 'GET';
    const origin = request.headers.origin;
    const cors = api.cors;
    const finish = (result: GatewayResponse) => this.send(response, requestId, cors ? applyCors(cors, origin, result) : result);

    const path = this.stagePath(rawPath);
    if (path === undefined) {
      request.resume();
      return finish(GATEWAY_RESPONSES.notFound());
    }
    // HTTP-51: a preflight no route takes is answered by the gateway.
    const requestMethod = request.headers['access-control-request-method'] as string | undefined;
    if (cors && isPreflight(method, origin, requestMethod) && !this.router.match('OPTIONS', path)) {
      request.resume();
      return this.send(response, requestId, preflightResponse(cors, origin as string, request.headers['access-control-request-headers'] as string | undefined));
    }
    const match = this.router.match(method, path);
    if (!match) {
      request.resume();
      return finish(GATEWAY_RESPONSES.notFound());
    }
    if (trace) trace.routeKey = match.route.key;
    // THR-1: a throttled request consumes nothing and reaches no integration.
    const bucket = this.buckets.get(match.route.key);
    if (bucket && !bucket.take()) {
      request.resume();
      return finish(GATEWAY_RESPONSES.throttled());
    }
    const body = await readBody(request, LAMBDA_MAX_PAYLOAD_BYTES);
    if (body.kind === 'aborted') return;
    if (body.kind === 'too-large') {
      response.setHeader('connection', 'close');
      finish(GATEWAY_RESPONSES.tooLarge());
      request.destroy();
      return;
    }

    const facts = requestFacts(request, body.body, requestId, clock, ids, this.options.domainNameOf);
    const route = match.route;
    const event =
      route.payloadFormatVersion === '2.0'
        ? requestToProxyEventV2(facts, this.apiFacts, route.key, match.pathParameters)
        : requestToProxyEventV1(facts, this.apiFacts, match.pathParameters, {
            lowercaseHeaders: true,
            version: true,
            // UNVERIFIED Choice: `$default` as the resource of the default route.
            resource: route.key === '$default' ? '$default' : route.key.slice(route.key.indexOf(' ') + 1),
            path,
            requestId,
          });
    const outcome = await invokeWithin(this.options.invoker, route.function, event, route.integrationTimeoutMs);
    // HTTP-33: a timed-out integration is 503; any function failure 500.
    if (outcome === INTEGRATION_TIMEOUT) return finish(GATEWAY_RESPONSES.unavailable());
    if (outcome.kind !== 'ok') return finish(GATEWAY_RESPONSES.internalError());
    const result = route.payloadFormatVersion === '2.0' ? proxyResultV2ToResponse(outcome.payload) : proxyResultV1ToResponse(outcome.payload);
    finish(result ?? GATEWAY_RESPONSES.internalError());
  }

  /** HTTP-32: `apigw-requestid` on every response. */
  private send(response: ServerResponse, requestId: string, result: GatewayResponse): void {
    sendResponse(response, result, requestId ? [['apigw-requestid', requestId]] : []);
  }
}
