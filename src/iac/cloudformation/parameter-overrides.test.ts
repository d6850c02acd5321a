import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configErrorOf } from '../../../test/helpers/templates.ts';
import { parseParameterOverrides } from './parameter-overrides.ts';

const parsed = (args: string | string[]) => Object.fromEntries(parseParameterOverrides(args));

test('Key=Value pairs separated by spaces', () => {
  assert.deepEqual(parsed('Stage=dev  Memory=512'), { Stage: 'dev', Memory: '512' });
});

test('ParameterKey=K,ParameterValue=V pairs', () => {
  assert.deepEqual(parsed('ParameterKey=Stage,ParameterValue=dev ParameterKey=Subnets,ParameterValue=a,b'), { Stage: 'dev', Subnets: 'a,b' });
});

test('quoted values hold spaces, the quotes are removed and \\ escapes inside them', () => {
  assert.deepEqual(parsed(`Greeting="hello world" Name='it''s' Path="a\\"b"`), { Greeting: 'hello world', Name: 'its', Path: 'a"b' });
});

test('a value may hold = and be empty', () => {
  assert.deepEqual(parsed('Query=a=b Empty='), { Query: 'a=b', Empty: '' });
});

test('several arguments, as the shell gives them, and the last of a key wins', () => {
  assert.deepEqual(parsed(['Stage=dev', 'Stage=prod Memory=128']), { Stage: 'prod', Memory: '128' });
});

test('a token without = is an error', () => {
  assert.equal(
    configErrorOf(() => parsed('Stage')),
    '--parameter-overrides: Stage: expected Key=Value or ParameterKey=Key,ParameterValue=Value, with an alphanumeric key',
  );
});

test('a key that is not alphanumeric is an error', () => {
  assert.equal(
    configErrorOf(() => parsed('my-key=1')),
    '--parameter-overrides: my-key=1: expected Key=Value or ParameterKey=Key,ParameterValue=Value, with an alphanumeric key',
  );
});

test('an unclosed quote is an error', () => {
  assert.equal(
    configErrorOf(() => parsed('A="x')),
    '--parameter-overrides: A="x: a value opened with " is never closed',
  );
});
