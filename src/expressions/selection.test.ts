import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSelectionExpression, compileSelectionExpression, selectRoute } from './selection.ts';

function evaluate(expression: string, message: string): string | undefined {
  return compileSelectionExpression(expression).evaluate(message);
}

test('WS-20 WS-21 unwrapped and wrapped variables, nested paths and indexes', () => {
  const cases: Array<[string, string, string]> = [
    ['$request.body.action', '{"action":"join"}', 'join'],
    ['${request.body.action}', '{"action":"join"}', 'join'],
    ['$request.body.data.type', '{"data":{"type":"chat"}}', 'chat'],
    ['$request.body.items[0].kind', '{"items":[{"kind":"a"},{"kind":"b"}]}', 'a'],
    ['$request.body.items[1].kind', '{"items":[{"kind":"a"},{"kind":"b"}]}', 'b'],
    ['$request.body.m[1][0]', '{"m":[[1],[2,3]]}', '2'],
    ['${request.body.service}/${request.body.action}', '{"service":"chat","action":"send"}', 'chat/send'],
    ['$request.body.service/$request.body.action', '{"service":"chat","action":"send"}', 'chat/send'],
    ['pre-${request.body.a}-post', '{"a":"x"}', 'pre-x-post'],
    ['$request.body.a-suffix', '{"a":"x"}', 'x-suffix'],
    ['$request.body.a.', '{"a":"x"}', 'x.'],
    // WS-21 Choice: an unwrapped path stops at the first other character; wrap non-ASCII names.
    ['$request.body.ünï', '{"ünï":"x"}', '{"ünï":"x"}.ünï'],
    ['${request.body.ünï}', '{"ünï":"x"}', 'x'],
  ];
  for (const [expression, message, expected] of cases) assert.equal(evaluate(expression, message), expected, `${expression} on ${message}`);
});

test('WS-21 \\$ is a literal dollar; \\$default evaluates to $default for every message', () => {
  assert.equal(evaluate('\\$default', '{"a":1}'), '$default');
  assert.equal(evaluate('\\$default', 'not json'), '$default');
  assert.equal(evaluate('cost\\$${request.body.n}', '{"n":5}'), 'cost$5');
  assert.equal(evaluate('action', 'anything'), 'action');
});

test('WS-21 evaluation is single-pass: values containing $ are not evaluated again', () => {
  assert.equal(evaluate('$request.body.a', '{"a":"$request.body.b","b":"no"}'), '$request.body.b');
});

test('WS-22 a missing path evaluates to the empty string; literal text is kept', () => {
  assert.equal(evaluate('${request.body.action}-${request.body.nope}', '{"action":"join"}'), 'join-');
  assert.equal(evaluate('$request.body.a.b.c', '{"a":{}}'), '');
  assert.equal(evaluate('$request.body.a[3]', '{"a":[1]}'), '');
  assert.equal(evaluate('$request.body.a.b', '{"a":"string"}'), '');
  assert.equal(evaluate('$request.body.a[0]', '{"a":{"0":"x"}}'), '');
  assert.equal(evaluate('$request.body.length', '{"a":[1]}'), '');
  assert.equal(evaluate('$request.body.toString', '{}'), '');
});

test('WS-22 a message that is not JSON selects nothing (undefined): the caller falls back to $default', () => {
  assert.equal(evaluate('$request.body.action', 'hello'), undefined);
  assert.equal(evaluate('$request.body.action', ''), undefined);
  assert.equal(evaluate('$request.body.action', '{"action":'), undefined);
});

test('WS-22 numbers and booleans become JSON text; null is empty // spec: unverified', () => {
  assert.equal(evaluate('$request.body.n', '{"n":7}'), '7');
  assert.equal(evaluate('$request.body.n', '{"n":1.5}'), '1.5');
  assert.equal(evaluate('$request.body.b', '{"b":true}'), 'true');
  assert.equal(evaluate('$request.body.z', '{"z":null}'), '');
});

test('WS-22 arrays render as [a, b], objects as compact JSON // spec: unverified', () => {
  assert.equal(evaluate('$request.body.a', '{"a":["item1","item2"]}'), '[item1, item2]');
  assert.equal(evaluate('$request.body.o', '{"o":{ "k" : 1 }}'), '{"k":1}');
});

test('WS-22 a JSON root that is not an object makes lookups fail', () => {
  for (const message of ['42', '[1]', '"x"', 'null', 'true']) assert.equal(evaluate('$request.body.action', message), '', message);
});

test('WS-23 WS-24 exact, case-sensitive matching, falling back to $default', () => {
  const expression = compileSelectionExpression('$request.body.action');
  const withDefault = new Set(['$connect', '$disconnect', '$default', 'send']);
  const withoutDefault = new Set(['$connect', 'send']);
  assert.equal(selectRoute(expression, '{"action":"send"}', withDefault), 'send');
  assert.equal(selectRoute(expression, '{"action":"Send"}', withDefault), '$default');
  assert.equal(selectRoute(expression, '{"action":"Send"}', withoutDefault), undefined);
  assert.equal(selectRoute(expression, '{}', withDefault), '$default');
  assert.equal(selectRoute(expression, '{}', withoutDefault), undefined);
  assert.equal(selectRoute(expression, 'not json', withDefault), '$default');
  assert.equal(selectRoute(expression, 'not json', withoutDefault), undefined);
  assert.equal(selectRoute(expression, '{"action":"$default"}', withDefault), '$default');
});

test('WS-23 messages never select $connect or $disconnect // spec: unverified', () => {
  const expression = compileSelectionExpression('$request.body.action');
  assert.equal(selectRoute(expression, '{"action":"$connect"}', new Set(['$connect', '$default'])), '$default');
  assert.equal(selectRoute(expression, '{"action":"$disconnect"}', new Set(['$disconnect'])), undefined);
});

test('WS-21 malformed expressions are reported', () => {
  assert.equal(checkSelectionExpression('$request.body.action'), undefined);
  assert.equal(checkSelectionExpression('\\$default'), undefined);
  assert.equal(checkSelectionExpression('${request.body.action'), 'unterminated "${" at position 0');
  assert.equal(checkSelectionExpression('${request.header.x}'), '"${request.header.x}" is not a $request.body variable');
  assert.equal(
    checkSelectionExpression('$request.querystring.a'),
    'only $request.body variables are meaningful in a route selection expression (at position 0)',
  );
  assert.equal(checkSelectionExpression('${request.body.a..b}'), '"${request.body.a..b}" is not a $request.body variable');
  assert.throws(() => compileSelectionExpression('${request.body.'), /unterminated/);
});

test('WS-22 deeply nested JSON (5000 levels) in a message: selection renders it without exhausting the stack', () => {
  const arrays = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  assert.equal(evaluate('$request.body.message', `{"message":${arrays}}`), `${'['.repeat(5000)}${']'.repeat(5000)}`);
  const objects = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
  assert.equal(evaluate('$request.body.message', `{"message":${objects}}`), objects);
  assert.equal(evaluate('$request.body.message', `{"message":[[1,"two"],{"b":[null,true]},["x"]]}`), '[[1, two], {"b":[null,true]}, [x]]');
  assert.equal(evaluate('$request.body', `{"m":{"k":"v\\"w","e":{}, "l":[]}}`), '{"m":{"k":"v\\"w","e":{},"l":[]}}');
});
