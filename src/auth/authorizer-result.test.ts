import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorizerContext, checkAuthorizerResult, MAX_AUTHORIZER_RESULT_BYTES } from './authorizer-result.ts';

const statement = { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' };
const valid = {
  principalId: 'user-123',
  policyDocument: { Version: '2012-10-17', Statement: [statement] },
  context: { userId: 'u-123', tier: 2, admin: false },
};

test('AUTH-4 a valid result, with a single Statement object or a list, context optional', () => {
  assert.deepEqual(checkAuthorizerResult(valid), {
    ok: true,
    result: { principalId: 'user-123', statements: [statement], context: { userId: 'u-123', tier: 2, admin: false } },
  });
  assert.deepEqual(checkAuthorizerResult({ principalId: 'p', policyDocument: { Statement: statement } }), {
    ok: true,
    result: { principalId: 'p', statements: [statement], context: {} },
  });
});

test('AUTH-4 malformed results name what is wrong', () => {
  const cases: [unknown, string][] = [
    [null, 'the result is not an object'],
    ['Allow', 'the result is not an object'],
    [{ policyDocument: valid.policyDocument }, 'principalId is not a string'],
    [{ principalId: 7, policyDocument: valid.policyDocument }, 'principalId is not a string'],
    [{ principalId: 'p' }, 'policyDocument is not an object'],
    [{ principalId: 'p', policyDocument: { Statement: [{ Effect: 'allow', Resource: '*' }] } }, 'a policy statement has no Effect "Allow" or "Deny"'],
    [{ ...valid, context: { nested: { a: 1 } } }, 'context.nested is not a string, number or boolean'],
    [{ ...valid, context: { list: [1] } }, 'context.list is not a string, number or boolean'],
    [{ ...valid, context: { none: null } }, 'context.none is not a string, number or boolean'],
    [{ ...valid, context: 'x' }, 'context is not an object'],
    [{ ...valid, context: { big: 'x'.repeat(MAX_AUTHORIZER_RESULT_BYTES) } }, 'the result exceeds 8192 bytes'],
  ];
  for (const [payload, problem] of cases) assert.deepEqual(checkAuthorizerResult(payload), { ok: false, problem }, problem);
});

test('AUTH-4 a result of exactly 8 KB is accepted', () => {
  const base = { principalId: 'p', policyDocument: { Statement: [statement] }, context: { pad: '' } };
  const pad = 'x'.repeat(MAX_AUTHORIZER_RESULT_BYTES - JSON.stringify(base).length);
  assert.equal(checkAuthorizerResult({ ...base, context: { pad } }).ok, true);
  assert.equal(checkAuthorizerResult({ ...base, context: { pad: `${pad}x` } }).ok, false);
});

test('WS-36 the connection context: principalId first, every value a string', () => {
  assert.deepEqual(authorizerContext({ principalId: 'alice-id', statements: [], context: { user: 'alice', n: 1, ok: true } }), {
    principalId: 'alice-id',
    user: 'alice',
    n: '1',
    ok: 'true',
  });
});
