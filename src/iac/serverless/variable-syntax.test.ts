/** parseTemplate: the variables of a string, the text that is not a variable, and syntax errors. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTemplate } from './variable-syntax.ts';

test('a whole-value variable with its source, address and raw text', () => {
  assert.deepEqual(parseTemplate('${opt:stage}'), {
    text: '${opt:stage}',
    variables: [{ start: 0, end: 12, raw: '${opt:stage}', sources: [{ kind: 'source', type: 'opt', params: [], address: { literal: 'stage' } }] }],
  });
});

test('params: unquoted text, numbers, quoted strings and empty ones', () => {
  const [variable] = parseTemplate("${file(./a.yml, 2, 'x y', ):key}").variables;
  assert.deepEqual(variable?.sources, [
    { kind: 'source', type: 'file', params: [{ literal: './a.yml' }, { literal: 2 }, { literal: 'x y' }], address: { literal: 'key' } },
  ]);
});

test('fallbacks: sources, then a literal last', () => {
  const [variable] = parseTemplate('${opt:stage, self:provider.stage, "dev"}').variables;
  assert.deepEqual(variable?.sources, [
    { kind: 'source', type: 'opt', params: [], address: { literal: 'stage' } },
    { kind: 'source', type: 'self', params: [], address: { literal: 'provider.stage' } },
    { kind: 'literal', value: 'dev' },
  ]);
});

test('a nested variable in an address is a template of its own', () => {
  const [variable] = parseTemplate('${self:custom.${opt:stage}.size}').variables;
  assert.deepEqual(variable?.sources, [
    {
      kind: 'source',
      type: 'self',
      params: [],
      address: {
        template: {
          text: 'custom.${opt:stage}.size',
          variables: [{ start: 7, end: 19, raw: '${opt:stage}', sources: [{ kind: 'source', type: 'opt', params: [], address: { literal: 'stage' } }] }],
        },
      },
    },
  ]);
});

test('text that is not a variable: CloudFormation ${Name}, ${AWS::Region}, ${lower} without a source, escapes', () => {
  for (const text of ['${ApiId}', '${AWS::Region}', '${name}', '\\${opt:stage}', 'plain $ {text}']) assert.deepEqual(parseTemplate(text).variables, [], text);
});

test('variables among text keep their indexes', () => {
  assert.deepEqual(
    parseTemplate('a-${sls:stage}-${AWS::Region}-${env:X}').variables.map(({ start, end }) => [start, end]),
    [
      [2, 14],
      [30, 38],
    ],
  );
});

test('syntax errors: an unterminated variable, a bad nested type, a literal fallback not last', () => {
  assert.throws(() => parseTemplate('${opt:stage'), { message: 'Missing variable closing bracket in "${opt:stage"' });
  assert.throws(() => parseTemplate('${self:a.${Bad}}'), { message: 'Invalid variable type at index 11 in "${self:a.${Bad}}"' });
  assert.throws(() => parseTemplate("${opt:a, 'x', opt:b}"), {
    message: `Invalid variable source at index 12: a literal fallback must come last in "\${opt:a, 'x', opt:b}"`,
  });
});
