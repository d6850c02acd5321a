/** AUTH-6: what the client of a refused `$connect` sees, for each way a REQUEST authorizer can end. */
import { type AuthorizerResult, checkAuthorizerResult } from './authorizer-result.ts';
import { evaluatePolicy } from './policy.ts';

export interface Refusal {
  status: number;
  body: string;
}

// UNVERIFIED: AUTH-6 leaves the WebSocket bodies unverified; these are API Gateway's gateway-response messages.
export const UNAUTHORIZED: Refusal = { status: 401, body: '{"message":"Unauthorized"}' };
export const EXPLICIT_DENY: Refusal = { status: 403, body: '{"message":"User is not authorized to access this resource with an explicit deny"}' };
export const IMPLICIT_DENY: Refusal = { status: 403, body: '{"message":"User is not authorized to access this resource"}' };
export const AUTHORIZER_FAILURE: Refusal = { status: 500, body: '{"message":null}' };

/** How an invocation ended; the integrations' outcome has this shape, declared here so the model's layer can use this folder. */
export type AuthorizerOutcome =
  | { kind: 'answered'; payload: unknown }
  | { kind: 'timed-out' }
  | { kind: 'refused' | 'failed'; error: { errorType: string; errorMessage: string } };

export type AuthorizerDecision = { kind: 'allow'; result: AuthorizerResult } | ({ kind: 'refuse'; problem?: string } & Refusal);

/** AUTH-6: the invoked authorizer's outcome, checked (AUTH-4) and evaluated against the method ARN (AUTH-5). */
export function decideAuthorizer(outcome: AuthorizerOutcome, methodArn: string): AuthorizerDecision {
  if (outcome.kind === 'timed-out') return { kind: 'refuse', ...AUTHORIZER_FAILURE, problem: 'the authorizer timed out' };
  if (outcome.kind !== 'answered') {
    // AUTH-6: an error whose message is exactly `Unauthorized` is the authorizer's way to answer 401.
    if (outcome.error.errorMessage === 'Unauthorized') return { kind: 'refuse', ...UNAUTHORIZED };
    return { kind: 'refuse', ...AUTHORIZER_FAILURE, problem: `the authorizer failed: ${outcome.error.errorType}: ${outcome.error.errorMessage}` };
  }
  const checked = checkAuthorizerResult(outcome.payload);
  if (!checked.ok) return { kind: 'refuse', ...AUTHORIZER_FAILURE, problem: checked.problem };
  const decision = evaluatePolicy(checked.result.statements, methodArn);
  if (decision === 'explicit-deny') return { kind: 'refuse', ...EXPLICIT_DENY };
  if (decision === 'implicit-deny') return { kind: 'refuse', ...IMPLICIT_DENY };
  return { kind: 'allow', result: checked.result };
}
