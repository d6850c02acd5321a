/** Execution environments of one function: warm reuse, cold starts, concurrency limits, idle reclaim, timeouts, logs. */
import type { Clock, Timer } from '../internal/clock.ts';
import type { Ids } from '../internal/ids.ts';
import type { Log } from '../internal/log.ts';
import type { OwnEndpoints } from '../internal/own-endpoints.ts';
import { LAMBDA_MAX_RESPONSE_BYTES } from '../limits.ts';
import type { BuiltFunction } from './build.ts';
import type { AccountConcurrency } from './concurrency.ts';
import { environmentFor, logStreamName } from './environment-variables.ts';
import { eventPayloadError } from './event-payload.ts';
import { INSPECT_TIMEOUT_SECONDS, logInspectorLine, overrunWarning } from './inspect.ts';
import { type InvocationOutcome, type LambdaError, RESPONSE_TOO_LARGE } from './invoker.ts';
import { type InvocationStatus, type LogFormatName, PLATFORM_LOGS, timeoutMessage } from './logs.ts';
import type { EnvironmentMemoryBudget, IdleEnvironments } from './memory-budget.ts';
import type { EnvironmentOutcome, ExecutionEnvironment, HostRedirect, StartEnvironment } from './runner.ts';

export interface PoolOptions {
  built: BuiltFunction;
  start: StartEnvironment;
  platformEnvironment: Record<string, string>;
  trustedCertificates: string[];
  /** Read when an environment starts: the gateway fills it once its ports are known. */
  redirects: readonly HostRedirect[];
  /** The gateway's own endpoints, reached in memory by environments in its process. */
  ownEndpoints?: OwnEndpoints;
  region: string;
  accountId: string;
  account: AccountConcurrency;
  /** Shared by every function of the gateway: environments start within it, reclaiming idle ones first. */
  memoryBudget: EnvironmentMemoryBudget;
  /** An environment idle this long is stopped; the next invocation is a cold start. */
  idleEnvironmentTtlMs: number;
  /** Lambda's text or JSON log format. */
  logFormat: LogFormatName;
  /** Environments that may be starting at once; further invocations wait for the next free environment. */
  parallelColdStarts: number;
  clock: Clock;
  ids: Ids;
  log(line: string): void;
  /** Whether anyone reads the lines given to `log` (when not, they are not even formatted). */
  linesWanted: boolean;
  /**
   * While inspecting: a pause at a breakpoint must not time the environment out, and runners that give each
   * environment an inspector of its own (`environments`) learn where it listens.
   */
  inspect?: { log: Log; environments?: { host: string; firstPort: number } };
}

/** Where an environment's output also goes while an invocation wants its log lines. */
interface LogTap {
  lines: string[] | undefined;
}

interface Pooled {
  environment: ExecutionEnvironment;
  streamName: string;
  /** Which build of the code it runs: environments of an older build are not reused. */
  generation: number;
  tap: LogTap;
  /** What it counts against the memory budget: its function's memoryMb when it started. */
  memoryMb: number;
  /** Stops the environment once it has been idle too long. */
  reclaim?: Timer;
  /** The budget's stamp of when it became idle. */
  idleStamp?: number;
}

type Lease = ({ kind: 'warm' | 'cold' } & Pooled) | { kind: 'init-failed'; error: LambdaError; initDurationMs: number };
/** A start given up before it began: the invocation it was for was served by an environment that came free. */
const WITHDRAWN: unique symbol = Symbol('withdrawn');

const TIMED_OUT: unique symbol = Symbol('timed out');

/** The result's size as Lambda counts it: the bytes of its JSON. A string this short in UTF-16 units cannot be over. */
function isOverResponseLimit(json: string): boolean {
  return json.length * 3 > LAMBDA_MAX_RESPONSE_BYTES && Buffer.byteLength(json) > LAMBDA_MAX_RESPONSE_BYTES;
}

/** What a lease or an idle entry carries of an environment, without its timer. */
function pooledFields(pooled: Pooled): Pooled {
  const { environment, streamName, generation, tap, memoryMb } = pooled;
  return { environment, streamName, generation, tap, memoryMb };
}

function undeliverable(error: unknown): LambdaError {
  const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
  return { errorType: name, errorMessage: message, trace: (stack ?? '').split('\n') };
}

function withLogs(outcome: InvocationOutcome, captured: string[] | undefined): InvocationOutcome {
  return captured ? { ...outcome, logs: captured } : outcome;
}

interface Figures {
  durationMs: number;
  maxMemoryUsedMb: number;
  initDurationMs: number | undefined;
}

/** The START, END and REPORT lines (and error lines) of one invocation, to the log and to a capture. */
class PlatformLines {
  private readonly options: PoolOptions;
  private readonly requestId: string;
  private readonly memoryMb: number;
  private readonly captured: string[] | undefined;
  private readonly format: (typeof PLATFORM_LOGS)[LogFormatName];

  constructor(options: PoolOptions, requestId: string, memoryMb: number, captured: string[] | undefined) {
    this.options = options;
    this.requestId = requestId;
    this.memoryMb = memoryMb;
    this.captured = captured;
    this.format = PLATFORM_LOGS[options.logFormat];
  }

  start(): void {
    this.write(this.format.start(this.requestId, this.options.clock.now()));
  }

  succeeded(figures: Figures): void {
    this.finish(figures, 'success');
  }

  failed(error: LambdaError, figures: Figures, status: InvocationStatus): void {
    this.write(this.format.invokeError(this.requestId, this.options.clock.now(), error));
    this.finish(figures, status);
  }

  timedOut(timeoutSeconds: number, figures: Figures): void {
    this.write(this.format.timeout(this.requestId, this.options.clock.now(), timeoutSeconds));
    this.finish(figures, 'timeout');
  }

  private finish(figures: Figures, status: InvocationStatus): void {
    const end = this.format.end(this.requestId);
    if (end) this.write(end);
    const { durationMs, maxMemoryUsedMb, initDurationMs } = figures;
    const report = { durationMs, memoryMb: this.memoryMb, maxMemoryUsedMb, ...(initDurationMs === undefined ? {} : { initDurationMs }) };
    this.write(this.format.report(this.requestId, this.options.clock.now(), report, status));
  }

  private write(line: string): void {
    this.options.log(line);
    this.captured?.push(line);
  }
}

export class FunctionPool implements IdleEnvironments {
  private readonly options: PoolOptions;
  /** Most recently used last: warm starts take the freshest environment. */
  private readonly idle: Pooled[] = [];
  /** Every environment started and not yet stopped, with what it counts against the memory budget. */
  private readonly all = new Map<ExecutionEnvironment, number>();
  private inFlight = 0;
  /** Environments being started now. */
  private starting = 0;
  /** Invocations waiting for an environment, first come first served. */
  private readonly waiters: Array<(lease: Lease) => void> = [];
  private disposed = false;
  /** Stops environments still starting when the pool is disposed. */
  private readonly stopping = new AbortController();
  private built: BuiltFunction;
  private generation = 0;

  constructor(options: PoolOptions) {
    this.options = options;
    this.built = options.built;
    options.memoryBudget.register(this);
  }

  oldestIdleStamp(): number | undefined {
    return this.idle[0]?.idleStamp;
  }

  reclaimOldestIdle(): void {
    const oldest = this.idle.shift();
    if (oldest) void this.retire(oldest);
  }

  /**
   * Hot reload: new environments run `built`; idle ones of the old code stop now, busy ones finish their
   * invocation on the old code and stop then.
   */
  async replace(built: BuiltFunction): Promise<void> {
    this.built = built;
    this.generation += 1;
    const stale = this.idle.splice(0);
    await Promise.all(stale.map((pooled) => this.retire(pooled)));
  }

  async invoke(event: unknown, captureLogs = false): Promise<InvocationOutcome> {
    const captured: string[] | undefined = captureLogs ? [] : undefined;
    const { ids, account } = this.options;
    const requestId = ids.uuid();
    if (this.disposed)
      return withLogs(
        { kind: 'crash', requestId, error: { errorType: 'Hoplite.Disposed', errorMessage: 'the gateway is shutting down', trace: [] } },
        captured,
      );
    // An event Lambda could not parse as JSON is refused before anything runs; it would not survive the channel either.
    const invalid = eventPayloadError(event);
    if (invalid) return withLogs({ kind: 'rejected', requestId, error: invalid }, captured);
    // Lambda throttles beyond the function's reserved concurrency, then beyond the account's.
    const reserved = this.built.model.reservedConcurrency;
    if ((reserved !== undefined && this.inFlight >= reserved) || account.inFlight >= account.limit) {
      const reason =
        reserved !== undefined && this.inFlight >= reserved ? 'ReservedFunctionConcurrentInvocationLimitExceeded' : 'ConcurrentInvocationLimitExceeded';
      return withLogs(
        { kind: 'throttled', requestId, reason, error: { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.', trace: [] } },
        captured,
      );
    }
    this.inFlight += 1;
    account.inFlight += 1;
    try {
      return withLogs(await this.run(event, requestId, captured), captured);
    } finally {
      this.inFlight -= 1;
      account.inFlight -= 1;
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.stopping.abort();
    this.options.memoryBudget.forget(this);
    const disposed: Lease = {
      kind: 'init-failed',
      error: { errorType: 'Hoplite.Disposed', errorMessage: 'the gateway is shutting down', trace: [] },
      initDurationMs: 0,
    };
    for (const waiter of this.waiters.splice(0)) waiter(disposed);
    for (const pooled of this.idle) pooled.reclaim?.cancel();
    const environments = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(
      environments.map(([environment, memoryMb]) => {
        this.options.memoryBudget.release(memoryMb);
        return environment.dispose();
      }),
    );
  }

  /** One invocation: platform lines around it (formatted only when someone reads them), the timeout, the outcome. */
  private async run(event: unknown, requestId: string, captured: string[] | undefined): Promise<InvocationOutcome> {
    const built = this.built;
    const lines = captured || this.options.linesWanted ? new PlatformLines(this.options, requestId, built.model.memoryMb, captured) : undefined;
    const lease = await this.acquire();
    lines?.start();
    if (lease.kind === 'init-failed') {
      lines?.failed(lease.error, { durationMs: lease.initDurationMs, maxMemoryUsedMb: 0, initDurationMs: lease.initDurationMs }, 'error');
      return { kind: 'crash', requestId, error: lease.error };
    }

    const { environment, tap } = lease;
    // The handler's own output joins this invocation's log lines while it runs.
    tap.lines = captured;
    const timeoutMs = built.model.timeoutSeconds * 1000;
    // DIFF: while inspecting, the environment is stopped at Lambda's maximum timeout only (see inspect.ts).
    const stopAfterSeconds = this.options.inspect ? Math.max(built.model.timeoutSeconds, INSPECT_TIMEOUT_SECONDS) : built.model.timeoutSeconds;
    // Durations are measured, not emulated: the REPORT line tells how long the code really ran, whatever the clock.
    const startedAt = performance.now();
    const result = await new Promise<EnvironmentOutcome | typeof TIMED_OUT>((resolve) => {
      // The gateway's clock stops the environment (a manual clock in tests, so no test waits for a timeout)...
      const timer = this.options.clock.setTimer(stopAfterSeconds * 1000, () => resolve(TIMED_OUT));
      const settle = (outcome: EnvironmentOutcome) => {
        timer.cancel();
        resolve(outcome);
      };
      // ...while the handler counts its remaining time with the real clock of its environment, so its deadline
      // is real time: the two agree on the system clock, and a manual clock only moves the stop.
      environment
        .invoke({ requestId, event, deadlineMs: Date.now() + timeoutMs, logStreamName: lease.streamName })
        // A runner that fails to deliver the invocation fails this invocation, never the gateway.
        .then(settle, (error: unknown) => settle({ kind: 'crash', error: undeliverable(error), maxMemoryUsedMb: 0 }));
    });
    tap.lines = undefined;
    const durationMs = performance.now() - startedAt;
    const initDurationMs = lease.kind === 'cold' ? environment.initDurationMs : undefined;

    if (result === TIMED_OUT) {
      // The code really stops: the environment goes, and the next invocation gets a fresh one.
      lines?.timedOut(stopAfterSeconds, { durationMs, maxMemoryUsedMb: 0, initDurationMs });
      await this.retire(lease);
      const message = timeoutMessage(stopAfterSeconds);
      return {
        kind: 'timeout',
        requestId,
        error: { errorType: 'Sandbox.Timedout', errorMessage: `${new Date(this.options.clock.now()).toISOString()} ${requestId} ${message}`, trace: [] },
      };
    }

    if (this.options.inspect && durationMs > timeoutMs)
      this.options.inspect.log.warn(overrunWarning(built.model.name, requestId, durationMs, built.model.timeoutSeconds));
    const figures = { durationMs, maxMemoryUsedMb: result.maxMemoryUsedMb, initDurationMs };
    const oversized =
      result.kind === 'ok' && (result.jsonBytes === undefined ? isOverResponseLimit(result.json) : result.jsonBytes > LAMBDA_MAX_RESPONSE_BYTES);
    if (result.kind === 'ok' && !oversized) lines?.succeeded(figures);
    else lines?.failed(result.kind === 'ok' ? RESPONSE_TOO_LARGE : result.error, figures, 'error');
    if (result.kind === 'crash') {
      await this.retire(lease);
      return { kind: 'crash', requestId, error: result.error };
    }
    this.release(lease);
    if (result.kind === 'error') return { kind: 'error', requestId, error: result.error };
    // RT-8: Lambda fails the invocation, not the environment, when the result is over its response limit.
    if (oversized) return { kind: 'error', requestId, error: RESPONSE_TOO_LARGE };
    return { kind: 'ok', requestId, payload: JSON.parse(result.json) };
  }

  /**
   * A warm environment if one is idle; otherwise the first environment to come free, a busy one finishing or a
   * new one starting. DIFF: Lambda starts an environment for every overlapping invocation at once; here at most
   * `parallelColdStarts` start together, because short invocations that merely arrive together (a burst of
   * `$connect`s) are served sooner by an environment that is already warm than by many cold starts competing for
   * two cores. Long invocations still scale out, one start after another.
   */
  private acquire(): Promise<Lease> {
    const pooled = this.idle.pop();
    if (pooled) {
      pooled.reclaim?.cancel();
      return Promise.resolve({ kind: 'warm', ...pooled });
    }
    const lease = new Promise<Lease>((resolve) => this.waiters.push(resolve));
    this.startIfWaiting();
    return lease;
  }

  private startIfWaiting(): void {
    while (!this.disposed && this.starting < this.options.parallelColdStarts && this.waiters.length > this.starting) {
      this.starting += 1;
      void this.startEnvironment().then((lease) => {
        this.starting -= 1;
        if (lease === WITHDRAWN) return this.startIfWaiting();
        const waiter = this.waiters.shift();
        if (waiter) waiter(lease);
        else if (lease.kind === 'cold') this.release(lease);
        this.startIfWaiting();
      });
    }
  }

  private async startEnvironment(): Promise<Lease | typeof WITHDRAWN> {
    const { start, platformEnvironment, trustedCertificates, redirects, region, accountId, clock, log } = this.options;
    const { built, generation } = this;
    const { memoryBudget } = this.options;
    const memoryMb = built.model.memoryMb;
    // Wanted while there are at least as many waiting invocations as starts in progress, this one included.
    const granted = await memoryBudget.reserve(this, memoryMb, () => this.disposed || this.waiters.length >= this.starting);
    if (!granted && !this.disposed) return WITHDRAWN;
    // Memory freed by another pool's disposal can be granted just before this pool is disposed too.
    if (granted && this.disposed) memoryBudget.release(memoryMb);
    if (!granted || this.disposed)
      return { kind: 'init-failed', error: { errorType: 'Hoplite.Disposed', errorMessage: 'the gateway is shutting down', trace: [] }, initDurationMs: 0 };
    const streamName = logStreamName(clock.now());
    const tap: LogTap = { lines: undefined };
    const inspect = this.options.inspect;
    const inspector = inspect?.environments && {
      ...inspect.environments,
      onLine: (line: string) => logInspectorLine(inspect.log, built.model.name, streamName, line),
    };
    const result = await start({
      built,
      environment: environmentFor(built, platformEnvironment, streamName),
      trustedCertificates,
      redirects: [...redirects],
      ...(this.options.ownEndpoints ? { ownEndpoints: this.options.ownEndpoints } : {}),
      logFormat: this.options.logFormat,
      region,
      accountId,
      clock,
      onLog: (line) => {
        log(line);
        tap.lines?.push(line);
      },
      ...(inspector ? { inspector } : {}),
      signal: this.stopping.signal,
    });
    if (!result.ok) {
      memoryBudget.release(memoryMb);
      return { kind: 'init-failed', error: result.error, initDurationMs: result.initDurationMs };
    }
    if (this.disposed) {
      memoryBudget.release(memoryMb);
      await result.environment.dispose();
      return { kind: 'init-failed', error: { errorType: 'Hoplite.Disposed', errorMessage: 'the gateway is shutting down', trace: [] }, initDurationMs: 0 };
    }
    this.all.set(result.environment, memoryMb);
    return { kind: 'cold', environment: result.environment, streamName, generation, tap, memoryMb };
  }

  private release(pooled: Pooled): void {
    if (this.disposed) return;
    if (pooled.generation !== this.generation) {
      void this.retire(pooled);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter({ kind: 'warm', ...pooledFields(pooled) });
      return;
    }
    const entry: Pooled = { ...pooledFields(pooled), idleStamp: this.options.memoryBudget.stamp() };
    // Idle environments are reclaimed, as Lambda does (clock timers never keep the process alive).
    entry.reclaim = this.options.clock.setTimer(this.options.idleEnvironmentTtlMs, () => {
      const index = this.idle.indexOf(entry);
      if (index === -1) return;
      this.idle.splice(index, 1);
      void this.retire(entry);
    });
    this.idle.push(entry);
    this.options.memoryBudget.idleAvailable();
  }

  private async retire(pooled: Pooled): Promise<void> {
    pooled.reclaim?.cancel();
    // Released at once, so that a start waiting for memory sees it free; disposing only follows.
    if (this.all.delete(pooled.environment)) this.options.memoryBudget.release(pooled.memoryMb);
    await pooled.environment.dispose();
  }
}
