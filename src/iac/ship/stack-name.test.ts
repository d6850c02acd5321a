/** Stack names from service names, and what CloudFormation accepts as one. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStackName, stackNameFor } from './stack-name.ts';

test('a stack name starts with a letter and holds letters, digits and hyphens, at most 128 characters', () => {
  assert.deepStrictEqual(['chat', 'SpartaWebSocket', 'todo-api-2', '2fast', 'my_app', 'a.b', '', 'a'.repeat(128), 'a'.repeat(129)].map(isStackName), [
    true,
    true,
    true,
    false,
    false,
    false,
    false,
    true,
    false,
  ]);
});

test('a service name becomes a stack name: other characters are hyphens, leading non-letters dropped', () => {
  assert.deepStrictEqual(['SpartaWebSocket', 'my_app.v2', '2-fast', 'chat service!', '___', 'x'.repeat(200)].map(stackNameFor), [
    'SpartaWebSocket',
    'my-app-v2',
    'fast',
    'chat-service',
    'hoplite-service',
    'x'.repeat(128),
  ]);
});
