import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compactJson, stringifyJson } from './json.ts';

test("compactJson writes JSON.stringify's text for parsed JSON values", () => {
  const samples = ['{"a":[1,"two",{"b":null}],"c":"q\\"u\\u2028","d":{},"e":[]}', '[]', '{}', '"s"', '3.5', 'true', 'null', '[[],[[]],{"k":[{}]}]'];
  for (const sample of samples) {
    const value = JSON.parse(sample);
    assert.equal(compactJson(value), JSON.stringify(value), sample);
  }
});

test('stringifyJson writes JSON nested 10000 deep, which JSON.stringify cannot', () => {
  const arrays = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  assert.throws(() => JSON.stringify(JSON.parse(arrays)), RangeError);
  assert.equal(stringifyJson(JSON.parse(arrays)), arrays);
  const objects = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
  assert.equal(stringifyJson(JSON.parse(objects)), objects);
  assert.equal(stringifyJson({ small: [1] }), '{"small":[1]}');
});
