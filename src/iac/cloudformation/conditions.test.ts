import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configErrorOf, resolveText } from '../../../test/helpers/templates.ts';
import type { ResolveOptions } from './resolve-options.ts';

/** `conditions` are YAML lines under `Conditions:`, which starts on line 3. */
const template = (conditions: string) =>
  `Parameters:\n  Env: {Type: String, Default: dev}\nConditions:\n${conditions
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n')}\nResources:\n  R: {Type: AWS::Test::Thing}\n`;
const conditionsOf = (conditions: string, options: ResolveOptions = {}) => Object.fromEntries(resolveText(template(conditions), options).conditions);
const errorOf = (conditions: string) => configErrorOf(() => conditionsOf(conditions));

test('Fn::Equals compares values, short and long form', () => {
  assert.deepEqual(conditionsOf('A: !Equals [!Ref Env, dev]\nB: {Fn::Equals: [!Ref Env, prod]}'), { A: true, B: false });
});

test('Fn::Equals compares numbers and booleans as their text', () => {
  assert.deepEqual(conditionsOf("A: !Equals [1, '1']\nB: !Equals [true, 'true']\nC: !Equals [[a, b], [a, b]]"), { A: true, B: true, C: true });
});

test('Fn::And, Fn::Or and Fn::Not combine conditions, short and long form', () => {
  const conditions = [
    'Dev: !Equals [!Ref Env, dev]',
    'Prod: !Equals [!Ref Env, prod]',
    'Both: !And [!Condition Dev, !Condition Prod]',
    'Either: {Fn::Or: [{Condition: Dev}, !Condition Prod]}',
    'NotProd: !Not [!Condition Prod]',
    'NotDev: {Fn::Not: [!Equals [!Ref Env, dev]]}',
  ].join('\n');
  assert.deepEqual(conditionsOf(conditions), { Dev: true, Prod: false, Both: false, Either: true, NotProd: true, NotDev: false });
});

test('a condition may refer to one defined after it, and each is evaluated once', () => {
  assert.deepEqual(conditionsOf('A: !Condition B\nB: !Equals [!Ref Env, dev]'), { A: true, B: true });
});

test('overrides change the conditions', () => {
  assert.deepEqual(conditionsOf('Prod: !Equals [!Ref Env, prod]', { parameterOverrides: 'Env=prod' }), { Prod: true });
});

test('Fn::FindInMap can feed a condition', () => {
  const text = `Mappings:\n  Flags:\n    dev: {Logs: 'yes'}\n${template("Logs: !Equals [!FindInMap [Flags, !Ref Env, Logs], 'yes']")}`;
  assert.deepEqual(Object.fromEntries(resolveText(text).conditions), { Logs: true });
});

test('a cycle between conditions is an error listing it', () => {
  assert.equal(
    errorOf('A: !Condition B\nB: !Not [!Condition C]\nC: !Condition A'),
    'template.yaml:4:17: Conditions.A: conditions refer to each other in a cycle: A → B → C → A',
  );
});

test('a condition naming an unknown condition is an error', () => {
  assert.equal(errorOf('A: !Condition Missing'), 'template.yaml:4:17: Conditions.A.Condition: Missing is not a condition of the template; expected one of A');
});

test('a condition cannot refer to a resource', () => {
  assert.equal(
    errorOf('A: !Equals [!Ref R, x]'),
    'template.yaml:4:20: Conditions.A.Fn::Equals[0].Ref: Ref R: conditions can refer to parameters and mappings only, not to resources',
  );
});

test('a condition that is not a condition function is an error', () => {
  assert.equal(errorOf('A: !Ref Env'), 'template.yaml:4:11: Conditions.A: expected a condition: Fn::Equals, Fn::And, Fn::Or, Fn::Not or { Condition: name }');
});

test('Fn::And needs 2 to 10 conditions', () => {
  assert.equal(errorOf('A: !And [!Equals [a, a]]'), 'template.yaml:4:11: Conditions.A.Fn::And: Fn::And expects a list of 2 to 10 conditions');
});

test('Fn::Or of something not a condition is an error', () => {
  assert.equal(
    errorOf('A: !Or [!Equals [a, a], x]'),
    'template.yaml:4:27: Conditions.A.Fn::Or[1]: Fn::Or expects conditions (Fn::Equals, Fn::Not, { Condition: name }…), got string "x"',
  );
});
