import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskUrlCredentials } from './mask.ts';

test('credentials in endpoint URLs are masked; URLs without them are left as they are', () => {
  assert.equal(maskUrlCredentials('http://user:secret@db.internal:8000'), 'http://***@db.internal:8000');
  assert.equal(
    maskUrlCredentials('could not create table t at https://AKID:s3cr%2Ft@host/: ECONNREFUSED'),
    'could not create table t at https://***@host/: ECONNREFUSED',
  );
  assert.equal(maskUrlCredentials('"http://token@host"'), '"http://***@host"');
  assert.equal(maskUrlCredentials('http://127.0.0.1:8000/path?mail=a@b'), 'http://127.0.0.1:8000/path?mail=a@b');
  assert.equal(maskUrlCredentials('user@example.com'), 'user@example.com');
});
