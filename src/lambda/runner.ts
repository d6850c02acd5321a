/** What a runner provides: execution environments that run one invocation at a time. */
import type { Clock } from '../internal/clock.ts';
import type { OwnEndpoints } from '../internal/own-endpoints.ts';
import type { BuiltFunction } from './build.ts';
import type { LambdaError } from './invoker.ts';

export interface InvocationRequest {
  requestId: string;
  event: unknown;
  /** Epoch ms at which the function's timeout expires (for getRemainingTimeInMillis). */
  deadlineMs: number;
  logStreamName: string;
}

/** What one environment reports; the pool adds timeouts, logs and request ids. */
export type EnvironmentOutcome =
  /**
   * `jsonBytes`: the result was over Lambda's response limit, so the environment sent only its size (`json` is
   * empty): a 50 MB result is not copied into the gateway to be refused there.
   */
  | { kind: 'ok'; json: string; jsonBytes?: number; maxMemoryUsedMb: number }
  | { kind: 'error'; error: LambdaError; maxMemoryUsedMb: number }
  | { kind: 'crash'; error: LambdaError; maxMemoryUsedMb: number };

export interface ExecutionEnvironment {
  readonly initDurationMs: number;
  readonly alive: boolean;
  invoke(request: InvocationRequest): Promise<EnvironmentOutcome>;
  /** Stops the environment at once, mid-invocation if need be. */
  dispose(): Promise<void>;
}

/** An AWS host name whose connections go to a local service instead. */
export interface HostRedirect {
  /** Lower case, e.g. `a1b2c3d4e5.execute-api.us-east-1.amazonaws.com`. */
  host: string;
  toHost: string;
  toPort: number;
  /** Whether the local service speaks TLS (the gateway) or plain HTTP only (the embedded store). */
  tls: boolean;
}

export interface EnvironmentSpec {
  built: BuiltFunction;
  environment: Record<string, string>;
  trustedCertificates: string[];
  redirects: HostRedirect[];
  /**
   * The gateway's own ports and store, for runners whose environments share its process: their connections there
   * (after the AWS host-name redirects) need no socket. Other runners connect as usual.
   */
  ownEndpoints?: OwnEndpoints;
  /** Lambda's text or JSON log format for the handler's console output. */
  logFormat: 'text' | 'json';
  region: string;
  accountId: string;
  clock: Clock;
  /** A line of the function's output (handler console output, runtime messages). */
  onLog(line: string): void;
  /** While inspecting: runners whose environments are processes of their own give each its own inspector. */
  inspector?: EnvironmentInspector;
  /** Aborted when the pool is disposed: a start still in progress stops its environment and reports a failure. */
  signal?: AbortSignal;
}

/** An environment's own inspector: where it listens, and where its `Debugger listening on ws://…` line goes. */
export interface EnvironmentInspector {
  host: string;
  /** Environments take the lowest port not in use from here on; 0: a free port each. */
  firstPort: number;
  /** The inspector's line as Node writes it: its URL, or why it could not listen. */
  onLine(line: string): void;
}

export type StartResult = { ok: true; environment: ExecutionEnvironment } | { ok: false; error: LambdaError; initDurationMs: number };

export type StartEnvironment = (spec: EnvironmentSpec) => Promise<StartResult>;

/** Where a debugger attaches to a runner's handler code. */
export type RunnerInspector =
  /** The gateway process's own inspector: environments run in it (in-process) or are its targets (worker threads). */
  | { kind: 'process' }
  /** Each environment is a process with an inspector of its own. */
  | { kind: 'environments' }
  /** Nowhere here; `reason` says why, for the warning that inspect is ignored. */
  | { kind: 'none'; reason: string };

/** A runner as the Lambda service sees it: every runner, local or remote, answers the same questions. */
export interface Runner {
  /** As the option names it (`child-process`), or `aws`. */
  name: string;
  start: StartEnvironment;
  /** Whether handler code is built (and, with reload, watched) here; false when the functions are deployed already. */
  buildsLocally: boolean;
  inspector: RunnerInspector;
  /** Releases what the runner holds for all its environments (an SDK client); environments are stopped by their pools. */
  dispose(): void;
}
