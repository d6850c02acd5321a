/** REST-38: quota periods in fake time, the first period's offset, a refused request not counted. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../internal/manual-clock.ts';
import { periodStart, Quota } from './quota.ts';

const takes = (quota: Quota, count: number) => Array.from({ length: count }, () => quota.take());

test('REST-38 periods start at 00:00 UTC, weeks on Sunday, months on the 1st // spec: unverified', () => {
  const wednesday = Date.UTC(2026, 0, 7, 15, 30);
  assert.equal(periodStart(wednesday, 'DAY'), Date.UTC(2026, 0, 7));
  assert.equal(periodStart(wednesday, 'WEEK'), Date.UTC(2026, 0, 4));
  assert.equal(periodStart(wednesday, 'MONTH'), Date.UTC(2026, 0, 1));
  assert.equal(periodStart(Date.UTC(2026, 0, 4), 'WEEK'), Date.UTC(2026, 0, 4));
});

test('REST-38 a DAY quota: the limit less the offset on the first day, the full limit from the next', async () => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 23, 0));
  const quota = new Quota(3, 'DAY', 1, clock);
  assert.deepEqual(takes(quota, 3), [true, true, false]);
  await clock.advance(59 * 60_000);
  assert.equal(quota.take(), false, 'still the first day');
  await clock.advance(60_000);
  assert.deepEqual(takes(quota, 4), [true, true, true, false]);
});

test('REST-38 WEEK and MONTH quotas reset at their period boundary', async () => {
  const clock = new ManualClock(Date.UTC(2026, 0, 31, 12));
  const monthly = new Quota(1, 'MONTH', 0, clock);
  const weekly = new Quota(1, 'WEEK', 0, clock);
  assert.deepEqual([monthly.take(), monthly.take(), weekly.take(), weekly.take()], [true, false, true, false]);
  // Sunday 1 February: a new month and a new week.
  await clock.advance(12 * 3_600_000);
  assert.deepEqual([monthly.take(), weekly.take()], [true, true]);
});
