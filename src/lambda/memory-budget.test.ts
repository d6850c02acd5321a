/** The environment memory budget, with fake environments: no real memory, no real processes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemClock } from '../internal/clock.ts';
import { systemIds } from '../internal/ids.ts';
import type { FunctionModel } from '../model/types.ts';
import type { BuiltFunction } from './build.ts';
import { AccountConcurrency } from './concurrency.ts';
import { EnvironmentMemoryBudget } from './memory-budget.ts';
import { FunctionPool } from './pool.ts';
import type { EnvironmentOutcome, ExecutionEnvironment, StartEnvironment } from './runner.ts';

/** Environments that answer when told to, and remember whether they were stopped. */
function fakeRunner() {
  const started: Array<{ name: string; disposed: boolean; finish(): void }> = [];
  const start: StartEnvironment = async (spec) => {
    // finish() may come before the pool invokes the environment: the answer then waits for the invocation.
    let finished = false;
    let answer: (() => void) | undefined;
    const record = {
      name: spec.built.model.name,
      disposed: false,
      finish: () => {
        finished = true;
        answer?.();
      },
    };
    started.push(record);
    const environment: ExecutionEnvironment = {
      initDurationMs: 1,
      get alive() {
        return !record.disposed;
      },
      invoke: () =>
        new Promise<EnvironmentOutcome>((resolve) => {
          answer = () => resolve({ kind: 'ok', json: '"done"', maxMemoryUsedMb: 1 });
          if (finished) answer();
        }),
      dispose: async () => {
        record.disposed = true;
      },
    };
    return { ok: true, environment };
  };
  return { start, started };
}

function pool(name: string, memoryMb: number, budget: EnvironmentMemoryBudget, start: StartEnvironment): FunctionPool {
  const model: FunctionModel = { name, handler: 'h.ts#handler', timeoutSeconds: 3, memoryMb, environment: {}, policies: [] };
  const built = {
    model,
    handler: model.handler,
    handlerBase: '',
    codeRoot: '',
    sourcePath: '',
    format: 'module',
    inputs: [],
    cacheDir: '',
    snapshot: {},
  } as unknown as BuiltFunction;
  return new FunctionPool({
    built,
    start,
    platformEnvironment: {},
    trustedCertificates: [],
    redirects: [],
    region: 'us-east-1',
    accountId: '000000000000',
    account: new AccountConcurrency(1000),
    memoryBudget: budget,
    idleEnvironmentTtlMs: 600_000,
    logFormat: 'text',
    parallelColdStarts: 2,
    clock: systemClock,
    ids: systemIds,
    log: () => {},
    linesWanted: false,
  });
}

/** Resolves once `count` environments have started (each start is a few promise turns away). */
async function startedCount(runner: ReturnType<typeof fakeRunner>, count: number): Promise<void> {
  for (let turn = 0; turn < 100 && runner.started.length < count; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(runner.started.length, count);
}

test('memory budget: a start that would pass it reclaims the longest-idle environment of another function first', async () => {
  const budget = new EnvironmentMemoryBudget(256);
  const runner = fakeRunner();
  const a = pool('a', 128, budget, runner.start);
  const b = pool('b', 128, budget, runner.start);
  const c = pool('c', 128, budget, runner.start);
  for (const each of [a, b]) {
    const outcome = each.invoke({});
    await startedCount(runner, each === a ? 1 : 2);
    runner.started.at(-1)?.finish();
    assert.equal((await outcome).kind, 'ok');
  }
  assert.equal(budget.reservedMb, 256);
  const third = c.invoke({});
  await startedCount(runner, 3);
  assert.deepEqual(
    runner.started.map(({ name, disposed }) => ({ name, disposed })),
    [
      { name: 'a', disposed: true },
      { name: 'b', disposed: false },
      { name: 'c', disposed: false },
    ],
  );
  runner.started[2]?.finish();
  assert.equal((await third).kind, 'ok');
  assert.equal(budget.reservedMb, 256);
  await Promise.all([a.dispose(), b.dispose(), c.dispose()]);
  assert.equal(budget.reservedMb, 0);
});

test('memory budget: with every environment busy, a start waits until one finishes, then reclaims it', async () => {
  const budget = new EnvironmentMemoryBudget(128);
  const runner = fakeRunner();
  const a = pool('a', 128, budget, runner.start);
  const b = pool('b', 128, budget, runner.start);
  const first = a.invoke({});
  await startedCount(runner, 1);
  const second = b.invoke({});
  for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(runner.started.length, 1, 'b waits: the budget is held by a busy environment');
  runner.started[0]?.finish();
  assert.equal((await first).kind, 'ok');
  await startedCount(runner, 2);
  assert.equal(runner.started[0]?.disposed, true);
  runner.started[1]?.finish();
  assert.equal((await second).kind, 'ok');
  await Promise.all([a.dispose(), b.dispose()]);
});

test('memory budget: one environment larger than the whole budget still starts when none is running', async () => {
  const budget = new EnvironmentMemoryBudget(128);
  const runner = fakeRunner();
  const big = pool('big', 3008, budget, runner.start);
  const outcome = big.invoke({});
  await startedCount(runner, 1);
  runner.started[0]?.finish();
  assert.equal((await outcome).kind, 'ok');
  assert.equal(budget.reservedMb, 3008);
  await big.dispose();
  assert.equal(budget.reservedMb, 0);
});

test('memory budget: a start still waiting when its pool is disposed ends as Hoplite.Disposed and reserves nothing', async () => {
  const budget = new EnvironmentMemoryBudget(128);
  const runner = fakeRunner();
  const a = pool('a', 128, budget, runner.start);
  const b = pool('b', 128, budget, runner.start);
  const first = a.invoke({});
  await startedCount(runner, 1);
  const waiting = b.invoke({});
  await b.dispose();
  const outcome = await waiting;
  assert.deepEqual(outcome.kind === 'crash' && outcome.error, { errorType: 'Hoplite.Disposed', errorMessage: 'the gateway is shutting down', trace: [] });
  assert.equal(budget.reservedMb, 128);
  runner.started[0]?.finish();
  await first;
  await a.dispose();
  assert.equal(budget.reservedMb, 0);
});

test('memory budget: memory freed by one pool disposing starts nothing in a pool disposed right after it', async () => {
  const budget = new EnvironmentMemoryBudget(128);
  const runner = fakeRunner();
  const a = pool('a', 128, budget, runner.start);
  const b = pool('b', 128, budget, runner.start);
  const first = a.invoke({});
  await startedCount(runner, 1);
  const waiting = b.invoke({});
  // As a gateway disposes its pools: one after the other, in the same turn.
  await Promise.all([a.dispose(), b.dispose()]);
  assert.equal((await waiting).kind, 'crash');
  await first;
  for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(runner.started.length, 1, 'no environment started after its pool was disposed');
  assert.equal(budget.reservedMb, 0);
});
