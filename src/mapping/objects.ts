/** API Gateway's template objects: `$input`, `$util`, `$context`, `$stageVariables` (MAP-30 for WebSocket, REST-51 for REST). */
import { valueAtPath } from './json-path.ts';

/** `$context` for a WebSocket message; the keys a template names, with empty text where a value is unknown. */
export interface WebSocketTemplateContext {
  connectionId: string;
  routeKey: string;
  requestId: string;
  eventType: string;
  stage: string;
  apiId: string;
  domainName: string;
  messageId?: string;
  connectedAt?: number;
  requestTimeEpoch?: number;
  /** GEN-2: CLF time of the request. */
  requestTime?: string;
  extendedRequestId?: string;
  /** The `$connect` authorizer's context, values stringified as API Gateway does. */
  authorizer?: Record<string, string>;
  identity?: { sourceIp?: string; userAgent?: string };
}

/**
 * REST-51: `$context` for a REST request: requestId, resourcePath, httpMethod, stage, identity.*, authorizer.* and the
 * other variables of the request, as the runtime knows them.
 */
export interface RestTemplateContext {
  requestId: string;
  resourcePath: string;
  httpMethod: string;
  stage: string;
  apiId: string;
  [name: string]: unknown;
}

/** REST-51: `$input.params()`: the method request's path, query string and header parameters (last value of a repeated name). */
export interface RequestParams {
  path: Readonly<Record<string, string>>;
  querystring: Readonly<Record<string, string>>;
  header: Readonly<Record<string, string>>;
}

export interface TemplateInputs {
  /** The raw message (WebSocket) or request or integration response body (REST) text. */
  body: string;
  context: WebSocketTemplateContext | RestTemplateContext;
  stageVariables: Record<string, string>;
  /** REST only: the request's parameters. WebSocket messages carry none. */
  params?: RequestParams;
}

const NO_PARAMS: RequestParams = Object.freeze({ path: {}, querystring: {}, header: {} });

function parsedBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** REST-51: `$input.params(name)` looks in the path, then the query string, then the headers (by any case; UNVERIFIED). */
function paramNamed(params: RequestParams, name: string): string {
  const { path, querystring, header } = params;
  if (Object.hasOwn(path, name)) return path[name] as string;
  if (Object.hasOwn(querystring, name)) return querystring[name] as string;
  if (Object.hasOwn(header, name)) return header[name] as string;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(header)) if (key.toLowerCase() === lower) return value;
  return '';
}

/** `$input`: the body parsed at most once per render, and only if a template asks for a path. */
export function inputObject(body: string, params: RequestParams = NO_PARAMS) {
  let parsed: { value: unknown } | undefined;
  const root = () => {
    parsed ??= { value: parsedBody(body) };
    return parsed.value;
  };
  return {
    body,
    // UNVERIFIED: a missing path renders empty text (spec MAP-30 choice).
    json: (path: string) => {
      const value = valueAtPath(root(), path);
      return value === undefined ? '' : JSON.stringify(value);
    },
    path: (path: string) => valueAtPath(root(), path) ?? null,
    // WebSocket messages carry no parameters; the map keeps its REST shape so templates that read it still render.
    params: (name?: string) =>
      name === undefined
        ? { path: { ...params.path }, querystring: { ...params.querystring }, header: { ...params.header } }
        : paramNamed(params, String(name)),
  };
}

/**
 * JavaScript string escaping as API Gateway's `$util.escapeJavaScript` does, `'` included.
 * UNVERIFIED: `/` and non-ASCII characters are left as they are (Commons Lang would escape them).
 */
function escapeJavaScript(text: unknown): string {
  return String(text).replace(/[\\'"\b\f\n\r\t\u2028\u2029]/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** `$util`, new per render: velocityjs writes helpers onto the objects it calls methods on. */
export const utilObject = () => ({
  escapeJavaScript,
  parseJson: (text: unknown) => JSON.parse(String(text)),
  // Java's URLEncoder: form encoding, a space is `+`.
  urlEncode: (text: unknown) =>
    encodeURIComponent(String(text))
      .replace(/%20/g, '+')
      .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  urlDecode: (text: unknown) => decodeURIComponent(String(text).replace(/\+/g, ' ')),
  base64Encode: (text: unknown) => Buffer.from(String(text), 'utf8').toString('base64'),
  base64Decode: (text: unknown) => Buffer.from(String(text), 'base64').toString('utf8'),
});

const CONTEXT_DEFAULTS = { messageId: '', connectedAt: '', requestTimeEpoch: '' };

/** The render context a template sees. */
export function templateVariables(inputs: TemplateInputs): Record<string, unknown> {
  if (inputs.params !== undefined) return restTemplateVariables(inputs, inputs.params);
  const context = inputs.context as WebSocketTemplateContext;
  return {
    input: inputObject(inputs.body),
    util: utilObject(),
    context: {
      ...CONTEXT_DEFAULTS,
      ...context,
      authorizer: { principalId: '', ...context.authorizer },
      identity: { sourceIp: '', userAgent: '', ...context.identity },
    },
    stageVariables: { ...inputs.stageVariables },
  };
}

/** REST-51: identity fields a REST template may name, empty when the request has no such identity. */
const REST_IDENTITY_DEFAULTS = { sourceIp: '', userAgent: '', apiKey: '', apiKeyId: '', accountId: '', caller: '', user: '', userArn: '' };

function restTemplateVariables(inputs: TemplateInputs, params: RequestParams): Record<string, unknown> {
  const context = inputs.context as RestTemplateContext;
  return {
    input: inputObject(inputs.body, params),
    util: utilObject(),
    context: {
      ...context,
      authorizer: { principalId: '', ...(context.authorizer as Record<string, unknown> | undefined) },
      identity: { ...REST_IDENTITY_DEFAULTS, ...(context.identity as Record<string, unknown> | undefined) },
    },
    stageVariables: { ...inputs.stageVariables },
  };
}
