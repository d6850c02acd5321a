/** Execution environments that answer when a test tells them to, and pools of them on a given clock: no real processes. */
import assert from 'node:assert/strict';
import type { Clock } from '../../src/internal/clock.ts';
import type { Ids } from '../../src/internal/ids.ts';
import type { BuiltFunction } from '../../src/lambda/build.ts';
import { AccountConcurrency } from '../../src/lambda/concurrency.ts';
import { EnvironmentMemoryBudget } from '../../src/lambda/memory-budget.ts';
import { FunctionPool, type PoolOptions } from '../../src/lambda/pool.ts';
import type { EnvironmentOutcome, ExecutionEnvironment, StartEnvironment } from '../../src/lambda/runner.ts';
import type { FunctionModel } from '../../src/model/types.ts';

export interface FakeEnvironment {
  name: string;
  disposed: boolean;
  /** Invocations this environment has been given. */
  invocations: number;
  /** Answers the invocation in flight with `payload`, or the next one if none is in flight yet. */
  finish(payload?: unknown): void;
  /** With `holdStarts`: ends this environment's start (its init). */
  ready(): void;
}

/**
 * Environments that answer when told to, and remember whether they were stopped. With `holdStarts`, each start
 * also waits until the test calls `ready()`, as a slow cold start would.
 */
export function fakeRunner(options: { holdStarts?: boolean } = {}) {
  const started: FakeEnvironment[] = [];
  const start: StartEnvironment = async (spec) => {
    let ready: () => void = () => {};
    const initialized = new Promise<void>((resolve) => {
      ready = resolve;
    });
    // finish() may come before the pool invokes the environment: the answer then waits for the invocation.
    let pending: { payload: unknown } | undefined;
    let answer: ((payload: unknown) => void) | undefined;
    const record: FakeEnvironment = {
      name: spec.built.model.name,
      disposed: false,
      invocations: 0,
      finish: (payload = 'done') => {
        if (answer) answer(payload);
        else pending = { payload };
      },
      ready,
    };
    started.push(record);
    if (options.holdStarts) await initialized;
    const environment: ExecutionEnvironment = {
      initDurationMs: 1,
      get alive() {
        return !record.disposed;
      },
      invoke: () =>
        new Promise<EnvironmentOutcome>((resolve) => {
          record.invocations += 1;
          answer = (payload) => {
            answer = undefined;
            resolve({ kind: 'ok', json: JSON.stringify(payload), maxMemoryUsedMb: 1 });
          };
          if (pending) {
            const { payload } = pending;
            pending = undefined;
            answer(payload);
          }
        }),
      dispose: async () => {
        record.disposed = true;
      },
    };
    return { ok: true, environment };
  };
  return { start, started };
}

export type FakeRunner = ReturnType<typeof fakeRunner>;

/** Ids a test can predict: request-1, request-2, ... */
export function countingIds(): Ids {
  let next = 0;
  return {
    gatewayId: () => 'AAAAAAAAAAAAAAA=',
    uuid: () => {
      next += 1;
      return `request-${next}`;
    },
  };
}

export interface FakePoolOptions {
  name?: string;
  memoryMb?: number;
  timeoutSeconds?: number;
  reservedConcurrency?: number;
  budget?: EnvironmentMemoryBudget;
  account?: AccountConcurrency;
  idleEnvironmentTtlMs?: number;
  parallelColdStarts?: number;
  log?: (line: string) => void;
  inspect?: PoolOptions['inspect'];
}

/** A pool of one function whose environments `start` makes; the timeout and idle reclaim run on `clock`. */
export function fakePool(start: StartEnvironment, clock: Clock, options: FakePoolOptions = {}): FunctionPool {
  const name = options.name ?? 'f';
  const model: FunctionModel = {
    name,
    handler: 'h.ts#handler',
    timeoutSeconds: options.timeoutSeconds ?? 3,
    memoryMb: options.memoryMb ?? 128,
    environment: {},
    policies: [],
    ...(options.reservedConcurrency === undefined ? {} : { reservedConcurrency: options.reservedConcurrency }),
  };
  const built = { model, handler: model.handler, handlerBase: '', codeRoot: '', sourcePath: '', format: 'module', inputs: [], cacheDir: '', snapshot: {} };
  return new FunctionPool({
    built: built as unknown as BuiltFunction,
    start,
    platformEnvironment: {},
    trustedCertificates: [],
    redirects: [],
    region: 'us-east-1',
    accountId: '000000000000',
    account: options.account ?? new AccountConcurrency(1000),
    memoryBudget: options.budget ?? new EnvironmentMemoryBudget(768),
    idleEnvironmentTtlMs: options.idleEnvironmentTtlMs ?? 600_000,
    logFormat: 'text',
    parallelColdStarts: options.parallelColdStarts ?? 2,
    clock,
    ids: countingIds(),
    log: options.log ?? (() => {}),
    linesWanted: options.log !== undefined,
    ...(options.inspect ? { inspect: options.inspect } : {}),
  });
}

/** Lets the few promise turns of a start or an answer run, without time passing. */
export async function turns(count = 20): Promise<void> {
  for (let turn = 0; turn < count; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** Resolves once `count` environments have started (each start is a few promise turns away). */
export async function startedCount(runner: FakeRunner, count: number): Promise<void> {
  for (let turn = 0; turn < 100 && runner.started.length < count; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(runner.started.length, count);
}
