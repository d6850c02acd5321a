/** The environment memory budget, with fake environments: no real memory, no real processes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakePool, fakeRunner, startedCount, turns } from '../../test/helpers/fake-environments.ts';
import { ManualClock } from '../internal/manual-clock.ts';
import { EnvironmentMemoryBudget } from './memory-budget.ts';
import type { FunctionPool } from './pool.ts';
import type { StartEnvironment } from './runner.ts';

/** A pool of `memoryMb` environments on a manual clock: its timers move only when a test moves them. */
function pool(name: string, memoryMb: number, budget: EnvironmentMemoryBudget, start: StartEnvironment, clock = new ManualClock()): FunctionPool {
  return fakePool(start, clock, { name, memoryMb, budget });
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
  await turns();
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
  const clock = new ManualClock();
  const a = pool('a', 128, budget, runner.start, clock);
  const b = pool('b', 128, budget, runner.start);
  const first = a.invoke({});
  await startedCount(runner, 1);
  const waiting = b.invoke({});
  // As a gateway disposes its pools: one after the other, in the same turn.
  await Promise.all([a.dispose(), b.dispose()]);
  assert.equal((await waiting).kind, 'crash');
  // The fake environment never answers once stopped: its invocation ends at the function's timeout.
  await clock.advance(3_000);
  assert.equal((await first).kind, 'timeout');
  await turns();
  assert.equal(runner.started.length, 1, 'no environment started after its pool was disposed');
  assert.equal(budget.reservedMb, 0);
});

test('memory budget: a start whose invocation a busy environment served first is withdrawn, and reclaims no warm environment for nobody', async () => {
  const budget = new EnvironmentMemoryBudget(128);
  const runner = fakeRunner();
  const a = pool('a', 128, budget, runner.start);
  const first = a.invoke({});
  await startedCount(runner, 1);
  // The budget is held by the busy environment: this invocation's start waits in it.
  const second = a.invoke({});
  await turns();
  assert.equal(runner.started.length, 1);
  // The busy environment comes free and serves the waiting invocation itself, then goes idle.
  runner.started[0]?.finish('one');
  assert.deepEqual(await first, { kind: 'ok', requestId: 'request-1', payload: 'one' });
  runner.started[0]?.finish('two');
  assert.deepEqual(await second, { kind: 'ok', requestId: 'request-2', payload: 'two' });
  await turns();
  // Before the withdrawal, going idle let the stale start reclaim it: a cold environment replaced the warm one.
  assert.deepEqual(
    runner.started.map(({ name, disposed, invocations }) => ({ name, disposed, invocations })),
    [{ name: 'a', disposed: false, invocations: 2 }],
  );
  assert.equal(budget.reservedMb, 128);
  const third = a.invoke({});
  await turns();
  runner.started[0]?.finish('three');
  assert.equal((await third).kind, 'ok');
  assert.equal(runner.started.length, 1, 'the third invocation is a warm start');
  await a.dispose();
  assert.equal(budget.reservedMb, 0);
});
