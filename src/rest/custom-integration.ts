/** Lambda custom (non-proxy) integrations: the event from the request (REST-10), the response from the outcome (REST-11, REST-12). */
import { type LambdaError, RESPONSE_TOO_LARGE } from '../lambda/invoker.ts';
import type { RestIntegrationResponseModel, RestMethodModel } from '../model/types.ts';

/**
 * REST-10 with no mapping template (passthrough, WHEN_NO_MATCH): the body parsed as JSON is the event; an empty body is `{}`.
 * UNVERIFIED: a body that is not JSON is passed as a JSON string.
 */
export function passthroughEvent(body: Buffer | undefined): unknown {
  if (!body || body.length === 0) return {};
  const text = body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Java's `matches()`: the whole message; `.` does not cross a newline (JavaScript's default too). */
function fullMatch(pattern: string, text: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(text);
}

/**
 * REST-11: success takes the default response; a function error the first response whose selectionPattern matches
 * its errorMessage in full, else the default one, whose body is then Lambda's error JSON.
 */
export function selectIntegrationResponse(
  method: RestMethodModel,
  outcome: { ok: true; payload: unknown } | { ok: false; error: LambdaError },
): { response: RestIntegrationResponseModel; body: unknown } {
  const fallback = method.integrationResponses.find((response) => response.selectionPattern === undefined) as RestIntegrationResponseModel;
  if (outcome.ok) return { response: fallback, body: outcome.payload };
  const { errorMessage, errorType, trace } = outcome.error;
  // RT-8: Lambda's own Function.ResponseSizeTooLarge error carries no stack. UNVERIFIED: that API Gateway matches it like any function error.
  const body = errorType === RESPONSE_TOO_LARGE.errorType ? { errorMessage, errorType } : { errorMessage, errorType, stackTrace: trace };
  const matched = method.integrationResponses.find((response) => response.selectionPattern !== undefined && fullMatch(response.selectionPattern, errorMessage));
  return { response: matched ?? fallback, body };
}

/** `a.b[0].c` → the value, or `undefined` when any step is missing. */
function lookup(root: unknown, path: string): unknown {
  let value = root;
  for (const step of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = step.startsWith('[') ? (value as unknown[])[Number(step.slice(1, -1))] : (value as Record<string, unknown>)[step];
  }
  return value;
}

export interface MappingSources {
  /** The integration's result, as JSON. */
  body: unknown;
  context: Record<string, unknown>;
  stageVariables: Readonly<Record<string, string>>;
  /** REST-53: an HTTP backend's headers (lower-case names); a Lambda integration response has none. */
  headers?: Readonly<Record<string, string>>;
}

/** REST-12: method response headers from the integration response's parameters; a source that selects nothing omits the header. */
export function mapResponseParameters(parameters: Record<string, string>, sources: MappingSources): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  for (const [target, source] of Object.entries(parameters)) {
    const name = target.slice('method.response.header.'.length);
    let value: unknown;
    if (source.startsWith("'")) value = source.slice(1, -1);
    else if (source === 'integration.response.body') value = sources.body;
    else if (source.startsWith('integration.response.body.')) value = lookup(sources.body, source.slice('integration.response.body.'.length));
    else if (source.startsWith('context.')) value = lookup(sources.context, source.slice('context.'.length));
    else if (source.startsWith('stageVariables.')) value = sources.stageVariables[source.slice('stageVariables.'.length)];
    // A Lambda integration response has no headers of its own: integration.response.header.* selects nothing.
    else if (source.startsWith('integration.response.header.')) value = sources.headers?.[source.slice('integration.response.header.'.length).toLowerCase()];
    // UNVERIFIED: fetch joins a repeated header with `, `, so the multi-value form reads the same text.
    else if (source.startsWith('integration.response.multivalueheader.'))
      value = sources.headers?.[source.slice('integration.response.multivalueheader.'.length).toLowerCase()];
    if (value === undefined || value === null) continue;
    // UNVERIFIED Choice: a value that is not a string is sent as its JSON text.
    headers.push([name, typeof value === 'string' ? value : JSON.stringify(value)]);
  }
  return headers;
}
