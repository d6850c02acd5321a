/**
 * The runners: each one a Runner (how it starts environments, whether it builds locally, where a debugger
 * attaches). The local ones by name; the AWS runner from its options. All local ones pass the same suite.
 */
import type { Runner } from '../runner.ts';
import { type AwsRunnerOptions, awsRunner } from './aws.ts';
import { startChildEnvironment } from './child-process.ts';
import { startInProcessEnvironment } from './in-process.ts';
import { startWorkerEnvironment } from './worker-thread.ts';

export const RUNNERS = {
  'worker-thread': { name: 'worker-thread', start: startWorkerEnvironment, buildsLocally: true, inspector: { kind: 'process' }, dispose() {} },
  'child-process': { name: 'child-process', start: startChildEnvironment, buildsLocally: true, inspector: { kind: 'environments' }, dispose() {} },
  'in-process': { name: 'in-process', start: startInProcessEnvironment, buildsLocally: true, inspector: { kind: 'process' }, dispose() {} },
} as const satisfies Record<string, Runner>;

export type RunnerName = keyof typeof RUNNERS;

/** What the `runner` option takes: a local runner's name, or AWS Lambda with how to reach it. */
export type RunnerOption = RunnerName | { aws: AwsRunnerOptions };

/** The runner an option names; the AWS runner is made for its options (it holds an SDK client). */
export function runnerFor(option: RunnerOption): Runner {
  return typeof option === 'string' ? RUNNERS[option] : awsRunner(option.aws);
}
