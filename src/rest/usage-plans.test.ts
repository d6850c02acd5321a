/** REST-36..38: the key gate of a stage, with its plans' buckets and quotas. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../internal/manual-clock.ts';
import type { UsagePlanModel } from '../model/types.ts';
import { issueApiKeys } from '../websocket/index.ts';
import { usagePlanMeter } from './usage-plans.ts';

const KEYS = issueApiKeys('svc', [
  { name: 'gold', value: 'gold-key-0123456789ab' },
  { name: 'free', value: 'free-key-0123456789ab' },
  { name: 'orphan', value: 'orphan-key-0123456789' },
]);
const PLANS: UsagePlanModel[] = [
  {
    name: 'gold',
    apiStages: [
      { api: 'a', stage: 'prod', throttle: { '/slow/GET': { burstLimit: 1, rateLimit: 1 } } },
      { api: 'b', stage: 'v1' },
    ],
    throttle: { burstLimit: 2, rateLimit: 1 },
    apiKeys: ['gold'],
  },
  { name: 'free', apiStages: [{ api: 'a', stage: 'prod' }], quota: { limit: 2, period: 'DAY' }, apiKeys: ['free'] },
];
const results = (gate: ReturnType<ReturnType<typeof usagePlanMeter>['stage']>, method: string, value: string, count: number) =>
  Array.from({ length: count }, () => {
    const admission = gate(method, value);
    return admission.admitted ? 'ok' : admission.error.type;
  });

test('REST-36 a missing, repeated, unknown or unlinked key is INVALID_API_KEY; a linked one is admitted with its id', () => {
  const gate = usagePlanMeter(PLANS, KEYS, new ManualClock()).stage('a', 'prod');
  for (const value of [undefined, ['gold-key-0123456789ab', 'gold-key-0123456789ab'], 'nope', 'orphan-key-0123456789']) {
    assert.deepEqual(gate('/x/GET', value), { admitted: false, error: { type: 'INVALID_API_KEY' } }, String(value));
  }
  assert.deepEqual(gate('/x/GET', 'gold-key-0123456789ab'), { admitted: true, key: KEYS[0] });
  // A stage no plan names admits no key.
  assert.equal(usagePlanMeter(PLANS, KEYS, new ManualClock()).stage('a', 'dev')('/x/GET', 'gold-key-0123456789ab').admitted, false);
});

test("REST-37 a key's bucket is shared by every stage of its plan; a method of the stage may have its own", async () => {
  const clock = new ManualClock();
  const meter = usagePlanMeter(PLANS, KEYS, clock);
  const [a, b] = [meter.stage('a', 'prod'), meter.stage('b', 'v1')];
  assert.deepEqual([...results(a, '/x/GET', 'gold-key-0123456789ab', 1), ...results(b, '/x/GET', 'gold-key-0123456789ab', 2)], ['ok', 'ok', 'THROTTLED']);
  assert.deepEqual(results(a, '/slow/GET', 'gold-key-0123456789ab', 2), ['ok', 'THROTTLED']);
  await clock.advance(1000);
  assert.deepEqual(results(a, '/x/GET', 'gold-key-0123456789ab', 2), ['ok', 'THROTTLED']);
});

test("REST-38 a key's quota: requests over it are QUOTA_EXCEEDED until the next period", async () => {
  const clock = new ManualClock();
  const gate = usagePlanMeter(PLANS, KEYS, clock).stage('a', 'prod');
  assert.deepEqual(results(gate, '/x/GET', 'free-key-0123456789ab', 3), ['ok', 'ok', 'QUOTA_EXCEEDED']);
  await clock.advance(86_400_000);
  assert.deepEqual(results(gate, '/x/GET', 'free-key-0123456789ab', 1), ['ok']);
});
