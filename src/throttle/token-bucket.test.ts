/** The token bucket in fake time: exact burst, refill and zero limits, with no request ever waiting for real. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../internal/manual-clock.ts';
import { TokenBucket } from './token-bucket.ts';

/** How many of `count` takes at this instant succeed. */
function takes(bucket: TokenBucket, count: number): boolean[] {
  return Array.from({ length: count }, () => bucket.take());
}

test('THR-1 THR-4 the seed example: burst 10, rate 50: 10 at once pass, the 11th is throttled, 20 ms later one more passes', async () => {
  const clock = new ManualClock();
  const bucket = new TokenBucket(50, 10, clock);
  assert.deepEqual(takes(bucket, 11), [...Array(10).fill(true), false]);
  await clock.advance(19);
  assert.equal(bucket.take(), false, '19 ms refill 0.95 of a token');
  await clock.advance(1);
  assert.deepEqual(takes(bucket, 2), [true, false]);
});

test('THR-1 the bucket starts full and holds at most burst tokens however long it stays unused', async () => {
  const clock = new ManualClock();
  const bucket = new TokenBucket(1000, 3, clock);
  await clock.advance(60_000);
  assert.deepEqual(takes(bucket, 4), [true, true, true, false]);
});

test('THR-1 a fractional rate refills continuously: 0.5 per second is one token every 2 s', async () => {
  const clock = new ManualClock();
  const bucket = new TokenBucket(0.5, 1, clock);
  assert.deepEqual(takes(bucket, 2), [true, false]);
  await clock.advance(1_999);
  assert.equal(bucket.take(), false);
  await clock.advance(1);
  assert.equal(bucket.take(), true);
  // Refill accrues across takes that fail: half a token, a refused take, another half.
  await clock.advance(1_000);
  assert.equal(bucket.take(), false);
  await clock.advance(1_000);
  assert.equal(bucket.take(), true);
});

test('THR-1 a throttled take consumes nothing', async () => {
  const clock = new ManualClock();
  const bucket = new TokenBucket(10, 1, clock);
  assert.deepEqual(takes(bucket, 5), [true, false, false, false, false]);
  await clock.advance(100);
  assert.deepEqual(takes(bucket, 2), [true, false]);
});

test('THR-3 zero limits throttle every request, whatever time passes', async () => {
  const clock = new ManualClock();
  const zero = new TokenBucket(0, 0, clock);
  const noBurst = new TokenBucket(100, 0, clock);
  const noRate = new TokenBucket(0, 2, clock);
  assert.deepEqual([zero.take(), noBurst.take()], [false, false]);
  assert.deepEqual(takes(noRate, 3), [true, true, false], 'burst without rate: what the bucket starts with, then nothing');
  await clock.advance(3_600_000);
  assert.deepEqual([zero.take(), noBurst.take(), noRate.take()], [false, false, false]);
});
