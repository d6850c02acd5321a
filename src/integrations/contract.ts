/**
 * One contract for every integration type (Lambda proxy, Lambda custom, and MOCK, HTTP, HTTP proxy to come): the
 * request the gateway prepared goes in, what the backend said comes out, by the integration timeout at the latest.
 * Each API surface shapes the request before the call and the answer after it; the integration knows neither.
 */
import type { LambdaError } from '../lambda/invoker.ts';

/** The integration types of API Gateway's model (`integrationType`). */
export type IntegrationType = 'AWS_PROXY' | 'AWS' | 'MOCK' | 'HTTP' | 'HTTP_PROXY';

/**
 * What the gateway can tell of a call (GEN-10, GEN-11):
 * - `answered`: the backend returned `payload` (a Lambda result after its JSON round trip);
 * - `timed-out`: the integration timeout passed first; a late answer is discarded;
 * - `refused`: the backend would not run it (Lambda throttled the invocation, or could not take the event);
 * - `failed`: it ran and failed (a handler error, its own timeout, a crashed environment).
 */
export type IntegrationOutcome =
  | { kind: 'answered'; payload: unknown }
  | { kind: 'timed-out' }
  | { kind: 'refused'; reason: 'throttled' | 'rejected'; error: LambdaError }
  | { kind: 'failed'; error: LambdaError };

export interface Integration {
  readonly type: IntegrationType;
  /** Never rejects: a backend that throws is a `failed` outcome, one that hangs a `timed-out` one. */
  call(request: unknown): Promise<IntegrationOutcome>;
}

export const TIMED_OUT: IntegrationOutcome = Object.freeze({ kind: 'timed-out' });
