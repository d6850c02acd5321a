import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../internal/manual-clock.ts';
import { AuthorizerResultCache } from './result-cache.ts';

test('AUTH-35 a result lives exactly its TTL on the clock', async () => {
  const clock = new ManualClock();
  const cache = new AuthorizerResultCache<string>(300, clock);
  const key = AuthorizerResultCache.keyOf(['Bearer a']);
  cache.set(key, 'allowed');
  assert.equal(cache.get(key), 'allowed');
  await clock.advance(299_999);
  assert.equal(cache.get(key), 'allowed');
  await clock.advance(1);
  assert.equal(cache.get(key), undefined);
  assert.equal(cache.size, 0);
});

test('AUTH-35 the key is the tuple of identity-source values: no two tuples share one', () => {
  const cache = new AuthorizerResultCache<string>(60, new ManualClock());
  cache.set(AuthorizerResultCache.keyOf(['a,b', 'c']), 'first');
  assert.equal(cache.get(AuthorizerResultCache.keyOf(['a', 'b,c'])), undefined);
  assert.equal(cache.get(AuthorizerResultCache.keyOf(['a,b', 'c'])), 'first');
  assert.equal(cache.get(AuthorizerResultCache.keyOf(['a,b'])), undefined);
});

test('AUTH-35 a full cache drops expired entries, then the oldest', async () => {
  const clock = new ManualClock();
  const cache = new AuthorizerResultCache<number>(10, clock, 3);
  cache.set('a', 1);
  await clock.advance(10_000);
  cache.set('b', 2);
  cache.set('c', 3);
  cache.set('d', 4);
  assert.deepEqual([cache.get('a'), cache.get('b'), cache.get('c'), cache.get('d')], [undefined, 2, 3, 4]);
  cache.set('e', 5);
  assert.deepEqual([cache.get('b'), cache.get('c'), cache.get('d'), cache.get('e')], [undefined, 3, 4, 5]);
  assert.equal(cache.size, 3);
});
