import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changeSetNameAt, changeSetOutcome, isNoChangesReason } from './change-set.ts';

test('isNoChangesReason: both reasons CloudFormation gives an empty change set', () => {
  assert.equal(isNoChangesReason("The submitted information didn't contain changes. Submit different information to create a change set."), true);
  assert.equal(isNoChangesReason('No updates are to be performed.'), true);
  assert.equal(isNoChangesReason('Template format error: Unresolved resource dependencies [Missing] in the Resources block of the template'), false);
  assert.equal(isNoChangesReason(undefined), false);
});

test('changeSetOutcome: pending, ready, empty, or a failure that names the change set and its reason', () => {
  assert.equal(changeSetOutcome({ Status: 'CREATE_IN_PROGRESS' }), undefined);
  assert.equal(changeSetOutcome({ Status: 'CREATE_PENDING' }), undefined);
  assert.deepEqual(changeSetOutcome({ Status: 'CREATE_COMPLETE', StackId: 'id' }), { kind: 'ready', changeSet: { Status: 'CREATE_COMPLETE', StackId: 'id' } });
  assert.deepEqual(changeSetOutcome({ Status: 'FAILED', StatusReason: 'No updates are to be performed.' }), { kind: 'no-changes' });
  assert.throws(() => changeSetOutcome({ Status: 'FAILED', ChangeSetName: 'hoplite-1', StackName: 'chat', StatusReason: 'Template format error' }), {
    code: 'HOPLITE_ERR_STACK_FAILED',
    message: 'change set hoplite-1 of stack chat failed: Template format error',
  });
});

test('changeSetNameAt: a valid change set name from the time', () => {
  assert.equal(changeSetNameAt(Date.UTC(2026, 11, 2, 3, 45, 7, 123)), 'hoplite-20261202T034507Z');
});
