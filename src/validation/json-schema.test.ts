import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelCompiler } from './json-schema.ts';

test('MAP-10 a draft-4 schema compiles; draft-4 forms such as boolean exclusiveMaximum are understood', () => {
  const compiled = modelCompiler()({ type: 'object', properties: { n: { type: 'number', maximum: 10, exclusiveMaximum: true } }, required: ['n'] });
  assert.ok(compiled.ok);
  assert.deepEqual([compiled.check({ n: 9 }), compiled.check({ n: 10 }), compiled.check({})], [true, false, false]);
});

test('MAP-10 a schema that breaks the draft-4 meta-schema is a problem carrying the compiler message', () => {
  const compile = modelCompiler();
  assert.deepEqual(compile({ type: 'object', required: 'name' }), { ok: false, problem: 'schema is invalid: data/required must be array' });
  assert.deepEqual(compile([]), { ok: false, problem: 'a schema must be a JSON object' });
  assert.deepEqual(compile({ $ref: '#/definitions/missing' }), { ok: false, problem: `can't resolve reference #/definitions/missing from id #` });
});

test('MAP-10 unknown keywords are ignored, as a model uploaded to API Gateway may carry them', () => {
  const compiled = modelCompiler()({ type: 'string', example: 'hi', title: 'Greeting' });
  assert.ok(compiled.ok);
  assert.equal(compiled.check('hi'), true);
});
