/**
 * The in-process runner: handlers run on the gateway's own thread, so no invocation crosses a thread or a process.
 * Each execution environment is its own instance of the handler module (init runs per environment, module state
 * is per environment); what the code sees as its own (process.env, console, its connections, process.exit,
 * an uncaught error) follows the invocation through AsyncLocalStorage. What it cannot isolate is in
 * docs/decisions/0004-in-process-runner.md.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import https from 'node:https';
import { register } from 'node:module';
import { getHeapStatistics } from 'node:v8';
import type { LambdaError } from '../invoker.ts';
import type { EnvironmentOutcome, EnvironmentSpec, ExecutionEnvironment, InvocationRequest, StartEnvironment } from '../runner.ts';
import { environmentData, exitError } from './channel.ts';
import { loadHandler, locateHandler } from './handler-loader.js';
import {
  CONSOLE_LEVELS,
  consoleLine,
  installNetworkPolicy,
  invokeHandler,
  type NetworkPolicy,
  networkPolicy,
  plainConnectionInMemory,
  toLambdaError,
  writtenLine,
} from './handler-runtime.js';
import { INSTANCE_TAG } from './module-hooks.js';
import { isInside, type ModuleScope, type Snapshot } from './module-policy.js';
import { installRequirePolicy, requireInstance } from './require-policy.js';
import { installWorkingDirectory } from './working-directory.js';

/** The code running now: which environment, and which invocation (`undefined` during init, as Lambda prints it). */
interface Scope {
  environment: InProcessEnvironment;
  requestId: string;
}

const scope = new AsyncLocalStorage<Scope>();

/** Unwinds handler code that called process.exit(): its environment is already ended. */
class EnvironmentExited extends Error {}

let instances = 0;

let heapReadAt = Number.NEGATIVE_INFINITY;
let heapMb = 0;

/** The shared heap, read at most every 100 ms: on a hot path the figure need not be fresher. */
function heapUsedMb(): number {
  const now = performance.now();
  if (now - heapReadAt > 100) {
    heapMb = Math.round(getHeapStatistics().used_heap_size / (1024 * 1024));
    heapReadAt = now;
  }
  return heapMb;
}

class InProcessEnvironment implements ExecutionEnvironment {
  initDurationMs = 0;
  readonly env: Record<string, string>;
  readonly policy: NetworkPolicy;
  readonly logFormat: 'text' | 'json';
  private readonly spec: EnvironmentSpec;
  private readonly identity: ReturnType<typeof environmentData>;
  private handler: ((...args: unknown[]) => unknown) | undefined;
  private pending: { requestId: string; resolve(outcome: EnvironmentOutcome): void } | undefined;
  private dead = false;
  private ownHttpsAgent: https.Agent | undefined;
  /** This environment's own instances of the function's CommonJS files. */
  readonly moduleCache = new Map<string, unknown>();
  readonly codeRoot: string;
  readonly snapshot: Snapshot;
  /** How this environment's function resolves modules: its code root, compiled TypeScript and layers. */
  readonly moduleScope: ModuleScope;

  constructor(spec: EnvironmentSpec) {
    this.codeRoot = spec.built.codeRoot;
    this.snapshot = spec.built.snapshot;
    this.moduleScope = { codeRoot: spec.built.codeRoot, cacheDir: spec.built.cacheDir, layerPaths: spec.built.layerPaths };
    this.spec = spec;
    this.identity = environmentData(spec);
    this.env = { ...spec.environment };
    // Its connections to the gateway's own endpoints stay in this process: in memory, no socket (decision 0013).
    this.policy = networkPolicy(spec.redirects, spec.trustedCertificates, spec.environment.NODE_EXTRA_CA_CERTS, spec.ownEndpoints);
    this.logFormat = spec.logFormat;
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** Init: a fresh instance of the handler module, evaluated as this environment's code. */
  async init(): Promise<LambdaError | undefined> {
    const startedAt = performance.now();
    const { built } = this.spec;
    addModuleScope(this.moduleScope);
    const located = locateHandler(built.handler, built.handlerBase);
    const found = located.ok
      ? await scope.run({ environment: this, requestId: 'undefined' }, () =>
          loadHandler(built.handler, located.location, {
            query: `?${INSTANCE_TAG}=${built.buildId}.${++instances}`,
            requireModule: (file) => requireInstance(file, this.moduleCache as Map<string, never>),
            toLambdaError,
          }),
        )
      : located;
    this.initDurationMs = performance.now() - startedAt;
    if (!found.ok) return found.error;
    this.handler = found.handler as (...args: unknown[]) => unknown;
    return undefined;
  }

  invoke(request: InvocationRequest): Promise<EnvironmentOutcome> {
    if (this.dead || !this.handler) return Promise.resolve({ kind: 'crash', error: exitError('exit status 1'), maxMemoryUsedMb: heapUsedMb() });
    const handler = this.handler;
    return new Promise((resolve) => {
      this.pending = { requestId: request.requestId, resolve };
      scope.run({ environment: this, requestId: request.requestId }, () =>
        invokeHandler(
          handler,
          this.identity,
          request,
          (outcome) => {
            if (this.dead || this.pending?.requestId !== request.requestId) return;
            this.pending = undefined;
            const maxMemoryUsedMb = heapUsedMb();
            resolve(outcome.ok ? { kind: 'ok', json: outcome.json, maxMemoryUsedMb } : { kind: 'error', error: outcome.error, maxMemoryUsedMb });
          },
          // DIFF: the gateway's event loop is never empty, so a callback answers at once (see decision 0004).
          (respond) => respond(),
        ),
      );
    });
  }

  /** `https.globalAgent` for this environment's code: keep-alive sockets are not shared with other environments. */
  get httpsAgent(): https.Agent {
    // The options of Node's own global agent.
    this.ownHttpsAgent ??= new https.Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });
    return this.ownHttpsAgent;
  }

  /** A line of this environment's output, written outside its scope so the gateway's own logging is not captured. */
  log(line: string): void {
    scope.exit(() => this.spec.onLog(line));
  }

  /** process.exit() or an uncaught error in this environment's code: it ends, as its sandbox would. */
  crash(error: LambdaError): void {
    if (this.dead) return;
    this.dead = true;
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve({ kind: 'crash', error, maxMemoryUsedMb: heapUsedMb() });
  }

  async dispose(): Promise<void> {
    // Code still running (a timed-out invocation, timers) runs on, but nothing it does is answered any more.
    this.crash(exitError('signal: killed'));
    this.ownHttpsAgent?.destroy();
  }
}

let installed = false;

/** The code roots of the functions run in this process. */
const moduleScopes: ModuleScope[] = [];

function moduleScopeOf(file: string): ModuleScope | undefined {
  // The running environment's own scope first: functions sharing a code root may have different layers.
  const own = scope.getStore()?.environment.moduleScope;
  if (own && isInside(file, own.codeRoot)) return own;
  let found: ModuleScope | undefined;
  for (const candidate of moduleScopes)
    if (isInside(file, candidate.codeRoot) && (!found || candidate.codeRoot.length > found.codeRoot.length)) found = candidate;
  return found;
}

/** Both module loaders apply the policy to the function's code root from now on. */
function addModuleScope(added: ModuleScope): void {
  const layers = (known: ModuleScope) => (known.layerPaths ?? []).join('\n');
  if (moduleScopes.some((known) => known.codeRoot === added.codeRoot && known.cacheDir === added.cacheDir && layers(known) === layers(added))) return;
  moduleScopes.push(added);
  // Each code root gets its own instance of the hooks (the URL differs): the hooks thread takes no messages.
  register(new URL(`./module-hooks.js?scope=${moduleScopes.length}`, import.meta.url), { data: { scopes: [added] } });
}

/** `process.env` as the code running now sees it: its function's variables inside an environment, the host's outside. */
function scopedProcessEnv(host: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const current = () => (scope.getStore()?.environment.env ?? host) as Record<string | symbol, unknown>;
  return new Proxy(host, {
    get: (_, key) => current()[key],
    set: (_, key, value) => {
      const env = current();
      env[key] = env === host ? value : String(value);
      return true;
    },
    has: (_, key) => key in current(),
    deleteProperty: (_, key) => delete current()[key],
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(current(), key),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(current(), key, descriptor),
  });
}

/** Once per process: route what handler code treats as its own to its environment. */
function installOnce(): void {
  if (installed) return;
  installed = true;
  process.setSourceMapsEnabled(true);
  process.env = scopedProcessEnv(process.env);
  installRequirePolicy({
    scopeOf: moduleScopeOf,
    snapshotOf: () => scope.getStore()?.environment.snapshot,
    instanceCache: () => scope.getStore()?.environment.moduleCache as Map<string, never> | undefined,
  });
  installWorkingDirectory(() => scope.getStore()?.environment.codeRoot);
  installNetworkPolicy(() => scope.getStore()?.environment.policy);
  // node:http's agents took net.createConnection when they loaded: their connections to the gateway's own
  // endpoints (the store's, the Invoke API's) go in memory too; nothing else about them changes.
  const agentConnect = http.Agent.prototype.createConnection;
  http.Agent.prototype.createConnection = function connectAgentSocket(this: http.Agent, ...args: unknown[]) {
    return plainConnectionInMemory(scope.getStore()?.environment.policy, args) ?? (agentConnect as (...args: unknown[]) => unknown).apply(this, args);
  } as typeof agentConnect;
  const hostHttpsAgent = https.globalAgent;
  Object.defineProperty(https, 'globalAgent', {
    configurable: true,
    enumerable: true,
    get: () => scope.getStore()?.environment.httpsAgent ?? hostHttpsAgent,
  });

  const consoleMethods = console as unknown as Record<string, (...values: unknown[]) => void>;
  for (const [method, level] of CONSOLE_LEVELS) {
    const original = consoleMethods[method] as (...values: unknown[]) => void;
    consoleMethods[method] = (...values: unknown[]) => {
      const current = scope.getStore();
      if (!current) return original.apply(console, values);
      current.environment.log(consoleLine(current.environment.logFormat, level, current.requestId, values));
    };
  }
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write;
    stream.write = function writeToEnvironment(this: NodeJS.WriteStream, chunk: unknown, encoding?: unknown, callback?: unknown) {
      const current = scope.getStore();
      if (!current) return (write as (...args: unknown[]) => boolean).call(this, chunk, encoding, callback);
      const line = writtenLine(chunk);
      if (line !== undefined) current.environment.log(line);
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') queueMicrotask(() => done());
      return true;
    } as typeof stream.write;
  }

  const exit = process.exit;
  process.exit = ((code?: number | string | null) => {
    const current = scope.getStore();
    if (!current) return exit.call(process, code);
    current.environment.crash(exitError(`exit status ${code ?? process.exitCode ?? 0}`));
    throw new EnvironmentExited('process.exit() ended this execution environment');
  }) as typeof process.exit;

  // An error that escapes handler code ends its environment only, and no other listener sees it; the host's own
  // errors keep Node's behaviour (its listeners, or report and exit).
  const uncaught = (error: unknown) => {
    const current = scope.getStore();
    if (current) {
      if (!(error instanceof EnvironmentExited)) current.environment.crash(toLambdaError(error));
      return;
    }
    if (process.listenerCount('uncaughtException') > 0) {
      (process.emit as (event: string, ...args: unknown[]) => boolean)('uncaughtException', error, 'uncaughtException');
      return;
    }
    process.stderr.write(`${(error as Error)?.stack ?? error}\n`);
    exit.call(process, 1);
  };
  if (process.hasUncaughtExceptionCaptureCallback()) process.prependListener('uncaughtException', uncaught);
  else process.setUncaughtExceptionCaptureCallback(uncaught);
  process.on('unhandledRejection', (reason) => {
    const current = scope.getStore();
    if (current) {
      if (!(reason instanceof EnvironmentExited)) current.environment.crash(toLambdaError(reason));
      return;
    }
    if (process.listenerCount('unhandledRejection') > 1) return;
    // Node's default: an unhandled rejection is an uncaught exception.
    throw reason;
  });
}

export const startInProcessEnvironment: StartEnvironment = async (spec) => {
  installOnce();
  const environment = new InProcessEnvironment(spec);
  const error = await environment.init();
  if (error) return { ok: false, error, initDurationMs: environment.initDurationMs };
  return { ok: true, environment };
};
