/**
 * REST-30..32: the REST gateway's own answers, each of a gateway response type, with the API's customizations
 * (status, headers, templates) and the DEFAULT_4XX/5XX fallback. An API that customizes nothing builds the defaults
 * only, reading nothing of the request.
 */
import type { GatewayResponse } from '../internal/edge/values.ts';
import type { RestGatewayResponseModel, RestGatewayResponseType } from '../model/types.ts';
import { fallbackOf, GATEWAY_RESPONSE_TYPES } from './gateway-response-types.ts';
import { renderGatewayTemplate, type TemplateValues } from './gateway-template.ts';

/** What went wrong, as a gateway response type and what its template variables say. */
export interface GatewayError {
  type: RestGatewayResponseType;
  /** `$context.error.message`; absent: the type's default message. */
  message?: string;
  /** The status observed for this case when it differs from the type's documented default (REST-2's 502). */
  statusCode?: number;
  /** `$context.error.validationErrorString`. */
  validationErrorString?: string;
}

/** What a customized response may map from: read only when the API customizes the response. */
export interface GatewayErrorRequest {
  /** Name, value, name, value… as the client sent them. */
  rawHeaders: readonly string[];
  rawQuery: string;
  pathParameters: Readonly<Record<string, string>> | undefined;
  /** `$context` / `context.*`: the request's context variables (`error` is added here). */
  context: Record<string, unknown>;
}

export type GatewayResponder = (error: GatewayError, request: () => GatewayErrorRequest) => GatewayResponse;

const JSON_HEADER: [string, string] = ['content-type', 'application/json'];

function messageOf(error: GatewayError): string {
  return error.message ?? GATEWAY_RESPONSE_TYPES[error.type].message;
}

/** REST-30: the default response: `{"message":$context.error.messageString}`, with REST-2's spacing where observed. */
export function defaultGatewayResponse(error: GatewayError): GatewayResponse {
  const defaults = GATEWAY_RESPONSE_TYPES[error.type];
  const headers: Array<[string, string]> = [JSON_HEADER];
  if (defaults.errorType) headers.push(['x-amzn-ErrorType', defaults.errorType]);
  const body = `{"message":${defaults.spaced ? ' ' : ''}${JSON.stringify(messageOf(error))}}`;
  return { statusCode: error.statusCode ?? defaults.statusCode, headers, body: Buffer.from(body) };
}

/** `a.b.c` in an object, `undefined` when a step is missing. */
function pathValue(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const step of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

function lastQueryValue(rawQuery: string, name: string): string | undefined {
  if (rawQuery === '') return undefined;
  const values = new URLSearchParams(rawQuery).getAll(name);
  return values[values.length - 1];
}

function headerOf(rawHeaders: readonly string[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) if ((rawHeaders[i] as string).toLowerCase() === lower) return rawHeaders[i + 1];
  return undefined;
}

/** REST-31: a header's value from its source; `undefined` (the header is left out) when the source selects nothing. */
function parameterValue(source: string, request: GatewayErrorRequest, stageVariables: Readonly<Record<string, string>>): string | undefined {
  if (source.startsWith("'")) return source.slice(1, -1);
  const [root, kind, ...rest] = source.split('.');
  const name = [kind, ...rest].join('.');
  if (root === 'stageVariables') return stageVariables[name];
  if (root === 'context') {
    const value = pathValue(request.context, name.split('.'));
    return value === undefined || value === null ? undefined : String(value);
  }
  if (root === 'method' && kind === 'request') {
    const [where, ...named] = rest;
    const parameter = named.join('.');
    if (where === 'header') return headerOf(request.rawHeaders, parameter);
    if (where === 'querystring') return lastQueryValue(request.rawQuery, parameter);
    if (where === 'path') return request.pathParameters?.[parameter];
  }
  return undefined;
}

/** REST-31: the template for a response: `application/json` when defined, else the first. UNVERIFIED: AWS selects by Accept as REST-13. */
function selectTemplate(templates: Readonly<Record<string, string>>): [string, string] | undefined {
  if ('application/json' in templates) return ['application/json', templates['application/json'] as string];
  return Object.entries(templates)[0];
}

/** REST-31: one API's gateway responses. */
export function gatewayResponder(
  customized: readonly RestGatewayResponseModel[] | undefined,
  stageVariables: Readonly<Record<string, string>>,
): GatewayResponder {
  if (!customized || customized.length === 0) return defaultGatewayResponse;
  const byType = new Map(customized.map((response) => [response.responseType, response]));
  return (error, request) => {
    const own = byType.get(error.type);
    const fallback = byType.get(fallbackOf(error.type));
    if (!own && !fallback) return defaultGatewayResponse(error);
    const base = defaultGatewayResponse(error);
    // Field by field: the type's own setting, else DEFAULT_4XX/5XX's (changing its status changes every type that falls back to it).
    const statusCode = Number(own?.statusCode ?? fallback?.statusCode ?? base.statusCode);
    const templates = own?.responseTemplates ?? fallback?.responseTemplates;
    const template = templates ? selectTemplate(templates) : undefined;
    const inputs = request();
    const message = messageOf(error);
    const context = {
      ...inputs.context,
      error: {
        message,
        messageString: JSON.stringify(message),
        responseType: error.type,
        validationErrorString: error.validationErrorString ?? '',
      },
    };
    const headers: Array<[string, string]> = base.headers.map(([name, value]) => (name === 'content-type' && template ? [name, template[0]] : [name, value]));
    const parameters = { ...fallback?.responseParameters, ...own?.responseParameters };
    for (const [target, source] of Object.entries(parameters)) {
      const value = parameterValue(source, { ...inputs, context }, stageVariables);
      if (value !== undefined) headers.push([target.slice('gatewayresponse.header.'.length), value]);
    }
    const values: TemplateValues = { context, stageVariables };
    const body = template ? Buffer.from(renderGatewayTemplate(template[1], values)) : base.body;
    return { statusCode, headers, body };
  };
}
