/** AUTH-2: the identity sources of a WebSocket REQUEST authorizer, as written (without `$`), and whether a request has them all. */

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

/** The source `text` names, or undefined when it is not one of AUTH-2's forms. */
export function parseIdentitySource(text: string): IdentitySource | undefined {
  for (const [prefix, kind] of FORMS) {
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
