import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HopliteError } from '../../errors.ts';
import { explainAwsError } from './aws-errors.ts';

function awsError(name: string, message: string, extra: object = {}): Error {
  return Object.assign(new Error(message), { name, ...extra });
}

test('explainAwsError: a service answer becomes one line with its code and message', () => {
  const explained = explainAwsError(
    awsError('AccessDenied', 'User is not authorized to perform: cloudformation:CreateChangeSet', { $metadata: { httpStatusCode: 403 } }),
  );
  assert.ok(explained instanceof HopliteError);
  assert.equal(explained.code, 'HOPLITE_ERR_SHIP_PRECONDITION');
  assert.equal(explained.message, 'AWS refused a call: AccessDenied: User is not authorized to perform: cloudformation:CreateChangeSet');
});

test('explainAwsError: missing credentials say how to provide them', () => {
  const explained = explainAwsError(awsError('CredentialsProviderError', 'Could not load credentials from any providers')) as HopliteError;
  assert.equal(explained.code, 'HOPLITE_ERR_SHIP_PRECONDITION');
  assert.equal(
    explained.message,
    'no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run aws sso login (Could not load credentials from any providers)',
  );
});

test('explainAwsError: our own errors and defects pass through unchanged', () => {
  const ours = new HopliteError('HOPLITE_ERR_STACK_FAILED', 'stack chat creation failed');
  assert.equal(explainAwsError(ours), ours);
  const defect = new TypeError('x is undefined');
  assert.equal(explainAwsError(defect), defect);
});
