/** The pool in fake time, with fake environments: warm reuse, idle reclaim, timeouts, throttles and cold-start limits. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakePool, fakeRunner, startedCount, turns } from '../../test/helpers/fake-environments.ts';
import { memoryLog } from '../internal/log.ts';
import { ManualClock } from '../internal/manual-clock.ts';
import { AccountConcurrency } from './concurrency.ts';

const THROTTLED = { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.', trace: [] };

test('pool: an invocation after another reuses the warm environment; only the first is a cold start', async (t) => {
  const clock = new ManualClock();
  const runner = fakeRunner();
  const lines: string[] = [];
  const pool = fakePool(runner.start, clock, { log: (line) => lines.push(line) });
  t.after(() => pool.dispose());
  for (const payload of ['one', 'two']) {
    const outcome = pool.invoke({});
    await turns();
    runner.started.at(-1)?.finish(payload);
    assert.deepEqual(await outcome, { kind: 'ok', requestId: payload === 'one' ? 'request-1' : 'request-2', payload });
  }
  assert.deepEqual(
    runner.started.map(({ invocations, disposed }) => ({ invocations, disposed })),
    [{ invocations: 2, disposed: false }],
  );
  const reports = lines.filter((line) => line.startsWith('REPORT'));
  assert.deepEqual(
    reports.map((line) => line.includes('Init Duration')),
    [true, false],
  );
});

test('pool: an environment idle for idleEnvironmentTtlMs is stopped, not a millisecond sooner; the next invocation starts a new one', async (t) => {
  const clock = new ManualClock();
  const runner = fakeRunner();
  const pool = fakePool(runner.start, clock, { idleEnvironmentTtlMs: 60_000 });
  t.after(() => pool.dispose());
  const first = pool.invoke({});
  await startedCount(runner, 1);
  runner.started[0]?.finish();
  assert.equal((await first).kind, 'ok');
  await clock.advance(59_999);
  assert.equal(runner.started[0]?.disposed, false);
  await clock.advance(1);
  assert.equal(runner.started[0]?.disposed, true);
  assert.equal(clock.pendingTimers, 0);
  const second = pool.invoke({});
  await startedCount(runner, 2);
  runner.started[1]?.finish();
  assert.equal((await second).kind, 'ok');
});

test('pool: use restarts the idle time to live: an environment used within it stays', async (t) => {
  const clock = new ManualClock();
  const runner = fakeRunner();
  const pool = fakePool(runner.start, clock, { idleEnvironmentTtlMs: 60_000 });
  t.after(() => pool.dispose());
  for (let round = 0; round < 3; round += 1) {
    const outcome = pool.invoke({});
    await turns();
    runner.started[0]?.finish();
    assert.equal((await outcome).kind, 'ok');
    await clock.advance(50_000);
  }
  assert.deepEqual(
    runner.started.map(({ invocations, disposed }) => ({ invocations, disposed })),
    [{ invocations: 3, disposed: false }],
  );
});

test('pool: GEN-10 the function timeout stops the environment at timeoutSeconds exactly; the next invocation gets a fresh one', async (t) => {
  const clock = new ManualClock();
  const runner = fakeRunner();
  const lines: string[] = [];
  const pool = fakePool(runner.start, clock, { timeoutSeconds: 3, log: (line) => lines.push(line) });
  t.after(() => pool.dispose());
  let settled = false;
  const hung = pool.invoke({}).finally(() => {
    settled = true;
  });
  await startedCount(runner, 1);
  await clock.advance(2_999);
  assert.equal(settled, false, 'still running a millisecond before its timeout');
  await clock.advance(1);
  assert.deepEqual(await hung, {
    kind: 'timeout',
    requestId: 'request-1',
    error: { errorType: 'Sandbox.Timedout', errorMessage: '2026-01-01T00:00:03.000Z request-1 Task timed out after 3.00 seconds', trace: [] },
  });
  assert.equal(runner.started[0]?.disposed, true, 'the code really stops: its environment goes');
  assert.ok(lines.includes('2026-01-01T00:00:03.000Z request-1 Task timed out after 3.00 seconds'));
  assert.match(lines.at(-1) ?? '', /^REPORT RequestId: request-1\t/);
  const next = pool.invoke({});
  await startedCount(runner, 2);
  runner.started[1]?.finish('fresh');
  assert.deepEqual(await next, { kind: 'ok', requestId: 'request-2', payload: 'fresh' });
});

test("pool: while inspecting, an invocation held past its timeout is stopped only at Lambda's maximum, 900 s", async (t) => {
  const clock = new ManualClock();
  const runner = fakeRunner();
  const pool = fakePool(runner.start, clock, { timeoutSeconds: 1, inspect: { log: memoryLog() } });
  t.after(() => pool.dispose());
  let settled = false;
  const paused = pool.invoke({}).finally(() => {
    settled = true;
  });
  await startedCount(runner, 1);
  await clock.advance(899_999);
  assert.equal(settled, false, 'a pause at a breakpoint outlives the function timeout');
  await clock.advance(1);
  const outcome = await paused;
  assert.deepEqual(outcome.kind === 'timeout' && outcome.error.errorMessage, '2026-01-01T00:15:00.000Z request-1 Task timed out after 900.00 seconds');
  assert.equal(runner.started[0]?.disposed, true);
});

test('pool: an answer before the timeout cancels it: no timer is left behind but the idle reclaim', async (t) => {
  const clock = new ManualClock();
  const runner = fakeRunner();
  const pool = fakePool(runner.start, clock);
  t.after(() => pool.dispose());
  const outcome = pool.invoke({});
  await startedCount(runner, 1);
  assert.equal(clock.pendingTimers, 1, 'the timeout');
  runner.started[0]?.finish();
  assert.equal((await outcome).kind, 'ok');
  assert.equal(clock.pendingTimers, 1, 'the idle reclaim only');
  await pool.dispose();
  assert.equal(clock.pendingTimers, 0);
});

test('pool: invocations beyond the reserved concurrency are throttled at once, while the others run', async (t) => {
  const clock = new ManualClock();
  const runner = fakeRunner();
  const pool = fakePool(runner.start, clock, { reservedConcurrency: 2 });
  t.after(() => pool.dispose());
  const running = [pool.invoke({}), pool.invoke({})];
  assert.deepEqual(await pool.invoke({}), {
    kind: 'throttled',
    requestId: 'request-3',
    reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
    error: THROTTLED,
  });
  await startedCount(runner, 2);
  for (const environment of runner.started) environment.finish();
  assert.deepEqual(
    (await Promise.all(running)).map((outcome) => outcome.kind),
    ['ok', 'ok'],
  );
  const again = pool.invoke({});
  await turns();
  runner.started.find((environment) => environment.invocations === 2)?.finish();
  assert.equal((await again).kind, 'ok', 'a slot is free again');
});

test('pool: the account limit throttles every function once reached', async (t) => {
  const clock = new ManualClock();
  const runner = fakeRunner();
  const account = new AccountConcurrency(1);
  const a = fakePool(runner.start, clock, { name: 'a', account });
  const b = fakePool(runner.start, clock, { name: 'b', account });
  t.after(() => Promise.all([a.dispose(), b.dispose()]));
  const first = a.invoke({});
  const refused = await b.invoke({});
  assert.deepEqual(refused.kind === 'throttled' && [refused.reason, refused.error], ['ConcurrentInvocationLimitExceeded', THROTTLED]);
  await startedCount(runner, 1);
  runner.started[0]?.finish();
  assert.equal((await first).kind, 'ok');
  const after = b.invoke({});
  await startedCount(runner, 2);
  runner.started[1]?.finish();
  assert.equal((await after).kind, 'ok');
});

test('pool: at most parallelColdStarts environments start at once; the first ready serves the waiting invocations in turn', async (t) => {
  const clock = new ManualClock();
  const runner = fakeRunner({ holdStarts: true });
  const pool = fakePool(runner.start, clock, { parallelColdStarts: 2 });
  t.after(() => pool.dispose());
  const outcomes = [1, 2, 3, 4].map(() => pool.invoke({}));
  await turns();
  assert.equal(runner.started.length, 2, 'two starts, the other invocations wait');
  runner.started[0]?.ready();
  await turns();
  assert.equal(runner.started.length, 3, 'a start ended: the next begins');
  // The ready environment serves invocation after invocation while the other starts are slow.
  for (let served = 0; served < 2; served += 1) {
    runner.started[0]?.finish();
    await turns();
  }
  assert.equal(runner.started[0]?.invocations, 3);
  runner.started[1]?.ready();
  runner.started[2]?.ready();
  await turns();
  runner.started[0]?.finish();
  runner.started[1]?.finish();
  assert.deepEqual(
    (await Promise.all(outcomes)).map((outcome) => outcome.kind),
    ['ok', 'ok', 'ok', 'ok'],
  );
  assert.equal(runner.started.length, 3);
});
