/** Execution environments of one function: warm reuse, cold starts up to a limit, timeouts, logs. */
import type { Clock } from '../internal/clock.ts';
import type { Ids } from '../internal/ids.ts';
import type { BuiltFunction } from './build.ts';
import { environmentFor, logStreamName } from './environment-variables.ts';
import type { InvocationOutcome, LambdaError } from './invoker.ts';
import { endLine, reportLine, runtimeLine, startLine, timeoutMessage } from './logs.ts';
import type { EnvironmentOutcome, ExecutionEnvironment, StartEnvironment } from './runner.ts';

export interface PoolOptions {
  built: BuiltFunction;
  start: StartEnvironment;
  platformEnvironment: Record<string, string>;
  rootDir: string;
  trustedCertificates: string[];
  region: string;
  accountId: string;
  maxEnvironments: number;
  clock: Clock;
  ids: Ids;
  log(line: string): void;
}

type Lease =
  | { kind: 'warm' | 'cold'; environment: ExecutionEnvironment; streamName: string; generation: number; tap: LogTap }
  | { kind: 'init-failed'; error: LambdaError; initDurationMs: number };

/** Where an environment's output also goes while an invocation wants its log lines. */
interface LogTap {
  lines: string[] | undefined;
}

interface Pooled {
  tap: LogTap;
  environment: ExecutionEnvironment;
  streamName: string;
  /** Which build of the code it runs: environments of an older build are not reused. */
  generation: number;
}

const TIMED_OUT: unique symbol = Symbol('timed out');

/** Lambda logs a function error as one `Invoke Error` line. */
function errorLine(epochMs: number, requestId: string, error: LambdaError): string {
  const detail = JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage, stack: error.trace });
  return runtimeLine(epochMs, requestId, 'ERROR', `Invoke Error \t${detail}`);
}

export class FunctionPool {
  private readonly options: PoolOptions;
  private readonly idle: Pooled[] = [];
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly waiters: Array<(lease: Lease) => void> = [];
  /** Environments running or starting. */
  private size = 0;
  private disposed = false;
  private built: BuiltFunction;
  private generation = 0;

  constructor(options: PoolOptions) {
    this.options = options;
    this.built = options.built;
  }

  /**
   * Hot reload: new environments run `built`; idle ones of the old code stop now, busy ones finish their
   * invocation on the old code and stop then.
   */
  async replace(built: BuiltFunction): Promise<void> {
    this.built = built;
    this.generation += 1;
    const stale = this.idle.splice(0);
    await Promise.all(stale.map((pooled) => this.retire(pooled.environment)));
  }

  async invoke(event: unknown, captureLogs = false): Promise<InvocationOutcome> {
    const captured: string[] | undefined = captureLogs ? [] : undefined;
    const { clock, ids } = this.options;
    const log = captured
      ? (line: string) => {
          this.options.log(line);
          captured.push(line);
        }
      : this.options.log;
    const withLogs = (outcome: InvocationOutcome): InvocationOutcome => (captured ? { ...outcome, logs: captured } : outcome);
    const built = this.built;
    const requestId = ids.uuid();
    if (this.disposed)
      return withLogs({ kind: 'crash', requestId, error: { errorType: 'Hoplite.Disposed', errorMessage: 'the gateway is shutting down', trace: [] } });
    const lease = await this.acquire();
    log(startLine(requestId));
    const memoryMb = built.model.memoryMb;
    if (lease.kind === 'init-failed') {
      log(errorLine(clock.now(), requestId, lease.error));
      log(endLine(requestId));
      log(reportLine(requestId, { durationMs: lease.initDurationMs, memoryMb, maxMemoryUsedMb: 0, initDurationMs: lease.initDurationMs }));
      this.discard();
      return withLogs({ kind: 'crash', requestId, error: lease.error });
    }

    const { environment, tap } = lease;
    // The handler's own output joins this invocation's log lines while it runs.
    tap.lines = captured;
    const timeoutMs = built.model.timeoutSeconds * 1000;
    const startedAt = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
    });
    const result: EnvironmentOutcome | typeof TIMED_OUT = await Promise.race([
      // The handler measures its remaining time with the real clock, so the deadline is real time too.
      environment.invoke({ requestId, event, deadlineMs: Date.now() + timeoutMs, logStreamName: lease.streamName }),
      timedOut,
    ]);
    clearTimeout(timer);
    tap.lines = undefined;
    const durationMs = performance.now() - startedAt;
    const initDurationMs = lease.kind === 'cold' ? environment.initDurationMs : undefined;
    const report = (maxMemoryUsedMb: number) =>
      log(reportLine(requestId, { durationMs, memoryMb, maxMemoryUsedMb, ...(initDurationMs === undefined ? {} : { initDurationMs }) }));

    if (result === TIMED_OUT) {
      // The code really stops: the environment goes, and the next invocation gets a fresh one.
      const message = timeoutMessage(built.model.timeoutSeconds);
      log(runtimeLine(clock.now(), requestId, 'ERROR', message).replace('\tERROR\t', ' '));
      log(endLine(requestId));
      report(0);
      await this.retire(environment);
      return withLogs({
        kind: 'timeout',
        requestId,
        error: { errorType: 'Sandbox.Timedout', errorMessage: `${new Date(clock.now()).toISOString()} ${requestId} ${message}`, trace: [] },
      });
    }

    if (result.kind !== 'ok') log(errorLine(clock.now(), requestId, result.error));
    log(endLine(requestId));
    report(result.maxMemoryUsedMb);
    if (result.kind === 'crash') {
      await this.retire(environment);
      return withLogs({ kind: 'crash', requestId, error: result.error });
    }
    this.release({ environment, streamName: lease.streamName, generation: lease.generation, tap });
    if (result.kind === 'error') return withLogs({ kind: 'error', requestId, error: result.error });
    return withLogs({ kind: 'ok', requestId, payload: JSON.parse(result.json) });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const environments = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(environments.map((environment) => environment.dispose()));
  }

  private acquire(): Promise<Lease> {
    const pooled = this.idle.pop();
    if (pooled) return Promise.resolve({ kind: 'warm', ...pooled });
    if (this.size < this.options.maxEnvironments) {
      this.size += 1;
      return this.startEnvironment();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private async startEnvironment(): Promise<Lease> {
    const { start, platformEnvironment, rootDir, trustedCertificates, region, accountId, clock, log } = this.options;
    const { built, generation } = this;
    const streamName = logStreamName(clock.now());
    const tap: LogTap = { lines: undefined };
    const result = await start({
      built,
      environment: environmentFor(built.model, platformEnvironment, rootDir, streamName),
      trustedCertificates,
      region,
      accountId,
      clock,
      onLog: (line) => {
        log(line);
        tap.lines?.push(line);
      },
    });
    if (!result.ok) return { kind: 'init-failed', error: result.error, initDurationMs: result.initDurationMs };
    if (this.disposed) {
      await result.environment.dispose();
      return { kind: 'init-failed', error: { errorType: 'Hoplite.Disposed', errorMessage: 'the gateway is shutting down', trace: [] }, initDurationMs: 0 };
    }
    this.all.add(result.environment);
    return { kind: 'cold', environment: result.environment, streamName, generation, tap };
  }

  private release(pooled: Pooled): void {
    if (this.disposed) return;
    if (pooled.generation !== this.generation) {
      void this.retire(pooled.environment);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter({ kind: 'warm', ...pooled });
    else this.idle.push(pooled);
  }

  private async retire(environment: ExecutionEnvironment): Promise<void> {
    this.all.delete(environment);
    await environment.dispose();
    this.discard();
  }

  /** One environment fewer; a waiting invocation gets a fresh one. */
  private discard(): void {
    this.size -= 1;
    const waiter = this.waiters.shift();
    if (!waiter) return;
    this.size += 1;
    void this.startEnvironment().then(waiter);
  }
}
