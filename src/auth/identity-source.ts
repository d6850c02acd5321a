/**
 * AUTH-2, AUTH-30, REST-42: the identity sources of a REQUEST authorizer (WebSocket ones written without `$`, HTTP API ones
 * with it), and whether a request has them all.
 */

export type IdentitySource =
  | { kind: 'header'; name: string }
  | { kind: 'querystring'; name: string }
  | { kind: 'stageVariables'; name: string }
  | { kind: 'context'; name: string };

/** The four forms AUTH-2 allows; the name is anything after the prefix that is not empty. */
const FORMS: readonly [prefix: string, kind: IdentitySource['kind']][] = [
  ['route.request.header.', 'header'],
  ['route.request.querystring.', 'querystring'],
  ['stageVariables.', 'stageVariables'],
  ['context.', 'context'],
];

export const IDENTITY_SOURCE_FORMS = 'route.request.header.<Name>, route.request.querystring.<name>, stageVariables.<name> or context.<name>';

/** AUTH-30: the same four sources on HTTP APIs, written with `$`. */
const HTTP_FORMS: readonly [prefix: string, kind: IdentitySource['kind']][] = [
  ['$request.header.', 'header'],
  ['$request.querystring.', 'querystring'],
  ['$stageVariables.', 'stageVariables'],
  ['$context.', 'context'],
];

/** REST-42: a REST REQUEST authorizer's sources, written as method request parameters. */
const REST_FORMS: readonly [prefix: string, kind: IdentitySource['kind']][] = [
  ['method.request.header.', 'header'],
  ['method.request.querystring.', 'querystring'],
  ['stageVariables.', 'stageVariables'],
  ['context.', 'context'],
];

/** The source `text` names, or undefined when it is not one of REST-42's forms. */
export function parseRestIdentitySource(text: string): IdentitySource | undefined {
  return parseWith(REST_FORMS, text);
}

/** The source `text` names, or undefined when it is not one of AUTH-2's forms. */
export function parseIdentitySource(text: string): IdentitySource | undefined {
  return parseWith(FORMS, text);
}

/** The source `text` names, or undefined when it is not one of AUTH-30's forms. */
export function parseHttpIdentitySource(text: string): IdentitySource | undefined {
  return parseWith(HTTP_FORMS, text);
}

function parseWith(forms: typeof FORMS, text: string): IdentitySource | undefined {
  for (const [prefix, kind] of forms) {
    if (text.startsWith(prefix) && text.length > prefix.length) {
      const name = text.slice(prefix.length);
      return { kind, name: kind === 'header' ? name.toLowerCase() : name };
    }
  }
  return undefined;
}

/** What of the upgrade request an identity source can read. */
export interface IdentityRequest {
  /** Node's `rawHeaders`: name, value, name, value… */
  rawHeaders: readonly string[];
  /** Single-value query map (last value of a repeated key), or undefined without a query string. */
  query: Record<string, string> | undefined;
  stageVariables: Record<string, string>;
  /** `$context` variables by name (`connectionId`, `stage`, `apiId`, `identity.sourceIp`, …). */
  context: Record<string, string>;
}

/** The value a source reads, or undefined when absent. UNVERIFIED: a repeated header reads its last value. */
function sourceValue(source: IdentitySource, request: IdentityRequest): string | undefined {
  switch (source.kind) {
    case 'header': {
      // AUTH-2: header names compare case-insensitively (parseIdentitySource lower-cased the source's).
      let found: string | undefined;
      for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
        if ((request.rawHeaders[i] as string).toLowerCase() === source.name) found = request.rawHeaders[i + 1];
      }
      return found;
    }
    case 'querystring':
      return request.query?.[source.name];
    case 'stageVariables':
      return request.stageVariables[source.name];
    case 'context':
      return request.context[source.name];
  }
}

/** AUTH-2: the first listed source that is missing or empty, or undefined when every one is present. */
export function missingIdentitySource(sources: readonly IdentitySource[], request: IdentityRequest): IdentitySource | undefined {
  for (const source of sources) {
    const value = sourceValue(source, request);
    if (value === undefined || value === '') return source;
  }
  return undefined;
}

/** AUTH-30, AUTH-31: each source's value in order, or undefined when one is missing or empty (a 401 without invoking). */
export function identitySourceValues(sources: readonly IdentitySource[], request: IdentityRequest): string[] | undefined {
  const values: string[] = [];
  for (const source of sources) {
    const value = sourceValue(source, request);
    if (value === undefined || value === '') return undefined;
    values.push(value);
  }
  return values;
}
