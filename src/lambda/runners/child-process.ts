/** The child-process runner: each execution environment is its own Node process (native modules, process.chdir, full isolation). */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { claimInspectorPort, INSPECTOR_LINE, WAITING_FOR_DISCONNECT } from '../inspect.ts';
import type { LambdaError } from '../invoker.ts';
import type { StartEnvironment } from '../runner.ts';
import { BOOTSTRAP, type BootstrapMessage, type Channel, environmentData, exitError, OUT_OF_MEMORY, semiSpaceMb, startChannelEnvironment } from './channel.ts';

/**
 * How long an environment that exited may wait for its debugger to detach (VS Code does by itself) before it is
 * ended. Real time, not the gateway's clock: it waits on a real process and a real debugger.
 */
const DEBUGGER_DETACH_GRACE_MS = 1000;

export const startChildEnvironment: StartEnvironment = (spec) => {
  const { inspector } = spec;
  // While inspecting, each environment is its own debug target, on a port of its own.
  const inspectorPort = inspector ? claimInspectorPort(inspector.firstPort) : undefined;
  const inspectArgs = inspector && inspectorPort ? [`--inspect=${hostPort(inspector.host, inspectorPort.port)}`] : [];
  const child = fork(fileURLToPath(BOOTSTRAP), [], {
    env: spec.environment,
    // Lambda's working directory is the function's code root.
    cwd: spec.built.codeRoot,
    // memorySize bounds the heap; V8 aborts the process past it. The young generation is sized as on Lambda.
    execArgv: [`--max-old-space-size=${spec.built.model.memoryMb}`, `--max-semi-space-size=${semiSpaceMb(spec.built.model.memoryMb)}`, ...inspectArgs],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  // Handler output comes over the channel; stderr carries what Node itself writes (V8's out-of-memory report,
  // the inspector's URL).
  let stderr = '';
  let partialLine = '';
  let exitedUnderDebugger = false;
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    stderr = (stderr + text).slice(-4096);
    if (!inspector) return;
    const lines = (partialLine + text).split('\n');
    partialLine = (lines.pop() as string).slice(-4096);
    for (const line of lines.map((each) => each.trimEnd())) {
      if (INSPECTOR_LINE.test(line)) inspector.onLine(line);
      // A process that exits with a debugger attached waits for it to go; the environment has ended all the same.
      else if (line === WAITING_FOR_DISCONNECT) {
        exitedUnderDebugger = true;
        setTimeout(() => child.kill('SIGKILL'), DEBUGGER_DETACH_GRACE_MS).unref();
      }
    }
  });
  let fatal: LambdaError | undefined;
  let killed = false;
  const deathListeners: Array<(error: LambdaError) => void> = [];
  child.on('message', (message: BootstrapMessage) => {
    if (message.type === 'fatal') fatal = message.error;
  });
  child.on('exit', (code, signal) => {
    inspectorPort?.release();
    if (killed) return;
    const error = fatal ?? (/heap out of memory/.test(stderr) ? OUT_OF_MEMORY : exitError(exitStatus(code, signal, exitedUnderDebugger)));
    for (const listener of deathListeners) listener(error);
  });
  child.on('error', () => inspectorPort?.release());
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

/** The status as Lambda words it; an exit that waited for a debugger was ended by a signal that says nothing of it. */
function exitStatus(code: number | null, signal: NodeJS.Signals | null, exitedUnderDebugger: boolean): string {
  if (exitedUnderDebugger && signal === 'SIGKILL') return 'exit status unknown (it exited with a debugger attached)';
  if (signal) return `signal: ${signal === 'SIGKILL' ? 'killed' : signal}`;
  return `exit status ${code}`;
}

/** `host:port` as `--inspect` takes it; an IPv6 address in brackets. */
function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
