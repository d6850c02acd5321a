import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkHttpAuthorizerOutcome, httpAuthorizerAllows } from './http-authorizer-result.ts';

const SIMPLE = { payloadFormatVersion: '2.0', enableSimpleResponses: true } as const;
const POLICY_V2 = { payloadFormatVersion: '2.0', enableSimpleResponses: false } as const;
const POLICY_V1 = { payloadFormatVersion: '1.0', enableSimpleResponses: false } as const;
const ARN = 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/$default/GET/todos';
const answered = (payload: unknown) => ({ kind: 'answered', payload }) as const;
const policy = (Resource: string, context?: unknown) => ({
  principalId: 'alice',
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource }] },
  ...(context === undefined ? {} : { context }),
});

test('AUTH-33 simple responses: isAuthorized decides, the context keeps its JSON types or is null', () => {
  const context = { user: 'alice', n: 1, list: [1, 'a'], nested: { admin: true } };
  assert.deepEqual(checkHttpAuthorizerOutcome(answered({ isAuthorized: true, context }), SIMPLE), {
    kind: 'result',
    result: { kind: 'simple', isAuthorized: true, context },
  });
  assert.deepEqual(checkHttpAuthorizerOutcome(answered({ isAuthorized: false }), SIMPLE), {
    kind: 'result',
    result: { kind: 'simple', isAuthorized: false, context: null },
  });
});

test('AUTH-33 results of the wrong shape, errors and timeouts are failures; the error `Unauthorized` is the 401', () => {
  const cases: [unknown, typeof SIMPLE | typeof POLICY_V1 | typeof POLICY_V2, string][] = [
    [answered(null), SIMPLE, 'the simple response is not an object'],
    [answered({ isAuthorized: 'true' }), SIMPLE, 'isAuthorized is not true or false'],
    [answered({ isAuthorized: true, context: [1] }), SIMPLE, 'context is not an object'],
    [answered(policy(ARN)), SIMPLE, 'isAuthorized is not true or false'],
    [answered({ isAuthorized: true }), POLICY_V2, 'principalId is not a string'],
    [answered(policy(ARN, { nested: { a: 1 } })), POLICY_V1, 'context.nested is not a string, number or boolean'],
    [answered(policy(ARN, 'text')), POLICY_V2, 'context is not an object'],
    [answered({ isAuthorized: true, context: { big: 'x'.repeat(8192) } }), SIMPLE, 'the result exceeds 8192 bytes'],
    [{ kind: 'timed-out' }, SIMPLE, 'the authorizer timed out'],
    [{ kind: 'failed', error: { errorType: 'Error', errorMessage: 'boom' } }, POLICY_V1, 'the authorizer failed: Error: boom'],
  ];
  for (const [outcome, format, problem] of cases) {
    assert.deepEqual(checkHttpAuthorizerOutcome(outcome as never, format), { kind: 'failure', problem }, problem);
  }
  const unauthorized = { kind: 'failed', error: { errorType: 'Error', errorMessage: 'Unauthorized' } } as const;
  assert.deepEqual(checkHttpAuthorizerOutcome(unauthorized, SIMPLE), { kind: 'unauthorized' });
  assert.deepEqual(checkHttpAuthorizerOutcome({ ...unauthorized, error: { errorType: 'Error', errorMessage: 'unauthorized' } }, SIMPLE).kind, 'failure');
});

test('AUTH-33 policies: 1.0 keeps scalar contexts, 2.0 any JSON object; evaluated against the route ARN (AUTH-5)', () => {
  const v1 = checkHttpAuthorizerOutcome(answered(policy(ARN, { user: 'alice', n: 2 })), POLICY_V1);
  assert.deepEqual(v1, {
    kind: 'result',
    result: { kind: 'policy', principalId: 'alice', statements: policy(ARN).policyDocument.Statement, context: { user: 'alice', n: 2 } },
  });
  const v2 = checkHttpAuthorizerOutcome(answered(policy(ARN, { roles: ['admin'] })), POLICY_V2);
  assert.deepEqual(v2, {
    kind: 'result',
    result: { kind: 'policy', principalId: 'alice', statements: policy(ARN).policyDocument.Statement, context: { roles: ['admin'] } },
  });
  const noContext = checkHttpAuthorizerOutcome(answered(policy(ARN)), POLICY_V1);
  assert.equal(noContext.kind === 'result' && noContext.result.context, null);
  if (v2.kind !== 'result') throw new Error('expected a result');
  assert.equal(httpAuthorizerAllows(v2.result, ARN), true);
  assert.equal(httpAuthorizerAllows(v2.result, ARN.replace('/todos', '/users')), false);
  assert.equal(httpAuthorizerAllows({ kind: 'simple', isAuthorized: false, context: null }, ARN), false);
});
