/** GEN-11: the gateway stops waiting at the integration timeout even if the function runs on; a late result is discarded. */
import { type Clock, systemClock } from '../internal/clock.ts';
import type { InvocationOutcome, Invoker } from './invoker.ts';

export const INTEGRATION_TIMEOUT = 'integration-timeout';

export type IntegrationResult = InvocationOutcome | typeof INTEGRATION_TIMEOUT;

export function invokeWithin(
  invoker: Invoker,
  functionName: string,
  event: unknown,
  timeoutMs: number,
  clock: Clock = systemClock,
): Promise<IntegrationResult> {
  return new Promise((resolve) => {
    const timer = clock.setTimer(timeoutMs, () => resolve(INTEGRATION_TIMEOUT));
    const settle = (outcome: IntegrationResult) => {
      timer.cancel();
      resolve(outcome);
    };
    invoker.invoke(functionName, event).then(settle, (error: unknown) =>
      // An invoker that throws fails this request as a crashed invocation would, never the gateway.
      settle({ kind: 'crash', requestId: '', error: { errorType: 'Error', errorMessage: String((error as Error)?.message ?? error), trace: [] } }),
    );
  });
}
