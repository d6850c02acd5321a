/**
 * REST methods with a mapped integration (AWS, MOCK, HTTP): the request template chosen by Content-Type or the body
 * passed through (REST-10), the backend called, an integration response chosen (REST-11, REST-52, REST-53), its
 * parameters mapped (REST-12) and its template chosen by Accept (REST-13). Compiled once per method.
 */
import { type HttpBackendAnswer, httpIntegration, type Integration, lambdaIntegration, mockIntegration } from '../integrations/index.ts';
import type { Clock } from '../internal/clock.ts';
import type { GatewayResponse } from '../internal/edge/values.ts';
import { stringifyJson } from '../internal/json.ts';
import type { Invoker } from '../lambda/invoker.ts';
import { compileTemplate, type MappingTemplate, type RequestParams, type RestTemplateContext } from '../mapping/index.ts';
import type { RestIntegrationResponseModel, RestMethodModel } from '../model/types.ts';
import { mapResponseParameters, passthroughEvent, selectIntegrationResponse } from './custom-integration.ts';
import type { GatewayError } from './gateway-responses.ts';
import { integrationRequestTarget } from './integration-request.ts';
import type { ErrorAnswer } from './outcome.ts';
import { REST_ERRORS } from './responses.ts';
import { mediaTypeMatches, passesThrough, requestTemplateFor, responseTemplateFor } from './template-selection.ts';

/** What a mapped method reads of one request. */
export interface MappedRequest {
  method: string;
  body: Buffer | undefined;
  contentType: string | undefined;
  accept: string | undefined;
  params: RequestParams;
  context: RestTemplateContext;
  /** REST-54: the query string and headers exactly as sent. */
  rawQuery: string;
  rawHeaders: readonly string[];
}

export interface MappedMethod {
  /** Never rejects: every failure is a gateway response, logged with the request id. */
  respond(request: MappedRequest, fail: ErrorAnswer): Promise<GatewayResponse>;
}

export interface MappedMethodSettings {
  invoker: Invoker;
  clock: Clock;
  stageVariables: Readonly<Record<string, string>>;
  /** REST-4, REST-57: which requests and responses are binary. */
  binaryMediaTypes: readonly string[];
  /** Logs a failure the client only sees as a gateway response. */
  log: (message: string) => void;
}

/** What a backend said, in the terms integration responses are chosen by. */
type BackendResult =
  | {
      kind: 'answered';
      response: RestIntegrationResponseModel;
      /** `$input` of the response template. */
      input: string;
      /** The body when the chosen response has no template. */
      data: Buffer;
      /** The integration's result as JSON, for `integration.response.body.*` (REST-12). */
      json: unknown;
      headers: Readonly<Record<string, string>>;
    }
  | { kind: 'error'; error: GatewayError; why?: string };

type Backend = (request: string | Buffer, mapped: MappedRequest, template: string | undefined) => Promise<BackendResult>;

const fullMatch = (pattern: string) => new RegExp(`^(?:${pattern})$`);

/** REST-52, REST-53: by status code: the first response whose selectionPattern matches it in full, else the default. */
function byStatus(responses: readonly RestIntegrationResponseModel[]): (status: number) => RestIntegrationResponseModel {
  const patterns = responses
    .filter((response) => response.selectionPattern !== undefined)
    .map((response) => ({ response, pattern: fullMatch(response.selectionPattern as string) }));
  const fallback = responses.find((response) => response.selectionPattern === undefined) as RestIntegrationResponseModel;
  return (status) => patterns.find(({ pattern }) => pattern.test(String(status)))?.response ?? fallback;
}

function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function lambdaBackend(method: RestMethodModel, lambda: Integration): Backend {
  return async (request) => {
    // REST-10: the rendered (or passed-through) text, parsed as JSON, is the event. UNVERIFIED: text that is not JSON goes as a JSON string.
    const outcome = await lambda.call(passthroughEvent(typeof request === 'string' ? Buffer.from(request) : request));
    if (outcome.kind === 'timed-out') return { kind: 'error', error: REST_ERRORS.timeout };
    if (outcome.kind === 'refused') return { kind: 'error', error: REST_ERRORS.internalError, why: outcome.error.errorMessage };
    const { response, body } = selectIntegrationResponse(
      method,
      outcome.kind === 'answered' ? { ok: true, payload: outcome.payload } : { ok: false, error: outcome.error },
    );
    const text = stringifyJson(body) ?? 'null';
    return { kind: 'answered', response, input: text, data: Buffer.from(text), json: body, headers: {} };
  };
}

function mockBackend(method: RestMethodModel): Backend {
  const mock = mockIntegration();
  const select = byStatus(method.integrationResponses);
  return async (request) => {
    const outcome = await mock.call(request.toString());
    if (outcome.kind !== 'answered') {
      return { kind: 'error', error: REST_ERRORS.internalError, why: 'error' in outcome ? outcome.error.errorMessage : 'the MOCK integration failed' };
    }
    // REST-52: a MOCK has no body; UNVERIFIED: the response template's `$input` is empty.
    const response = select((outcome.payload as { statusCode: number }).statusCode);
    return { kind: 'answered', response, input: '', data: Buffer.alloc(0), json: undefined, headers: {} };
  };
}

function httpBackend(method: RestMethodModel, settings: MappedMethodSettings): Backend {
  const http = httpIntegration({ type: 'HTTP', timeoutMs: method.integrationTimeoutMs, clock: settings.clock });
  const target = integrationRequestTarget(method.integrationUri as string, method.integrationRequestParameters, settings.stageVariables);
  const verb = (method.integrationHttpMethod ?? 'ANY').toUpperCase();
  const select = byStatus(method.integrationResponses);
  return async (request, mapped, template) => {
    const source = { params: mapped.params, context: mapped.context };
    // UNVERIFIED: the integration request's Content-Type is the template's media type, else the request's own.
    const contentType = template ?? mapped.contentType;
    const headers = { ...(contentType ? { 'content-type': contentType } : {}), ...target.headers(source) };
    const outcome = await http.call({ method: verb === 'ANY' ? mapped.method : verb, url: target.url(source), headers, body: request });
    if (outcome.kind === 'timed-out') return { kind: 'error', error: REST_ERRORS.timeout };
    if (outcome.kind !== 'answered') return { kind: 'error', error: REST_ERRORS.integrationFailure, why: 'error' in outcome ? outcome.error.errorMessage : '' };
    const answer = outcome.payload as HttpBackendAnswer;
    const text = answer.body.toString('utf8');
    return { kind: 'answered', response: select(answer.statusCode), input: text, data: answer.body, json: parsedOrText(text), headers: answer.headers };
  };
}

/** An HTTP backend's media type; Lambda and MOCK answers are JSON text. */
const contentTypeOfBackend = (headers: Readonly<Record<string, string>>): string | undefined => headers['content-type'];

function compileAll(templates: Readonly<Record<string, string>> | undefined): Record<string, MappingTemplate> {
  const compiled: Record<string, MappingTemplate> = {};
  // The model's validator has parsed each one already.
  for (const [key, source] of Object.entries(templates ?? {})) compiled[key] = compileTemplate(source);
  return compiled;
}

export function compileMappedMethod(method: RestMethodModel, settings: MappedMethodSettings): MappedMethod {
  const requestTemplates = compileAll(method.requestTemplates);
  const hasTemplates = Object.keys(requestTemplates).length > 0;
  const responseTemplates = new Map(method.integrationResponses.map((response) => [response, compileAll(response.responseTemplates)]));
  const backend: Backend =
    method.integration === 'MOCK'
      ? mockBackend(method)
      : method.integration === 'HTTP'
        ? httpBackend(method, settings)
        : lambdaBackend(
            method,
            lambdaIntegration({
              type: 'AWS',
              invoker: settings.invoker,
              functionName: method.function as string,
              timeoutMs: method.integrationTimeoutMs,
              clock: settings.clock,
            }),
          );

  const render = (template: MappingTemplate, body: string, request: MappedRequest): string | undefined => {
    try {
      return template.render({ body, context: request.context, stageVariables: { ...settings.stageVariables }, params: request.params });
    } catch (error) {
      settings.log(`request ${request.context.requestId}: a mapping template failed to render: ${(error as Error).message}`);
      return undefined;
    }
  };

  return {
    async respond(request, fail) {
      const chosen = requestTemplateFor(requestTemplates, request.contentType);
      // REST-57: a binary request (by binaryMediaTypes) is base64 text with CONVERT_TO_TEXT, bytes otherwise.
      const binary = mediaTypeMatches(settings.binaryMediaTypes, request.contentType);
      const bodyText =
        binary && method.contentHandling === 'CONVERT_TO_TEXT' ? (request.body?.toString('base64') ?? '') : (request.body?.toString('utf8') ?? '');
      let integrationRequest: string | Buffer;
      if (chosen) {
        const text = render(chosen[1], bodyText, request);
        // UNVERIFIED: a template that fails to render is a configuration error, 500.
        if (text === undefined) return fail(REST_ERRORS.internalError);
        integrationRequest = text;
      } else if (passesThrough(method.passthroughBehavior, hasTemplates)) {
        integrationRequest = binary && method.contentHandling === 'CONVERT_TO_TEXT' ? bodyText : (request.body ?? Buffer.alloc(0));
      } else {
        return fail(REST_ERRORS.unsupportedMediaType);
      }
      // REST-57: text becomes the bytes its base64 says.
      if (method.contentHandling === 'CONVERT_TO_BINARY' && !binary) integrationRequest = Buffer.from(integrationRequest.toString(), 'base64');
      const result = await backend(integrationRequest, request, chosen?.[0]);
      if (result.kind === 'error') {
        if (result.why) settings.log(`request ${request.context.requestId}: ${method.integration} integration failed: ${result.why}`);
        return fail(result.error);
      }
      const { response } = result;
      const headers = mapResponseParameters(response.responseParameters, {
        body: result.json,
        context: request.context,
        stageVariables: settings.stageVariables,
        headers: result.headers,
      });
      const template = responseTemplateFor(responseTemplates.get(response) as Record<string, MappingTemplate>, request.accept);
      let body: Buffer = result.data;
      let contentType = 'application/json';
      if (template) {
        const text = render(template[1], result.input, request);
        if (text === undefined) return fail(REST_ERRORS.internalError);
        body = Buffer.from(text);
        contentType = template[0];
      }
      // REST-57: the method response body as base64 text, or the bytes base64 text says.
      if (response.contentHandling === 'CONVERT_TO_BINARY') body = Buffer.from(body.toString('utf8'), 'base64');
      else if (response.contentHandling === 'CONVERT_TO_TEXT' && mediaTypeMatches(settings.binaryMediaTypes, contentTypeOfBackend(result.headers)))
        body = Buffer.from(body.toString('base64'));
      // REST-12: a mapped Content-Type replaces the template's.
      const mapsType = headers.some(([name]) => name.toLowerCase() === 'content-type');
      return { statusCode: Number(response.statusCode), headers: mapsType ? headers : [['content-type', contentType], ...headers], body };
    },
  };
}
