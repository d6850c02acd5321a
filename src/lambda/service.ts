/** createLambdaService: builds every function, then invokes them through pools of execution environments. */
import type { Clock } from '../internal/clock.ts';
import type { Ids } from '../internal/ids.ts';
import type { Log } from '../internal/log.ts';
import type { OwnEndpoints } from '../internal/own-endpoints.ts';
import type { FunctionModel, LayerModel } from '../model/types.ts';
import { type BuiltFunction, buildFunction } from './build.ts';
import { AccountConcurrency } from './concurrency.ts';
import { type Inspecting, type InspectOptions, type InspectorEndpoint, startInspecting } from './inspect.ts';
import type { InvocationOutcome, InvokeOptions, Invoker } from './invoker.ts';
import type { LogFormatName } from './logs.ts';
import { EnvironmentMemoryBudget } from './memory-budget.ts';
import { FunctionPool } from './pool.ts';
import { watchFunctions } from './reload.ts';
import type { HostRedirect } from './runner.ts';
import { type RunnerOption, runnerFor } from './runners/index.ts';

export interface LambdaServiceOptions {
  functions: readonly FunctionModel[];
  /** The service's layers, which functions name. @default [] */
  layers?: readonly LayerModel[];
  /** Handler paths are relative to this folder. */
  rootDir: string;
  /** Where compiled TypeScript is cached for the environments (the gateway removes it when it stops). */
  buildDir: string;
  /** Region, credentials and endpoints from the gateway. */
  platformEnvironment: Record<string, string>;
  /** PEM certificates the handler runtime trusts in addition to the default roots. */
  trustedCertificates: string[];
  /** AWS host names that reach local services in handler runtimes; read as each environment starts. @default [] */
  redirects?: readonly HostRedirect[];
  /** The gateway's own ports and store: environments in its process reach them in memory. @default none */
  ownEndpoints?: OwnEndpoints;
  log: Log;
  clock: Clock;
  ids: Ids;
  // The tuning below comes parsed, defaults filled in, from the gateway's options (src/options/schema.ts).
  /** Lambda's account-wide concurrent executions; beyond it every function is throttled. */
  accountConcurrency: number;
  /** An execution environment idle this long is stopped. */
  idleEnvironmentTtlMs: number;
  /** Memory the environments of every function may hold together (each counts its memoryMb); idle ones are reclaimed first. */
  environmentMemoryBudgetMb: number;
  /** Rebuild a function when a file it is built from changes; environments of the old code are replaced. */
  reload: boolean;
  /** Environments of one function that may be starting at once. */
  parallelColdStarts: number;
  /** Lambda's text log format or its JSON log format. */
  logFormat: LogFormatName;
  /** Where execution environments run: a local runner, or AWS Lambda (nothing is built locally then). */
  runner: RunnerOption;
  /** Let debuggers attach to handler code (local runners). @default not inspecting */
  inspect?: InspectOptions;
}

export interface LambdaService extends Invoker {
  /** Resolves when the rebuilds started by file changes so far have finished. */
  reloadsSettled(): Promise<void>;
  /** With `inspect`: where debuggers attach. */
  readonly inspector: InspectorEndpoint | undefined;
}

/** A function deployed already (the AWS runner): its model is all there is, nothing is built or watched. */
function deployedFunction(model: FunctionModel): BuiltFunction {
  return {
    model,
    handler: model.handler,
    handlerBase: '',
    codeRoot: '',
    sourcePath: '',
    format: 'module',
    inputs: [],
    cacheDir: '',
    snapshot: {},
    buildId: '',
    layerPaths: [],
  };
}

export async function createLambdaService(options: LambdaServiceOptions): Promise<LambdaService> {
  const runner = runnerFor(options.runner ?? 'child-process');
  const built = runner.buildsLocally
    ? await Promise.all(options.functions.map((fn) => buildFunction(fn, options.rootDir, options.buildDir, options.layers)))
    : options.functions.map(deployedFunction);
  const where = runner.inspector;
  if (options.inspect && where.kind === 'none') options.log.warn(`inspect: ignored with the ${runner.name} runner (${where.reason})`);
  const inspecting: Inspecting | undefined = options.inspect && where.kind !== 'none' ? startInspecting(where.kind, options.inspect, options.log) : undefined;
  const inspectorEndpoint = inspecting?.endpoint;
  const poolInspect = inspectorEndpoint && {
    log: options.log,
    ...(inspectorEndpoint.kind === 'environments' ? { environments: { host: inspectorEndpoint.host, firstPort: inspectorEndpoint.firstPort } } : {}),
  };
  const region = options.platformEnvironment.AWS_REGION ?? 'us-east-1';
  const accountId = options.platformEnvironment.HOPLITE_ACCOUNT_ID ?? '000000000000';
  const pools = new Map<string, FunctionPool>();
  const account = new AccountConcurrency(options.accountConcurrency);
  const memoryBudget = new EnvironmentMemoryBudget(options.environmentMemoryBudgetMb);
  for (const fn of built) {
    pools.set(
      fn.model.name,
      new FunctionPool({
        built: fn,
        start: runner.start,
        platformEnvironment: options.platformEnvironment,
        trustedCertificates: options.trustedCertificates,
        redirects: options.redirects ?? [],
        ...(options.ownEndpoints ? { ownEndpoints: options.ownEndpoints } : {}),
        region,
        accountId,
        account,
        memoryBudget,
        idleEnvironmentTtlMs: options.idleEnvironmentTtlMs,
        logFormat: options.logFormat,
        parallelColdStarts: options.parallelColdStarts,
        clock: options.clock,
        ids: options.ids,
        log: (line) => options.log.functionLine(fn.model.name, line),
        linesWanted: options.log.wantsFunctionLines(fn.model.name),
        ...(poolInspect ? { inspect: poolInspect } : {}),
      }),
    );
  }
  const reloader =
    options.reload && runner.buildsLocally
      ? watchFunctions({
          functions: built,
          ...(options.layers ? { layers: options.layers } : {}),
          rootDir: options.rootDir,
          buildDir: options.buildDir,
          log: options.log,
          replace: (rebuilt) => pools.get(rebuilt.model.name)?.replace(rebuilt) ?? Promise.resolve(),
        })
      : undefined;
  let disposing: Promise<void> | undefined;
  return {
    reloadsSettled: () => reloader?.settled() ?? Promise.resolve(),
    inspector: inspectorEndpoint,
    has: (functionName) => pools.has(functionName),
    invoke(functionName: string, event: unknown, invokeOptions?: InvokeOptions): Promise<InvocationOutcome> {
      const pool = pools.get(functionName);
      if (!pool) {
        return Promise.resolve({
          kind: 'error',
          requestId: options.ids.uuid(),
          error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${functionName}`, trace: [] },
        });
      }
      return pool.invoke(event, invokeOptions?.captureLogs ?? false);
    },
    dispose() {
      reloader?.close();
      runner.dispose();
      disposing ??= Promise.all([...pools.values()].map((pool) => pool.dispose())).then(() => inspecting?.close());
      return disposing;
    },
  };
}
