/** The worker-thread runner: one execution environment per worker thread, stopped for real on timeout. */
import { basename, extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LambdaError } from '../invoker.ts';
import type { EnvironmentOutcome, ExecutionEnvironment, InvocationRequest, StartEnvironment } from '../runner.ts';

const BOOTSTRAP = new URL('./worker-environment.js', import.meta.url);

type WorkerMessage =
  | { type: 'log'; line: string }
  | { type: 'ready' }
  | { type: 'init-error'; error: LambdaError }
  | { type: 'result'; requestId: string; heapUsedMb: number; ok: true; json: string }
  | { type: 'result'; requestId: string; heapUsedMb: number; ok: false; error: LambdaError };

interface Pending {
  requestId: string;
  resolve(outcome: EnvironmentOutcome): void;
}

function exitError(code: number): LambdaError {
  return { errorType: 'Runtime.ExitError', errorMessage: `RequestId: exited with code ${code}: Runtime exited with error: exit status ${code}`, trace: [] };
}

/** What Lambda reports when the runtime dies: out of memory, or the uncaught error itself. */
function deathError(error: Error): LambdaError {
  if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return { errorType: 'Runtime.OutOfMemory', errorMessage: 'Runtime exited with error: signal: killed', trace: [] };
  }
  return { errorType: error.name || 'Error', errorMessage: error.message, trace: (error.stack ?? '').split('\n') };
}

class WorkerEnvironment implements ExecutionEnvironment {
  readonly initDurationMs: number;
  private readonly worker: Worker;
  private readonly onLog: (line: string) => void;
  private pending: Pending | undefined;
  private dead = false;
  private lastHeapUsedMb = 0;

  constructor(worker: Worker, initDurationMs: number, onLog: (line: string) => void) {
    this.worker = worker;
    this.initDurationMs = initDurationMs;
    this.onLog = onLog;
    worker.on('message', (message: WorkerMessage) => this.onMessage(message));
    worker.on('error', (error: Error) => this.onDeath(deathError(error)));
    worker.on('exit', (code: number) => this.onDeath(exitError(code)));
  }

  get alive(): boolean {
    return !this.dead;
  }

  invoke(request: InvocationRequest): Promise<EnvironmentOutcome> {
    if (this.dead) return Promise.resolve({ kind: 'crash', error: exitError(1), maxMemoryUsedMb: this.lastHeapUsedMb });
    return new Promise((resolve) => {
      this.pending = { requestId: request.requestId, resolve };
      this.worker.postMessage({
        type: 'invoke',
        requestId: request.requestId,
        event: request.event,
        deadlineMs: request.deadlineMs,
        logStreamName: request.logStreamName,
      });
    });
  }

  async dispose(): Promise<void> {
    if (this.dead) return;
    this.dead = true;
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private onMessage(message: WorkerMessage): void {
    if (message.type === 'log') {
      this.onLog(message.line);
      return;
    }
    if (message.type !== 'result' || message.requestId !== this.pending?.requestId) return;
    const { resolve } = this.pending;
    this.pending = undefined;
    this.lastHeapUsedMb = message.heapUsedMb;
    if (message.ok) resolve({ kind: 'ok', json: message.json, maxMemoryUsedMb: message.heapUsedMb });
    else resolve({ kind: 'error', error: message.error, maxMemoryUsedMb: message.heapUsedMb });
  }

  /** An uncaught exception, an unhandled rejection or process.exit(): this environment is gone. */
  private onDeath(error: LambdaError): void {
    if (this.dead && !this.pending) return;
    this.dead = true;
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve({ kind: 'crash', error, maxMemoryUsedMb: this.lastHeapUsedMb });
  }
}

/** Starts a worker and waits for its init (module load); an init failure is reported, not thrown. */
export const startWorkerEnvironment: StartEnvironment = (spec) =>
  new Promise((resolve) => {
    const startedAt = performance.now();
    const file = spec.built.sourcePath;
    const worker = new Worker(BOOTSTRAP, {
      env: spec.environment,
      workerData: {
        bundlePath: spec.built.bundlePath,
        exportName: spec.built.exportName,
        handlerFile: basename(file, extname(file)),
        functionName: spec.built.model.name,
        memoryMb: spec.built.model.memoryMb,
        timeoutSeconds: spec.built.model.timeoutSeconds,
        region: spec.region,
        accountId: spec.accountId,
        trustedCertificates: spec.trustedCertificates,
      },
      // Workers inherit the parent's flags; a TypeScript loader or a test runner's flags have no business there.
      execArgv: [],
      // memorySize bounds the environment's heap, as far as Node allows: past it the environment dies.
      resourceLimits: { maxOldGenerationSizeMb: spec.built.model.memoryMb },
      stdout: false,
      stderr: false,
    });
    const early = (message: WorkerMessage) => {
      if (message.type === 'log') return spec.onLog(message.line);
      worker.off('message', early);
      worker.off('error', failed);
      worker.off('exit', exited);
      if (message.type === 'ready') {
        resolve({ ok: true, environment: new WorkerEnvironment(worker, performance.now() - startedAt, spec.onLog) });
      } else if (message.type === 'init-error') {
        void worker.terminate();
        resolve({ ok: false, error: message.error, initDurationMs: performance.now() - startedAt });
      }
    };
    const failed = (error: Error) => {
      worker.off('message', early);
      worker.off('exit', exited);
      resolve({ ok: false, error: deathError(error), initDurationMs: performance.now() - startedAt });
    };
    const exited = (code: number) => {
      worker.off('message', early);
      worker.off('error', failed);
      resolve({ ok: false, error: exitError(code), initDurationMs: performance.now() - startedAt });
    };
    worker.on('message', early);
    worker.once('error', failed);
    worker.once('exit', exited);
  });
