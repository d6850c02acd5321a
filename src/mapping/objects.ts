/** API Gateway's template objects for WebSocket: `$input`, `$util`, `$context`, `$stageVariables` (MAP-30). */
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

export interface TemplateInputs {
  /** The raw message text. */
  body: string;
  context: WebSocketTemplateContext;
  stageVariables: Record<string, string>;
}

function parsedBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** `$input`: the body parsed at most once per render, and only if a template asks for a path. */
export function inputObject(body: string) {
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
    params: (name?: string) => (name === undefined ? { path: {}, querystring: {}, header: {} } : ''),
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
  const { context } = inputs;
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
