/** The runner side of an execution environment that speaks the bootstrap's messages, whatever carries them. */

import { LAMBDA_MAX_RESPONSE_BYTES } from '../../limits.ts';
import { invalidRequestContent } from '../event-payload.ts';
import type { LambdaError } from '../invoker.ts';
import type { EnvironmentOutcome, EnvironmentSpec, ExecutionEnvironment, InvocationRequest, StartResult } from '../runner.ts';

/** The bootstrap both runners start (plain JavaScript: it runs before any TypeScript loader). */
export const BOOTSTRAP = new URL('./environment-bootstrap.js', import.meta.url);

export type BootstrapMessage =
  | { type: 'log'; line: string }
  | { type: 'ready' }
  | { type: 'init-error'; error: LambdaError }
  | { type: 'fatal'; error: LambdaError }
  | { type: 'result'; requestId: string; heapUsedMb: number; ok: true; json: string; jsonBytes?: number }
  | { type: 'result'; requestId: string; heapUsedMb: number; ok: false; error: LambdaError };

/** A worker or a child process, seen the same way. */
export interface Channel {
  send(message: unknown): void;
  onMessage(listener: (message: BootstrapMessage) => void): void;
  /** Called once, with what Lambda would report, when the environment dies by itself. */
  onDeath(listener: (error: LambdaError) => void): void;
  /** Stops it at once. */
  kill(): Promise<void>;
}

/**
 * The young generation's semi-space of an environment, as Lambda's Node.js bootstrap sizes it: a tenth of
 * memorySize for the young generation, half of that per semi-space (V8's default, 16 MB, is Lambda's for 320 MB).
 * UNVERIFIED: read from copies of the runtime's bootstrap (`--max-semi-space-size=$((memory / 10 / 2))`); AWS
 * documents no V8 flags.
 */
export function semiSpaceMb(memoryMb: number): number {
  return Math.max(1, Math.floor(memoryMb / 20));
}

/** `status` as Lambda words it: `exit status 3`, `signal: killed`. */
export function exitError(status: string): LambdaError {
  return { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: ${status}`, trace: [] };
}

export const OUT_OF_MEMORY: LambdaError = { errorType: 'Runtime.OutOfMemory', errorMessage: 'Runtime exited with error: signal: killed', trace: [] };

/** What the bootstrap needs to know about its function. */
export function environmentData(spec: EnvironmentSpec) {
  return {
    handler: spec.built.handler,
    handlerBase: spec.built.handlerBase,
    codeRoot: spec.built.codeRoot,
    cacheDir: spec.built.cacheDir,
    snapshot: spec.built.snapshot,
    layerPaths: spec.built.layerPaths,
    functionName: spec.built.model.name,
    memoryMb: spec.built.model.memoryMb,
    timeoutSeconds: spec.built.model.timeoutSeconds,
    region: spec.region,
    accountId: spec.accountId,
    trustedCertificates: spec.trustedCertificates,
    redirects: spec.redirects,
    logFormat: spec.logFormat,
    maxResponseBytes: LAMBDA_MAX_RESPONSE_BYTES,
  };
}

class ChannelEnvironment implements ExecutionEnvironment {
  readonly initDurationMs: number;
  private readonly channel: Channel;
  private readonly onLog: (line: string) => void;
  private pending: { requestId: string; resolve(outcome: EnvironmentOutcome): void } | undefined;
  private dead = false;
  private lastHeapUsedMb = 0;

  constructor(channel: Channel, initDurationMs: number, onLog: (line: string) => void) {
    this.channel = channel;
    this.initDurationMs = initDurationMs;
    this.onLog = onLog;
    channel.onMessage((message) => this.onMessage(message));
    channel.onDeath((error) => this.onDeath(error));
  }

  get alive(): boolean {
    return !this.dead;
  }

  invoke(request: InvocationRequest): Promise<EnvironmentOutcome> {
    if (this.dead) return Promise.resolve({ kind: 'crash', error: exitError('exit status 1'), maxMemoryUsedMb: this.lastHeapUsedMb });
    return new Promise((resolve) => {
      this.pending = { requestId: request.requestId, resolve };
      try {
        this.channel.send({
          type: 'invoke',
          requestId: request.requestId,
          event: request.event,
          deadlineMs: request.deadlineMs,
          logStreamName: request.logStreamName,
        });
      } catch (error) {
        // The event could not be cloned or serialised (a function, a symbol): nothing was sent, the environment is intact.
        this.pending = undefined;
        resolve({ kind: 'error', error: invalidRequestContent((error as Error).message), maxMemoryUsedMb: this.lastHeapUsedMb });
      }
    });
  }

  async dispose(): Promise<void> {
    if (this.dead) return;
    this.dead = true;
    await this.channel.kill();
  }

  private onMessage(message: BootstrapMessage): void {
    if (message.type === 'log') {
      this.onLog(message.line);
      return;
    }
    if (message.type !== 'result' || message.requestId !== this.pending?.requestId) return;
    const { resolve } = this.pending;
    this.pending = undefined;
    this.lastHeapUsedMb = message.heapUsedMb;
    if (message.ok)
      resolve({
        kind: 'ok',
        json: message.json,
        maxMemoryUsedMb: message.heapUsedMb,
        ...(message.jsonBytes === undefined ? {} : { jsonBytes: message.jsonBytes }),
      });
    else resolve({ kind: 'error', error: message.error, maxMemoryUsedMb: message.heapUsedMb });
  }

  /** An uncaught exception, an unhandled rejection, process.exit() or exhausted memory: this environment is gone. */
  private onDeath(error: LambdaError): void {
    if (this.dead && !this.pending) return;
    this.dead = true;
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve({ kind: 'crash', error, maxMemoryUsedMb: this.lastHeapUsedMb });
  }
}

/** Waits for the bootstrap's init (the handler module loaded); an init failure is reported, not thrown. */
export function startChannelEnvironment(channel: Channel, spec: EnvironmentSpec): Promise<StartResult> {
  const startedAt = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: StartResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    channel.onMessage((message) => {
      if (settled) return;
      if (message.type === 'log') spec.onLog(message.line);
      else if (message.type === 'ready') settle({ ok: true, environment: new ChannelEnvironment(channel, performance.now() - startedAt, spec.onLog) });
      else if (message.type === 'init-error' || message.type === 'fatal') {
        void channel.kill();
        settle({ ok: false, error: message.error, initDurationMs: performance.now() - startedAt });
      }
    });
    channel.onDeath((error) => settle({ ok: false, error, initDurationMs: performance.now() - startedAt }));
    // A pool disposed while this environment still starts (its code may be gone by now): it must not live on.
    spec.signal?.addEventListener(
      'abort',
      () => {
        if (settled) return;
        void channel.kill();
        settle({ ok: false, error: { errorType: 'Hoplite.Disposed', errorMessage: 'the gateway is shutting down', trace: [] }, initDurationMs: 0 });
      },
      { once: true },
    );
  });
}
