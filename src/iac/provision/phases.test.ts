import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PhaseTimer } from './phases.ts';

test('PhaseTimer: each phase with its duration, failed ones included, then the total', async () => {
  let now = 0;
  const timer = new PhaseTimer(() => now);
  await timer.time('Checking the bucket', async () => {
    now += 120;
  });
  await assert.rejects(
    timer.time('Creating the stack', async () => {
      now += 112_000;
      throw new Error('failed');
    }),
  );
  now += 30;
  assert.deepEqual(timer.summary(), ['  Checking the bucket  0.1 s', '  Creating the stack   112.0 s', '  Total                112.2 s']);
});
