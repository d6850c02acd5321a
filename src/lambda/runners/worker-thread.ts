/**
 * The worker-thread runner: one execution environment per worker thread, stopped for real on timeout. Lighter than
 * child processes, but one allocation larger than the heap limit ends the whole process (docs/decisions/0007).
 */
import { Worker } from 'node:worker_threads';
import type { StartEnvironment } from '../runner.ts';
import { BOOTSTRAP, type BootstrapMessage, type Channel, environmentData, exitError, OUT_OF_MEMORY, semiSpaceMb, startChannelEnvironment } from './channel.ts';

export const startWorkerEnvironment: StartEnvironment = (spec) => {
  const worker = new Worker(BOOTSTRAP, {
    env: spec.environment,
    workerData: environmentData(spec),
    // Workers inherit the parent's flags; a TypeScript loader or a test runner's flags have no business there.
    execArgv: [],
    // memorySize bounds the environment's heap, as far as Node allows: past it by growth the environment dies,
    // but one allocation larger than what is left aborts the process (V8's fatal out-of-memory; decision 0007).
    // The young generation is sized as on Lambda: V8 makes it three semi-spaces.
    resourceLimits: { maxOldGenerationSizeMb: spec.built.model.memoryMb, maxYoungGenerationSizeMb: 3 * semiSpaceMb(spec.built.model.memoryMb) },
    stdout: false,
    stderr: false,
  });
  let died = false;
  const channel: Channel = {
    send: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', (message: BootstrapMessage) => listener(message)),
    onDeath: (listener) => {
      worker.on('error', (error: NodeJS.ErrnoException) => {
        died = true;
        listener(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? OUT_OF_MEMORY
            : { errorType: error.name || 'Error', errorMessage: error.message, trace: (error.stack ?? '').split('\n') },
        );
      });
      worker.on('exit', (code) => {
        if (!died) listener(exitError(`exit status ${code}`));
      });
    },
    kill: async () => {
      died = true;
      await worker.terminate();
    },
  };
  return startChannelEnvironment(channel, spec);
};
