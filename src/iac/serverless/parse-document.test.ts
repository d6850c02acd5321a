/** parseServerlessText: positions by path, CloudFormation short tags, merge keys, unknown tags and syntax errors. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseServerlessText } from './parse-document.ts';
import { pathKey } from './positions.ts';

test('each value has its line and column (from 1), keyed by path', () => {
  const { positions } = parseServerlessText(
    'service: chat\nfunctions:\n  connect:\n    handler: src/chat.connect\n    events:\n      - websocket: $connect\n',
    'serverless.yml',
  );
  assert.deepEqual(positions.get(pathKey(['service'])), { line: 1, column: 10 });
  assert.deepEqual(positions.get(pathKey(['functions', 'connect', 'handler'])), { line: 4, column: 14 });
  assert.deepEqual(positions.get(pathKey(['functions', 'connect', 'events', 0])), { line: 6, column: 9 });
});

test('CloudFormation short tags become their long forms; !GetAtt splits at the first dot', () => {
  const text =
    'a: !Ref Table\nb: !GetAtt Table.StreamArn\nc: !Sub "${AWS::StackName}-x"\nd: !Join [":", [a, !Ref B]]\ne: !If [IsProd, 1, 2]\nf: !Condition IsProd\ng: !GetAtt Api.Outputs.Url\n';
  assert.deepEqual(parseServerlessText(text, 'serverless.yml').value, {
    a: { Ref: 'Table' },
    b: { 'Fn::GetAtt': ['Table', 'StreamArn'] },
    c: { 'Fn::Sub': '${AWS::StackName}-x' },
    d: { 'Fn::Join': [':', ['a', { Ref: 'B' }]] },
    e: { 'Fn::If': ['IsProd', 1, 2] },
    f: { Condition: 'IsProd' },
    g: { 'Fn::GetAtt': ['Api', 'Outputs.Url'] },
  });
});

test('anchors, aliases and merge keys, with the keys written winning', () => {
  const text = 'defaults: &defaults\n  memorySize: 256\n  timeout: 3\nfn:\n  <<: *defaults\n  timeout: 10\n';
  assert.deepEqual(parseServerlessText(text, 'serverless.yml').value, { defaults: { memorySize: 256, timeout: 3 }, fn: { memorySize: 256, timeout: 10 } });
});

test('an unknown tag keeps its plain value and warns at the value', () => {
  const parsed = parseServerlessText('a: !Custom value\n', 'serverless.yml');
  assert.deepEqual(parsed.value, { a: 'value' });
  assert.deepEqual(parsed.warnings, [{ path: 'a', message: 'unknown tag !Custom: kept as its plain value', line: 1, column: 12 }]);
});

test('JSON reads as YAML does, with positions', () => {
  const parsed = parseServerlessText('{\n  "service": "json",\n  "provider": { "name": "aws" }\n}\n', 'serverless.json');
  assert.deepEqual(parsed.value, { service: 'json', provider: { name: 'aws' } });
  assert.deepEqual(parsed.positions.get(pathKey(['provider', 'name'])), { line: 3, column: 25 });
});

test('a syntax error names the file, line and column', () => {
  assert.throws(() => parseServerlessText('service: chat\nprovider:\n  name: aws\n name: x\n', 'serverless.yml'), {
    code: 'HOPLITE_ERR_CONFIG_INVALID',
    message: 'serverless.yml:4:1: (syntax): All mapping items must start at the same column',
  });
});

test('a duplicate key is a syntax error at the second key', () => {
  assert.throws(() => parseServerlessText('service: a\nservice: b\n', 'serverless.yml'), {
    message: 'serverless.yml:2:1: (syntax): Map keys must be unique',
  });
});
