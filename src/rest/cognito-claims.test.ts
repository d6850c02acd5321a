/** REST-48: claims as REST integrations see them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { javaDateText, restClaims } from './cognito-claims.ts';

test("REST-48 exp and iat as Java's Date text in UTC, as observed", () => {
  assert.equal(javaDateText(1469818373), 'Fri Jul 29 18:52:53 UTC 2016');
  assert.equal(javaDateText(Date.UTC(2024, 1, 3, 4, 5, 6) / 1000), 'Sat Feb 03 04:05:06 UTC 2024');
});

test('REST-48 every claim a string: numbers, booleans, lists joined with commas, objects as JSON; null left out', () => {
  assert.deepStrictEqual(
    restClaims({
      sub: 'u',
      exp: 1469818373,
      iat: 1469814773,
      auth_time: 1469814773,
      email_verified: false,
      'cognito:groups': ['a', 'b'],
      nested: { x: [1] },
      gone: null,
      exp_text: 'x',
    }),
    {
      sub: 'u',
      exp: 'Fri Jul 29 18:52:53 UTC 2016',
      iat: 'Fri Jul 29 17:52:53 UTC 2016',
      auth_time: '1469814773',
      email_verified: 'false',
      'cognito:groups': 'a,b',
      nested: '{"x":[1]}',
      exp_text: 'x',
    },
  );
});
