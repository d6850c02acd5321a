/** The Lambda service's tuning as a gateway with default options gives it: tests that start the service alone begin from it. */
import { silentLog } from '../../src/internal/log.ts';
import type { LambdaServiceOptions } from '../../src/lambda/index.ts';
import { parseGatewayOptions } from '../../src/options/index.ts';

type Tuning = Pick<
  LambdaServiceOptions,
  'accountConcurrency' | 'idleEnvironmentTtlMs' | 'environmentMemoryBudgetMb' | 'reload' | 'parallelColdStarts' | 'logFormat' | 'runner'
>;

const defaults = parseGatewayOptions({ log: silentLog, isTrustedClient: () => false });

export const DEFAULT_LAMBDA_TUNING: Tuning = {
  accountConcurrency: defaults.accountConcurrency,
  idleEnvironmentTtlMs: defaults.idleEnvironmentTtlMs,
  environmentMemoryBudgetMb: defaults.environmentMemoryBudgetMb,
  reload: defaults.reload,
  parallelColdStarts: defaults.parallelColdStarts,
  logFormat: defaults.logFormat,
  runner: defaults.runner,
};
