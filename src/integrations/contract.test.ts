/** The contract every integration type keeps, run against each implementation in fake time (GEN-10, GEN-11). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../internal/manual-clock.ts';
import type { InvocationOutcome, Invoker } from '../lambda/invoker.ts';
import type { Integration, IntegrationOutcome } from './contract.ts';
import { lambdaIntegration } from './lambda.ts';
import { mockIntegration } from './mock.ts';

/** How a backend behaves for one case: what it answers and after how long. */
type Behaviour = { after: number; outcome: InvocationOutcome } | { after: number; throws: Error } | { hangs: true };

const ERROR = { errorType: 'Error', errorMessage: 'boom', trace: ['Error: boom'] };

function scriptedInvoker(clock: ManualClock, behaviour: Behaviour, calls: unknown[]): Invoker {
  return {
    has: () => true,
    dispose: async () => {},
    invoke(_name, event) {
      calls.push(event);
      if ('hangs' in behaviour) return new Promise(() => {});
      return new Promise((resolve, reject) =>
        clock.setTimer(behaviour.after, () => ('throws' in behaviour ? reject(behaviour.throws) : resolve(behaviour.outcome))),
      );
    },
  };
}

interface Implementation {
  name: string;
  make(clock: ManualClock, behaviour: Behaviour, calls: unknown[], timeoutMs: number): Integration;
}

const IMPLEMENTATIONS: Implementation[] = [
  {
    name: 'Lambda proxy (AWS_PROXY)',
    make: (clock, behaviour, calls, timeoutMs) =>
      lambdaIntegration({ type: 'AWS_PROXY', invoker: scriptedInvoker(clock, behaviour, calls), functionName: 'f', timeoutMs, clock }),
  },
  {
    name: 'Lambda custom (AWS)',
    make: (clock, behaviour, calls, timeoutMs) =>
      lambdaIntegration({ type: 'AWS', invoker: scriptedInvoker(clock, behaviour, calls), functionName: 'f', timeoutMs, clock }),
  },
];

async function outcomeOf(
  implementation: Implementation,
  behaviour: Behaviour,
  timeoutMs = 1_000,
): Promise<{ outcome: IntegrationOutcome | 'pending'; calls: unknown[]; at: number }> {
  const clock = new ManualClock(0);
  const calls: unknown[] = [];
  let outcome: IntegrationOutcome | 'pending' = 'pending';
  let at = -1;
  void implementation
    .make(clock, behaviour, calls, timeoutMs)
    .call({ the: 'request' })
    .then((settled) => {
      outcome = settled;
      at = clock.now();
    });
  await clock.advance(5_000);
  return { outcome, calls, at };
}

for (const implementation of IMPLEMENTATIONS) {
  test(`${implementation.name}: the request reaches the backend once, as given, and its answer comes back`, async () => {
    const { outcome, calls, at } = await outcomeOf(implementation, { after: 10, outcome: { kind: 'ok', requestId: 'r', payload: { statusCode: 200 } } });
    assert.deepEqual(calls, [{ the: 'request' }]);
    assert.deepEqual(outcome, { kind: 'answered', payload: { statusCode: 200 } });
    assert.equal(at, 10);
  });

  test(`${implementation.name}: GEN-11 the gateway stops waiting at the integration timeout; the late answer is discarded`, async () => {
    const { outcome, at } = await outcomeOf(implementation, { after: 1_500, outcome: { kind: 'ok', requestId: 'r', payload: 'late' } });
    assert.deepEqual(outcome, { kind: 'timed-out' });
    assert.equal(at, 1_000);
  });

  test(`${implementation.name}: GEN-11 a backend that never answers is timed out too`, async () => {
    const { outcome, at } = await outcomeOf(implementation, { hangs: true }, 250);
    assert.deepEqual(outcome, { kind: 'timed-out' });
    assert.equal(at, 250);
  });

  test(`${implementation.name}: GEN-10 a handler error, its own timeout and a crash are failures with Lambda's error`, async () => {
    for (const kind of ['error', 'timeout', 'crash'] as const) {
      const { outcome } = await outcomeOf(implementation, { after: 1, outcome: { kind, requestId: 'r', error: ERROR } });
      assert.deepEqual(outcome, { kind: 'failed', error: ERROR }, kind);
    }
  });

  test(`${implementation.name}: an invocation Lambda refuses (throttled, or an event it cannot take) is refused, not failed`, async () => {
    const throttled = await outcomeOf(implementation, {
      after: 1,
      outcome: { kind: 'throttled', requestId: 'r', reason: 'ConcurrentInvocationLimitExceeded', error: ERROR },
    });
    assert.deepEqual(throttled.outcome, { kind: 'refused', reason: 'throttled', error: ERROR });
    const rejected = await outcomeOf(implementation, { after: 1, outcome: { kind: 'rejected', requestId: 'r', error: ERROR } });
    assert.deepEqual(rejected.outcome, { kind: 'refused', reason: 'rejected', error: ERROR });
  });

  test(`${implementation.name}: a backend that throws fails the call and never rejects it`, async () => {
    const { outcome } = await outcomeOf(implementation, { after: 1, throws: new Error('socket hang up') });
    assert.deepEqual(outcome, { kind: 'failed', error: { errorType: 'Error', errorMessage: 'socket hang up', trace: [] } });
  });
}

// MOCK keeps the contract's shape with no backend: there is nothing to time out, throttle or crash, so the suite
// above (scripted backends) does not apply; what does is that a call answers, at once, and never rejects.
test('MOCK: MAP-22 the rendered request answers at once with its status code and never rejects', async () => {
  const mock = mockIntegration();
  assert.equal(mock.type, 'MOCK');
  assert.deepEqual(await mock.call('{"statusCode": 204}'), { kind: 'answered', payload: { statusCode: 204 } });
  // The Serverless Framework's CORS template, with a bare key, as API Gateway reads it.
  assert.deepEqual(await mock.call('{statusCode:200}'), { kind: 'answered', payload: { statusCode: 200 } });
  assert.deepEqual(await mock.call('{ statusCode : 201, "x": "a:b" }'), { kind: 'answered', payload: { statusCode: 201 } });
  for (const request of ['not json', '{"statusCode": "200"}', '{statusCode:}', null]) {
    const outcome = await mock.call(request);
    assert.equal(outcome.kind, 'failed', String(request));
  }
});
