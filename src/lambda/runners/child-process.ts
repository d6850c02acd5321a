/** The child-process runner: each execution environment is its own Node process (native modules, process.chdir, full isolation). */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LambdaError } from '../invoker.ts';
import type { StartEnvironment } from '../runner.ts';
import { BOOTSTRAP, type BootstrapMessage, type Channel, environmentData, exitError, OUT_OF_MEMORY, startChannelEnvironment } from './channel.ts';

export const startChildEnvironment: StartEnvironment = (spec) => {
  const child = fork(fileURLToPath(BOOTSTRAP), [], {
    env: spec.environment,
    // Lambda's working directory is the function's code root.
    cwd: spec.built.codeRoot,
    // memorySize bounds the heap; V8 aborts the process past it.
    execArgv: [`--max-old-space-size=${spec.built.model.memoryMb}`],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4096);
  });
  let fatal: LambdaError | undefined;
  let killed = false;
  const deathListeners: Array<(error: LambdaError) => void> = [];
  child.on('message', (message: BootstrapMessage) => {
    if (message.type === 'fatal') fatal = message.error;
  });
  child.on('exit', (code, signal) => {
    if (killed) return;
    const error =
      fatal ??
      (/heap out of memory/.test(stderr) ? OUT_OF_MEMORY : exitError(signal ? `signal: ${signal === 'SIGKILL' ? 'killed' : signal}` : `exit status ${code}`));
    for (const listener of deathListeners) listener(error);
  });
  child.on('error', () => {});
  const channel: Channel = {
    send: (message) => {
      if (child.connected) child.send(message as never);
    },
    onMessage: (listener) => child.on('message', (message: BootstrapMessage) => listener(message)),
    onDeath: (listener) => deathListeners.push(listener),
    kill: () =>
      new Promise<void>((resolve) => {
        killed = true;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
  child.send({ type: 'init', data: environmentData(spec) } as never);
  return startChannelEnvironment(channel, spec);
};
