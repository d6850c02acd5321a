/** The Lambda invoker contract: what the gateway asks of any runner (worker thread, child process, AWS). */
import { LAMBDA_MAX_RESPONSE_BYTES } from '../limits.ts';
import type { ThrottleReason } from './concurrency.ts';

/** How Lambda reports a function error: `{errorType, errorMessage, trace}`. */
export interface LambdaError {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

/** RT-8: Lambda's error for a synchronous result over its response limit, worded as Lambda words it (no stack trace). */
export const RESPONSE_TOO_LARGE: LambdaError = {
  errorType: 'Function.ResponseSizeTooLarge',
  errorMessage: `Response payload size exceeded maximum allowed payload size (${LAMBDA_MAX_RESPONSE_BYTES} bytes).`,
  trace: [],
};

/**
 * A handler's outcome is data, never an exception:
 * - `ok`: the handler returned (or called back with) `payload`, after a JSON round trip as on Lambda;
 * - `error`: it threw, rejected or called back with an error;
 * - `timeout`: it ran past the function's own timeout and its environment was stopped;
 * - `crash`: the environment died (uncaught exception, `process.exit`, init failure);
 * - `throttled`: Lambda refused it: the function's reserved concurrency or the account's is in use;
 * - `rejected`: Lambda refused the request itself (an event it cannot take as JSON): no environment saw it.
 */
export type InvocationOutcome = (
  | { kind: 'ok'; requestId: string; payload: unknown }
  | { kind: 'error'; requestId: string; error: LambdaError }
  | { kind: 'timeout'; requestId: string; error: LambdaError }
  | { kind: 'crash'; requestId: string; error: LambdaError }
  | { kind: 'throttled'; requestId: string; reason: ThrottleReason; error: LambdaError }
  | { kind: 'rejected'; requestId: string; error: LambdaError }
) & {
  /** The invocation's log lines (START … REPORT), when asked for with `captureLogs`. */
  logs?: string[];
};

export interface InvokeOptions {
  /** Collect the invocation's log lines into the outcome (Lambda's `LogType: Tail`). */
  captureLogs?: boolean;
}

export interface Invoker {
  /** Runs `functionName` once with `event`; never rejects for a handler's failure. */
  invoke(functionName: string, event: unknown, options?: InvokeOptions): Promise<InvocationOutcome>;
  /** Whether a function of this name exists. */
  has(functionName: string): boolean;
  /** Stops every environment; idempotent. */
  dispose(): Promise<void>;
}
