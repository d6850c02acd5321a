import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bearerToken } from './bearer.ts';

test('AUTH-21 the identity source holds the bare token or "Bearer <token>"; missing or empty is no token', () => {
  assert.equal(bearerToken('a.b.c'), 'a.b.c');
  assert.equal(bearerToken('Bearer a.b.c'), 'a.b.c');
  assert.equal(bearerToken('bearer a.b.c'), 'a.b.c');
  assert.equal(bearerToken(undefined), undefined);
  assert.equal(bearerToken(''), undefined);
  assert.equal(bearerToken('Bearer '), undefined);
  assert.equal(bearerToken('Bearer'), undefined);
});
