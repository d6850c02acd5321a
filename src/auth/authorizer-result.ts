/** AUTH-4: checking what a REQUEST authorizer returned, and the context downstream events carry (WS-36). */

/** AUTH-4: the serialized result may not exceed 8 KB. */
export const MAX_AUTHORIZER_RESULT_BYTES = 8 * 1024;

export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action?: unknown;
  Resource?: unknown;
}

export interface AuthorizerResult {
  principalId: string;
  statements: PolicyStatement[];
  context: Record<string, string | number | boolean>;
}

/** A usable result, or the reason it is malformed (an authorizer failure, AUTH-6). */
export type CheckedResult = { ok: true; result: AuthorizerResult } | { ok: false; problem: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(problem: string): CheckedResult {
  return { ok: false, problem };
}

/** AUTH-4: principalId and policyDocument required, scalar context values only, at most 8 KB serialized. */
export function checkAuthorizerResult(payload: unknown): CheckedResult {
  if (!isObject(payload)) return malformed('the result is not an object');
  const serialized = JSON.stringify(payload);
  if (Buffer.byteLength(serialized, 'utf8') > MAX_AUTHORIZER_RESULT_BYTES) return malformed(`the result exceeds ${MAX_AUTHORIZER_RESULT_BYTES} bytes`);
  const { principalId, policyDocument, context } = payload;
  // UNVERIFIED: a number principalId is refused like any other non-string.
  if (typeof principalId !== 'string') return malformed('principalId is not a string');
  if (!isObject(policyDocument)) return malformed('policyDocument is not an object');
  const statements = Array.isArray(policyDocument.Statement) ? policyDocument.Statement : [policyDocument.Statement];
  for (const statement of statements) {
    if (!isObject(statement) || (statement.Effect !== 'Allow' && statement.Effect !== 'Deny')) {
      return malformed('a policy statement has no Effect "Allow" or "Deny"');
    }
  }
  const checkedContext: Record<string, string | number | boolean> = {};
  if (context !== undefined && context !== null) {
    if (!isObject(context)) return malformed('context is not an object');
    for (const [key, value] of Object.entries(context)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        return malformed(`context.${key} is not a string, number or boolean`);
      }
      checkedContext[key] = value;
    }
  }
  return { ok: true, result: { principalId, statements: statements as PolicyStatement[], context: checkedContext } };
}

/** WS-36: `requestContext.authorizer` of the connection's events: principalId, then each context value as a string. */
export function authorizerContext(result: AuthorizerResult): Record<string, string> {
  const context: Record<string, string> = { principalId: result.principalId };
  for (const [key, value] of Object.entries(result.context)) {
    if (key !== 'principalId') context[key] = String(value);
  }
  return context;
}
