/** AUTH-33: what an HTTP API's Lambda authorizer returned, checked once, and what it decides for one route ARN. */
import { checkAuthorizerResult, MAX_AUTHORIZER_RESULT_BYTES, type PolicyStatement } from './authorizer-result.ts';
import type { AuthorizerOutcome } from './outcome.ts';
import { evaluatePolicy } from './policy.ts';

/** A usable result: what the cache keeps (AUTH-35), so that a policy is evaluated again for each route ARN. */
export type HttpAuthorizerResult =
  | { kind: 'simple'; isAuthorized: boolean; context: Record<string, unknown> | null }
  | { kind: 'policy'; principalId: string; statements: PolicyStatement[]; context: Record<string, unknown> | null };

/** `unauthorized`: the authorizer failed with the message `Unauthorized` (401); `failure`: any other end (500). */
export type CheckedHttpResult = { kind: 'result'; result: HttpAuthorizerResult } | { kind: 'unauthorized' } | { kind: 'failure'; problem: string };

export interface HttpAuthorizerFormat {
  payloadFormatVersion: '1.0' | '2.0';
  enableSimpleResponses: boolean;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function failure(problem: string): CheckedHttpResult {
  return { kind: 'failure', problem };
}

/** AUTH-33: an error, a timeout or a result of the wrong shape is a failure; an error `Unauthorized` is the 401. */
export function checkHttpAuthorizerOutcome(outcome: AuthorizerOutcome, format: HttpAuthorizerFormat): CheckedHttpResult {
  if (outcome.kind === 'timed-out') return failure('the authorizer timed out');
  if (outcome.kind !== 'answered') {
    // AUTH-33 Choice: the REST convention, an error whose message is exactly `Unauthorized`.
    if (outcome.error.errorMessage === 'Unauthorized') return { kind: 'unauthorized' };
    return failure(`the authorizer failed: ${outcome.error.errorType}: ${outcome.error.errorMessage}`);
  }
  const { payload } = outcome;
  if (format.enableSimpleResponses) return checkSimpleResponse(payload);
  if (format.payloadFormatVersion === '1.0') {
    // AUTH-4: a 1.0 authorizer's context holds scalars only (they reach 1.0 events as strings).
    const checked = checkAuthorizerResult(payload);
    if (!checked.ok) return failure(checked.problem);
    const { principalId, statements } = checked.result;
    const context = isObject(payload) && isObject(payload.context) ? checked.result.context : null;
    return { kind: 'result', result: { kind: 'policy', principalId, statements, context } };
  }
  // AUTH-34: a 2.0 policy result's context keeps its JSON types; the rest is checked as AUTH-4 says.
  if (!isObject(payload)) return failure('the result is not an object');
  const { context, ...policy } = payload;
  if (context !== undefined && context !== null && !isObject(context)) return failure('context is not an object');
  if (Buffer.byteLength(JSON.stringify(payload), 'utf8') > MAX_AUTHORIZER_RESULT_BYTES) {
    return failure(`the result exceeds ${MAX_AUTHORIZER_RESULT_BYTES} bytes`);
  }
  const checked = checkAuthorizerResult(policy);
  if (!checked.ok) return failure(checked.problem);
  const { principalId, statements } = checked.result;
  return { kind: 'result', result: { kind: 'policy', principalId, statements, context: (context as Record<string, unknown> | undefined) ?? null } };
}

/** AUTH-33: `{ isAuthorized: boolean, context?: object }`. */
function checkSimpleResponse(payload: unknown): CheckedHttpResult {
  if (!isObject(payload)) return failure('the simple response is not an object');
  const { isAuthorized, context } = payload;
  if (typeof isAuthorized !== 'boolean') return failure('isAuthorized is not true or false');
  if (context !== undefined && context !== null && !isObject(context)) return failure('context is not an object');
  // UNVERIFIED: AUTH-4's 8 KB limit holds for simple responses too.
  if (Buffer.byteLength(JSON.stringify(payload), 'utf8') > MAX_AUTHORIZER_RESULT_BYTES) {
    return failure(`the result exceeds ${MAX_AUTHORIZER_RESULT_BYTES} bytes`);
  }
  return { kind: 'result', result: { kind: 'simple', isAuthorized, context: (context as Record<string, unknown> | undefined) ?? null } };
}

/** AUTH-33, AUTH-35: a simple response decides alone; a policy is evaluated against this request's route ARN (AUTH-5). */
export function httpAuthorizerAllows(result: HttpAuthorizerResult, routeArn: string): boolean {
  if (result.kind === 'simple') return result.isAuthorized;
  return evaluatePolicy(result.statements, routeArn) === 'allow';
}
