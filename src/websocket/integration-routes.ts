/**
 * MAP-20..22: the API's message routes whose integration is not a Lambda proxy (MOCK, Lambda custom, HTTP,
 * HTTP_PROXY), compiled once; absent when there are none, so other APIs pay nothing.
 */
import {
  type BackendAnswer,
  compileMockRoute,
  compileTemplatedRoute,
  type HttpBackendAnswer,
  httpIntegration,
  type Integration,
  lambdaIntegration,
  type OutboundHttpRequest,
  type TemplatedBackend,
  type TemplatedReply,
} from '../integrations/index.ts';
import { type Clock, formatClfTime } from '../internal/clock.ts';
import type { Invoker } from '../lambda/invoker.ts';
import type { TemplateInputs } from '../mapping/index.ts';
import type { WebSocketApiModel, WebSocketHttpTarget, WebSocketRouteModel } from '../model/types.ts';
import type { ConnectionFacts } from './events.ts';
import { compileRequestParameters, type RequestParameters } from './request-parameters.ts';

/** A message route answered through its integration's mapping; `respond` never rejects. */
export interface IntegrationRoute {
  respond(inputs: TemplateInputs): Promise<TemplatedReply>;
}

export interface IntegrationRouteSettings {
  invoker: Invoker;
  clock: Clock;
  /** MAP-30: told at start of template directives that render nothing. */
  warn: (message: string) => void;
}

export function integrationRoutes(api: WebSocketApiModel, settings: IntegrationRouteSettings): Map<string, IntegrationRoute> | undefined {
  let routes: Map<string, IntegrationRoute> | undefined;
  api.routes.forEach((route, index) => {
    if (route.integration === undefined) return;
    routes ??= new Map();
    routes.set(route.key, integrationRoute(route, api, settings, `routes[${index}] ("${route.key}").integration`));
  });
  return routes;
}

function integrationRoute(route: WebSocketRouteModel, api: WebSocketApiModel, settings: IntegrationRouteSettings, where: string): IntegrationRoute {
  const integration = route.integration as NonNullable<WebSocketRouteModel['integration']>;
  const timeoutMs = route.integrationTimeoutMs;
  const warn = (message: string) => settings.warn(`WebSocket API ${api.name}: ${message}`);
  switch (integration.type) {
    case 'MOCK':
      return compileMockRoute(integration, where, warn);
    case 'AWS': {
      const lambda = lambdaIntegration({ type: 'AWS', invoker: settings.invoker, functionName: route.function as string, timeoutMs, clock: settings.clock });
      return compileTemplatedRoute(integration, lambdaCustomBackend(lambda), where, warn);
    }
    case 'HTTP':
      return compileTemplatedRoute(integration, httpBackend(integration, api, settings.clock, timeoutMs, 'HTTP'), where, warn);
    case 'HTTP_PROXY':
      return httpProxyRoute(httpBackend(integration, api, settings.clock, timeoutMs, 'HTTP_PROXY'));
  }
}

/**
 * MAP-20, MAP-21 for Lambda: the rendered request is the event; a success is the `$default` integration response's,
 * a function error's `errorMessage` is matched against the `/regex/` keys, and `$input` is the result's JSON.
 */
function lambdaCustomBackend(lambda: Integration): TemplatedBackend {
  return {
    async send(request) {
      let event: unknown;
      try {
        event = JSON.parse(String(request));
      } catch {
        return {
          kind: 'failed',
          error: { errorType: 'MappingTemplateError', errorMessage: 'the integration request is not JSON, so Lambda cannot take it as an event', trace: [] },
        };
      }
      const outcome = await lambda.call(event);
      if (outcome.kind === 'timed-out') return outcome;
      if (outcome.kind === 'refused') return { kind: 'failed', error: outcome.error };
      if (outcome.kind === 'failed') {
        const { errorType, errorMessage, trace } = outcome.error;
        const text = JSON.stringify({ errorType, errorMessage, trace });
        return { kind: 'answered', key: errorMessage, status: '200', input: text, data: text, isError: true };
      }
      const text = JSON.stringify(outcome.payload) ?? 'null';
      return { kind: 'answered', key: '', status: '200', input: text, data: text };
    },
  };
}

/** `${stageVariables.<name>}` in an IntegrationUri, replaced once at start. */
const withStageVariables = (uri: string, variables: Readonly<Record<string, string>>): string =>
  uri.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, name: string) => variables[name] ?? '');

/** HTTP and HTTP_PROXY: the request to the URL with the mapped headers and query; the status code is the key. */
function httpBackend(target: WebSocketHttpTarget, api: WebSocketApiModel, clock: Clock, timeoutMs: number, type: 'HTTP' | 'HTTP_PROXY'): TemplatedBackend {
  const http = httpIntegration({ type, timeoutMs, clock });
  const url = withStageVariables(target.integrationUri, api.stage.variables);
  const method = target.integrationMethod.toUpperCase();
  const parameters: RequestParameters = compileRequestParameters(target.requestParameters);
  return {
    async send(request, inputs) {
      const mapped = parameters.evaluate(inputs);
      // UNVERIFIED: the integration request is sent as JSON unless a mapping names its Content-Type.
      const headers = { 'content-type': 'application/json', ...mapped.headers };
      const outbound: OutboundHttpRequest = {
        method,
        url: mapped.query === '' ? url : `${url}${url.includes('?') ? '&' : '?'}${mapped.query}`,
        headers,
        body: request,
      };
      const outcome = await http.call(outbound);
      if (outcome.kind === 'timed-out') return outcome;
      if (outcome.kind !== 'answered') return { kind: 'failed', error: outcome.error };
      const answer = outcome.payload as HttpBackendAnswer;
      const status = String(answer.statusCode);
      return { kind: 'answered', key: status, status, headers: answer.headers, input: answer.body.toString('utf8'), data: answer.body };
    },
  };
}

/** HTTP_PROXY: the message goes as it is; the backend's body, whatever its status, is the route response (UNVERIFIED). */
function httpProxyRoute(backend: TemplatedBackend): IntegrationRoute {
  return {
    async respond(inputs) {
      const answer: BackendAnswer = await backend.send(inputs.body, inputs);
      if (answer.kind !== 'answered') return answer;
      const body = answer.input;
      return body === '' ? { kind: 'no-reply' } : { kind: 'reply', data: body };
    },
  };
}

/** MAP-30: what a message's templates see as `$input`, `$context` and `$stageVariables`. */
export function messageTemplateInputs(
  facts: ConnectionFacts,
  routeKey: string,
  text: string,
  requestId: string,
  messageId: string,
  epochMs: number,
): TemplateInputs {
  return {
    body: text,
    context: {
      connectionId: facts.connectionId,
      connectedAt: facts.connectedAt,
      routeKey,
      requestId,
      extendedRequestId: requestId,
      messageId,
      eventType: 'MESSAGE',
      stage: facts.stage,
      apiId: facts.apiId,
      domainName: facts.domainName,
      requestTimeEpoch: epochMs,
      requestTime: formatClfTime(epochMs),
      ...(facts.authorizer ? { authorizer: facts.authorizer } : {}),
      identity: { sourceIp: facts.sourceIp, userAgent: facts.userAgent ?? '' },
    },
    stageVariables: facts.stageVariables ?? {},
  };
}
