/** Lambda integrations (AWS_PROXY and AWS): one synchronous invocation per call, within the integration timeout (GEN-11). */
import type { Clock } from '../internal/clock.ts';
import type { InvocationOutcome, Invoker } from '../lambda/invoker.ts';
import { type Integration, type IntegrationOutcome, TIMED_OUT } from './contract.ts';

export interface LambdaIntegrationOptions {
  type: 'AWS_PROXY' | 'AWS';
  invoker: Invoker;
  functionName: string;
  timeoutMs: number;
  clock: Clock;
}

export function outcomeOfInvocation(outcome: InvocationOutcome): IntegrationOutcome {
  switch (outcome.kind) {
    case 'ok':
      return { kind: 'answered', payload: outcome.payload };
    case 'throttled':
    case 'rejected':
      return { kind: 'refused', reason: outcome.kind, error: outcome.error };
    default:
      return { kind: 'failed', error: outcome.error };
  }
}

export function lambdaIntegration(options: LambdaIntegrationOptions): Integration {
  const { invoker, functionName, timeoutMs, clock } = options;
  return {
    type: options.type,
    call: (event) =>
      new Promise<IntegrationOutcome>((resolve) => {
        const timer = clock.setTimer(timeoutMs, () => resolve(TIMED_OUT));
        const settle = (outcome: IntegrationOutcome) => {
          timer.cancel();
          resolve(outcome);
        };
        invoker.invoke(functionName, event).then(
          (outcome) => settle(outcomeOfInvocation(outcome)),
          // An invoker that throws fails this request as a crashed invocation would, never the gateway.
          (error: unknown) => settle({ kind: 'failed', error: { errorType: 'Error', errorMessage: String((error as Error)?.message ?? error), trace: [] } }),
        );
      }),
  };
}
