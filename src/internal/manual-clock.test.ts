import assert from 'node:assert/strict';
import { test } from 'node:test';
import { delay } from './clock.ts';
import { ManualClock } from './manual-clock.ts';

test('timers fire in due order, each at its own instant, only when time is advanced past them', async () => {
  const clock = new ManualClock(1_000);
  const fired: Array<[string, number]> = [];
  clock.setTimer(30, () => fired.push(['c', clock.now()]));
  clock.setTimer(10, () => fired.push(['a', clock.now()]));
  clock.setTimer(10, () => fired.push(['b', clock.now()]));
  await clock.advance(9);
  assert.deepEqual(fired, []);
  await clock.advance(21);
  assert.deepEqual(fired, [
    ['a', 1_010],
    ['b', 1_010],
    ['c', 1_030],
  ]);
  assert.equal(clock.now(), 1_030);
  assert.equal(clock.pendingTimers, 0);
});

test('a cancelled timer never fires; a refreshed one starts its delay again', async () => {
  const clock = new ManualClock(0);
  const fired: string[] = [];
  clock.setTimer(10, () => fired.push('cancelled')).cancel();
  const idle = clock.setTimer(10, () => fired.push(`idle at ${clock.now()}`));
  await clock.advance(8);
  idle.refresh();
  await clock.advance(9);
  assert.deepEqual(fired, []);
  await clock.advance(1);
  assert.deepEqual(fired, ['idle at 18']);
});

test('work a timer starts runs before later timers fire, and timers it sets in the window fire too', async () => {
  const clock = new ManualClock(0);
  const order: string[] = [];
  void delay(clock, 5).then(async () => {
    order.push(`first at ${clock.now()}`);
    await delay(clock, 5);
    order.push(`chained at ${clock.now()}`);
  });
  clock.setTimer(7, () => order.push(`second at ${clock.now()}`));
  await clock.advance(20);
  assert.deepEqual(order, ['first at 5', 'second at 7', 'chained at 10']);
});
