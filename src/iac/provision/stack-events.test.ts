import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StackEvent } from '@aws-sdk/client-cloudformation';
import { describeFailure, firstFailedResource, formatEvent, isTerminalStatus, newEventsInOrder, reachesKnownEvent } from './stack-events.ts';

const STACK_ID = 'arn:aws:cloudformation:us-west-2:123456789012:stack/chat/1';

function event(id: string, logicalId: string, status: string, reason?: string): StackEvent {
  const isStack = logicalId === 'chat';
  return {
    EventId: id,
    StackId: STACK_ID,
    StackName: 'chat',
    LogicalResourceId: logicalId,
    PhysicalResourceId: isStack ? STACK_ID : `${logicalId}-physical`,
    ResourceType: isStack ? 'AWS::CloudFormation::Stack' : 'AWS::Lambda::Function',
    ResourceStatus: status as StackEvent['ResourceStatus'],
    ResourceStatusReason: reason,
    Timestamp: new Date(Date.UTC(2026, 0, 1, 5, 27, Number(id.slice(1)))),
  };
}

test('newEventsInOrder: newest-first events after the boundary, oldest first, stopping at the boundary', () => {
  const newestFirst = [
    event('e4', 'chat', 'CREATE_COMPLETE'),
    event('e3', 'Send', 'CREATE_COMPLETE'),
    event('e2', 'chat', 'CREATE_IN_PROGRESS'),
    event('e1', 'chat', 'REVIEW_IN_PROGRESS'),
  ];
  const fresh = newEventsInOrder(newestFirst, 'e1', new Set());
  assert.deepEqual(
    fresh.map((e) => e.EventId),
    ['e2', 'e3', 'e4'],
  );
});

test('newEventsInOrder: events already printed end the scan, so a second poll prints only the newer ones', () => {
  const newestFirst = [
    event('e5', 'chat', 'CREATE_COMPLETE'),
    event('e4', 'Send', 'CREATE_COMPLETE'),
    event('e3', 'Send', 'CREATE_IN_PROGRESS'),
    event('e2', 'chat', 'CREATE_IN_PROGRESS'),
  ];
  assert.deepEqual(
    newEventsInOrder(newestFirst, 'e1', new Set(['e2', 'e3'])).map((e) => e.EventId),
    ['e4', 'e5'],
  );
});

test('newEventsInOrder: without a boundary every event is new', () => {
  assert.deepEqual(
    newEventsInOrder([event('e2', 'chat', 'CREATE_COMPLETE'), event('e1', 'chat', 'CREATE_IN_PROGRESS')], undefined, new Set()).map((e) => e.EventId),
    ['e1', 'e2'],
  );
});

test('reachesKnownEvent: a page holding the boundary or a printed event ends the paging', () => {
  const page = [event('e3', 'chat', 'CREATE_COMPLETE'), event('e2', 'chat', 'CREATE_IN_PROGRESS')];
  assert.equal(reachesKnownEvent(page, 'e2', new Set()), true);
  assert.equal(reachesKnownEvent(page, 'e1', new Set(['e3'])), true);
  assert.equal(reachesKnownEvent(page, 'e1', new Set()), false);
});

test('formatEvent: UTC time, status, type, logical id and the reason when there is one', () => {
  assert.equal(
    formatEvent(event('e8', 'Send', 'CREATE_IN_PROGRESS', 'Resource creation Initiated')),
    '05:27:08  CREATE_IN_PROGRESS  AWS::Lambda::Function  Send  Resource creation Initiated',
  );
  assert.equal(formatEvent(event('e9', 'chat', 'CREATE_COMPLETE')), '05:27:09  CREATE_COMPLETE  AWS::CloudFormation::Stack  chat');
});

test('isTerminalStatus: anything but …_IN_PROGRESS', () => {
  assert.deepEqual(
    [
      'CREATE_IN_PROGRESS',
      'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
      'ROLLBACK_IN_PROGRESS',
      'CREATE_COMPLETE',
      'ROLLBACK_COMPLETE',
      'UPDATE_ROLLBACK_COMPLETE',
      'DELETE_COMPLETE',
    ].map(isTerminalStatus),
    [false, false, false, true, true, true, true],
  );
  assert.equal(isTerminalStatus(undefined), false);
});

test('firstFailedResource: the first failed resource with a real cause, not the cancelled neighbours nor the stack', () => {
  const chronological = [
    event('e1', 'chat', 'CREATE_IN_PROGRESS'),
    event('e2', 'Other', 'CREATE_FAILED', 'Resource creation cancelled'),
    event('e3', 'Table', 'CREATE_FAILED', 'Table already exists'),
    event('e4', 'chat', 'ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [Table]. Rollback requested by user.'),
    event('e5', 'Late', 'CREATE_FAILED', 'Something later'),
  ];
  const failed = firstFailedResource(chronological);
  assert.equal(failed?.EventId, 'e3');
  assert.equal(describeFailure(failed as StackEvent), 'Table (AWS::Lambda::Function): Table already exists');
  assert.equal(firstFailedResource([event('e1', 'chat', 'ROLLBACK_COMPLETE')]), undefined);
  assert.equal(firstFailedResource([event('e2', 'Other', 'CREATE_FAILED', 'Resource creation cancelled')])?.EventId, 'e2');
});
