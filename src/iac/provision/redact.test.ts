import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactAccountIds } from './redact.ts';

test('redactAccountIds: the account field of every ARN, with or without a region, becomes twelve asterisks', () => {
  assert.equal(
    redactAccountIds('Id arn:aws:cloudformation:us-west-2:123412341234:stack/chat/d8a4 role arn:aws:iam::123412341234:role/chat-SendRole'),
    'Id arn:aws:cloudformation:us-west-2:************:stack/chat/d8a4 role arn:aws:iam::************:role/chat-SendRole',
  );
});

test('redactAccountIds: other numbers, bucket ARNs without an account and URLs are left alone', () => {
  const text = 'arn:aws:s3:::weagle-123412341234 wss://gu4vmnia27.execute-api.us-west-2.amazonaws.com/v1 at 123412341234';
  assert.equal(redactAccountIds(text), text);
});

test('redactAccountIds: ARNs of other partitions are redacted too', () => {
  assert.equal(redactAccountIds('arn:aws-cn:lambda:cn-north-1:123412341234:function:send'), 'arn:aws-cn:lambda:cn-north-1:************:function:send');
});
