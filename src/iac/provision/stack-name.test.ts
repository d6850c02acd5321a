import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isValidStackName, stackNameFor } from './stack-name.ts';

test('stackNameFor: the service name made a valid stack name', () => {
  assert.deepEqual(['chat', 'chat_app', 'Todo API', '2048-game', '@scope/svc'].map(stackNameFor), [
    'chat',
    'chat-app',
    'Todo-API',
    'hoplite-2048-game',
    'scope-svc',
  ]);
  assert.equal(stackNameFor('x'.repeat(200)).length, 128);
});

test('isValidStackName: a letter, then letters, digits and hyphens, at most 128', () => {
  assert.deepEqual(['chat', 'chat-v2', '2chat', 'chat_app', 'a'.repeat(128), 'a'.repeat(129)].map(isValidStackName), [true, true, false, false, true, false]);
});
