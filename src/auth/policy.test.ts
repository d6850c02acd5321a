import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluatePolicy, matchesPattern } from './policy.ts';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/dev/$connect';
const allow = (Resource: unknown, Action: unknown = 'execute-api:Invoke') => ({ Effect: 'Allow', Action, Resource });
const deny = (Resource: unknown, Action: unknown = 'execute-api:Invoke') => ({ Effect: 'Deny', Action, Resource });

test('AUTH-5 resource patterns: * spans "/", ? is one character, case-sensitive, whole ARN', () => {
  const cases: [string, boolean][] = [
    [ARN, true],
    ['arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/dev/*', true],
    ['arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*', true],
    ['*', true],
    ['arn:aws:execute-api:*:*:*/dev/$connect', true],
    ['arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/de?/$connect', true],
    ['arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/dev/*/*', false],
    ['arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/DEV/$connect', false],
    ['arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/dev', false],
    ['arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/d?/$connect', false],
    ['arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5.dev.$connect', false],
  ];
  for (const [pattern, expected] of cases) assert.equal(matchesPattern(pattern, ARN), expected, pattern);
});

test('AUTH-5 decision table: any applicable Deny wins, else an Allow, else implicit deny', () => {
  const cases: [string, unknown[], string][] = [
    ['one allow', [allow(ARN)], 'allow'],
    ['allow list of resources', [allow(['arn:other', ARN])], 'allow'],
    ['deny beats allow', [allow(ARN), deny(ARN)], 'explicit-deny'],
    ['deny first beats allow', [deny('*'), allow(ARN)], 'explicit-deny'],
    ['deny on another resource does not apply', [allow(ARN), deny('arn:other')], 'allow'],
    ['no statement', [], 'implicit-deny'],
    ['allow on another resource', [allow('arn:other')], 'implicit-deny'],
    ['dev/*/* does not cover $connect', [allow('arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/dev/*/*')], 'implicit-deny'],
    ['action execute-api:*', [allow(ARN, 'execute-api:*')], 'allow'],
    ['action *', [allow(ARN, '*')], 'allow'],
    ['action list', [allow(ARN, ['s3:GetObject', 'execute-api:Invoke'])], 'allow'],
    ['action wildcard pattern', [allow(ARN, 'execute-api:Inv*')], 'allow'],
    ['other action', [allow(ARN, 'execute-api:ManageConnections')], 'implicit-deny'],
    ['deny with other action does not apply', [allow(ARN), deny(ARN, 's3:*')], 'allow'],
  ];
  for (const [name, statements, expected] of cases) assert.equal(evaluatePolicy(statements as never, ARN), expected, name);
});
