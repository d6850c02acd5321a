/** The runners, by name: every one implements the same StartEnvironment contract and passes the same suite. */
import type { StartEnvironment } from '../runner.ts';
import { startChildEnvironment } from './child-process.ts';
import { startInProcessEnvironment } from './in-process.ts';
import { startWorkerEnvironment } from './worker-thread.ts';

export const RUNNERS = {
  'worker-thread': startWorkerEnvironment,
  'child-process': startChildEnvironment,
  'in-process': startInProcessEnvironment,
} as const satisfies Record<string, StartEnvironment>;

export type RunnerName = keyof typeof RUNNERS;
