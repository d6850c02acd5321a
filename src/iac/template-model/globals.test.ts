/** SAM's Globals merge: the resource's scalars win, mappings merge key by key, lists add up with the globals first. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeGlobals } from './globals.ts';

test('a scalar of the resource wins over the global one; one only in Globals is kept', () => {
  assert.deepEqual(mergeGlobals({ Timeout: 10, Runtime: 'nodejs20.x' }, { Timeout: 3 }), { Timeout: 3, Runtime: 'nodejs20.x' });
});

test('mappings merge key by key, at any depth', () => {
  assert.deepEqual(mergeGlobals({ Environment: { Variables: { A: '1', B: '1' } } }, { Environment: { Variables: { B: '2', C: '2' } } }), {
    Environment: { Variables: { A: '1', B: '2', C: '2' } },
  });
});

test('lists add up, the globals first', () => {
  assert.deepEqual(mergeGlobals({ Layers: ['arn:global'] }, { Layers: ['arn:own'] }), { Layers: ['arn:global', 'arn:own'] });
});

test('a value of another kind than the global one replaces it; no Globals leaves the resource as it is', () => {
  assert.deepEqual(mergeGlobals({ CodeUri: { Bucket: 'b' } }, { CodeUri: 'src/' }), { CodeUri: 'src/' });
  assert.deepEqual(mergeGlobals(undefined, { Timeout: 3 }), { Timeout: 3 });
});
