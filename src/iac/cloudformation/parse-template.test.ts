import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configErrorOf } from '../../../test/helpers/templates.ts';
import { parseTemplate } from './parse-template.ts';

const bodyOf = (text: string) => parseTemplate(text, 'template.yaml').body;

test('!Ref becomes { Ref }', () => {
  assert.deepEqual(bodyOf('A: !Ref Table'), { A: { Ref: 'Table' } });
});

test('!GetAtt Logical.Attribute becomes a two-item list, split at the first dot', () => {
  assert.deepEqual(bodyOf('A: !GetAtt Db.Endpoint.Address'), { A: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] } });
});

test('!GetAtt in list form is kept as the list', () => {
  assert.deepEqual(bodyOf('A: !GetAtt [Table, Arn]'), { A: { 'Fn::GetAtt': ['Table', 'Arn'] } });
});

test('!Sub in string form and list form', () => {
  assert.deepEqual(bodyOf("A: !Sub '${X}-y'\nB: !Sub\n  - '${X}'\n  - X: 1"), {
    A: { 'Fn::Sub': '${X}-y' },
    B: { 'Fn::Sub': ['${X}', { X: 1 }] },
  });
});

test('every function tag becomes Fn::<Name>, nested short forms included', () => {
  const text = [
    'Join: !Join [",", [a, b]]',
    'Select: !Select [0, !Split [",", "a,b"]]',
    'If: !If [C, !Base64 x, !ImportValue e]',
    'Conditions: !And [!Equals [a, b], !Or [!Not [!Condition C], !Condition D]]',
    'Map: !FindInMap [M, k, v]',
    "AZs: !GetAZs ''",
    'Cidr: !Cidr [10.0.0.0/16, 2, 8]',
    'Transform: !Transform {Name: AWS::Include}',
  ].join('\n');
  assert.deepEqual(bodyOf(text), {
    Join: { 'Fn::Join': [',', ['a', 'b']] },
    Select: { 'Fn::Select': [0, { 'Fn::Split': [',', 'a,b'] }] },
    If: { 'Fn::If': ['C', { 'Fn::Base64': 'x' }, { 'Fn::ImportValue': 'e' }] },
    Conditions: {
      'Fn::And': [{ 'Fn::Equals': ['a', 'b'] }, { 'Fn::Or': [{ 'Fn::Not': [{ Condition: 'C' }] }, { Condition: 'D' }] }],
    },
    Map: { 'Fn::FindInMap': ['M', 'k', 'v'] },
    AZs: { 'Fn::GetAZs': '' },
    Cidr: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
    Transform: { 'Fn::Transform': { Name: 'AWS::Include' } },
  });
});

test('YAML core-schema tags (!!str) keep their meaning', () => {
  assert.deepEqual(bodyOf('A: !!str 12\nB: 12'), { A: '12', B: 12 });
});

test('an alias resolves to its anchor', () => {
  assert.deepEqual(bodyOf('A: &x {B: 1}\nC: *x'), { A: { B: 1 }, C: { B: 1 } });
});

test('an unknown tag is an error at its value', () => {
  assert.equal(
    configErrorOf(() => bodyOf('A:\n  B: !Foo x')),
    'template.yaml:2:11: (template): unknown tag !Foo; expected a CloudFormation short form such as !Ref, !GetAtt, !Sub, !Join or !If',
  );
});

test('malformed YAML is an error with its line and column', () => {
  assert.equal(
    configErrorOf(() => bodyOf('Resources:\n  A: [1,\nB: 2')),
    'template.yaml:3:1: (template): not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
  );
});

test('a duplicate key is an error at the second one', () => {
  assert.equal(
    configErrorOf(() => bodyOf('A: 1\nA: 2')),
    'template.yaml:2:1: (template): not valid YAML: Map keys must be unique',
  );
});

test('two short forms on one node (!Base64 !Sub) are an error, as in CloudFormation', () => {
  assert.equal(
    configErrorOf(() => bodyOf('A: !Base64 !Sub x')),
    'template.yaml:1:12: (template): not valid YAML: A node can have at most one tag',
  );
});

test('malformed JSON is an error with its line and column', () => {
  assert.equal(
    configErrorOf(() => parseTemplate('{\n  "Resources": {},\n}', 'template.json')),
    'template.json:3:1: (template): not valid JSON: Expected double-quoted property name',
  );
});

test('JSON is read by its extension or its opening brace, with positions', () => {
  const parsed = parseTemplate('{\n  "Resources": {\n    "T": { "Type": "AWS::SNS::Topic" }\n  }\n}', 'template.txt');
  assert.equal(parsed.format, 'json');
  assert.deepEqual(parsed.body, { Resources: { T: { Type: 'AWS::SNS::Topic' } } });
  assert.deepEqual(parsed.positions.at(['Resources', 'T', 'Type']), { line: 3, column: 20 });
});

test('a .yaml file opening with { is YAML (a flow mapping)', () => {
  assert.deepEqual(parseTemplate('{Resources: {T: {Type: !Ref X}}}', 'template.yaml').body, { Resources: { T: { Type: { Ref: 'X' } } } });
});

test('YAML 1.2 core schema: yes, on and dates stay text', () => {
  assert.deepEqual(bodyOf('A: yes\nB: on\nAWSTemplateFormatVersion: 2010-09-09\nC: true\nD: 0x10'), {
    A: 'yes',
    B: 'on',
    AWSTemplateFormatVersion: '2010-09-09',
    C: true,
    D: 16,
  });
});

test('a template that is not a mapping is an error', () => {
  assert.equal(
    configErrorOf(() => bodyOf('- a')),
    'template.yaml:1:1: (template): expected a template: a mapping with a Resources section',
  );
});

test('positions are kept for every node, short forms under their long-form key, at their value', () => {
  const parsed = parseTemplate('Resources:\n  Fn:\n    Type: X\n    Properties:\n      A: !Join\n        - ","\n        - [a, !Ref B]\n', 'template.yaml');
  assert.deepEqual(parsed.positions.at(['Resources', 'Fn', 'Type']), { line: 3, column: 11 });
  assert.deepEqual(parsed.positions.at(['Resources', 'Fn', 'Properties', 'A', 'Fn::Join', 1, 1]), { line: 7, column: 20 });
  assert.equal(parsed.positions.locate(['Resources', 'Fn', 'Properties', 'A', 'Fn::Join', 1, 1, 'Ref']), 'template.yaml:7:20');
  assert.equal(parsed.positions.locate(['Resources', 'Fn', 'Properties', 'Missing']), 'template.yaml:4:5');
});
