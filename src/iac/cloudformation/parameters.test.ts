import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configErrorOf, resolveText } from '../../../test/helpers/templates.ts';
import type { ResolveOptions } from './resolve-options.ts';

/** A template declaring parameter P as `declaration` (flow mapping); P's declaration is on line 2. */
const template = (declaration: string) => `Parameters:\n  P: ${declaration}\nResources:\n  R: {Type: AWS::Test::Thing}\n`;
const parameter = (declaration: string, options: ResolveOptions = {}) => resolveText(template(declaration), options).parameters.get('P');
const errorOf = (declaration: string, options: ResolveOptions = {}) => configErrorOf(() => parameter(declaration, options));
const override = (value: string): ResolveOptions => ({ parameterOverrides: { P: value } });

test('String takes its Default', () => {
  assert.deepEqual(parameter('{Type: String, Default: dev}'), { type: 'String', value: 'dev', source: 'default', noEcho: false });
});

test('an override wins over the Default', () => {
  assert.deepEqual(parameter('{Type: String, Default: dev}', override('prod')), { type: 'String', value: 'prod', source: 'override', noEcho: false });
});

test('NoEcho is recorded', () => {
  assert.deepEqual(parameter('{Type: String, Default: s3cret, NoEcho: true}'), { type: 'String', value: 's3cret', source: 'default', noEcho: true });
});

test('Number keeps its text, as Ref gives it', () => {
  assert.deepEqual(parameter('{Type: Number, Default: 2.50}'), { type: 'Number', value: '2.5', source: 'default', noEcho: false });
  assert.deepEqual(parameter('{Type: Number, Default: 3}', override('010')), { type: 'Number', value: '010', source: 'override', noEcho: false });
});

test('Number that is not a number is an error', () => {
  assert.equal(errorOf('{Type: Number, Default: ten}'), 'template.yaml:2:30: Parameters.P.Default: "ten" is not a number');
});

test('List<Number> is a list of numbers', () => {
  assert.deepEqual(parameter('{Type: List<Number>, Default: "1, 2,3"}'), { type: 'List<Number>', value: ['1', '2', '3'], source: 'default', noEcho: false });
  assert.equal(errorOf('{Type: List<Number>, Default: "1,x"}'), 'template.yaml:2:36: Parameters.P.Default: "x" is not a number');
});

test('CommaDelimitedList splits at commas and trims each member', () => {
  assert.deepEqual(parameter('{Type: CommaDelimitedList, Default: " a ,b,, c"}'), {
    type: 'CommaDelimitedList',
    value: ['a', 'b', '', 'c'],
    source: 'default',
    noEcho: false,
  });
});

test('AWS-specific types are strings, and their List<…> forms lists', () => {
  assert.deepEqual(parameter('{Type: AWS::EC2::VPC::Id, Default: vpc-1}'), { type: 'AWS::EC2::VPC::Id', value: 'vpc-1', source: 'default', noEcho: false });
  assert.deepEqual(parameter('{Type: "List<AWS::EC2::Subnet::Id>", Default: "subnet-1,subnet-2"}'), {
    type: 'List<AWS::EC2::Subnet::Id>',
    value: ['subnet-1', 'subnet-2'],
    source: 'default',
    noEcho: false,
  });
});

test('AWS::SSM::Parameter::Value<…> needs an override, and names the SSM parameter', () => {
  assert.equal(
    errorOf('{Type: "AWS::SSM::Parameter::Value<String>", Default: /chat/table}'),
    'template.yaml:2:3: Parameters.P: AWS::SSM::Parameter::Value<String> reads the SSM parameter "/chat/table", which is not read locally; give its value with --parameter-overrides P=<value>',
  );
  assert.deepEqual(parameter('{Type: "AWS::SSM::Parameter::Value<List<String>>", Default: /x}', override('a,b')), {
    type: 'AWS::SSM::Parameter::Value<List<String>>',
    value: ['a', 'b'],
    source: 'override',
    noEcho: false,
  });
});

test('an unknown Type is an error naming the types there are', () => {
  assert.equal(
    errorOf('{Type: Strnig, Default: x}'),
    'template.yaml:2:13: Parameters.P.Type: Strnig is not a CloudFormation parameter type; expected String, Number, List<Number>, CommaDelimitedList, an AWS-specific type or AWS::SSM::Parameter::Value<…>',
  );
});

test('a parameter without Type is an error', () => {
  assert.equal(errorOf('{Default: x}'), 'template.yaml:2:3: Parameters.P: expected a Type, such as String, Number or CommaDelimitedList');
});

test('a parameter with no Default and no override is an error naming the flag', () => {
  assert.equal(errorOf('{Type: String}'), 'template.yaml:2:3: Parameters.P: has no Default; give a value with --parameter-overrides P=<value>');
});

test('AllowedValues: a value outside them is an error, with the ConstraintDescription', () => {
  assert.equal(
    errorOf('{Type: String, Default: qa, AllowedValues: [dev, prod]}'),
    'template.yaml:2:30: Parameters.P.Default: "qa" is not one of the AllowedValues: dev, prod',
  );
  assert.equal(
    errorOf('{Type: String, Default: dev, AllowedValues: [dev, prod], ConstraintDescription: "dev or prod"}', override('qa')),
    'template.yaml:2:3: Parameters.P: "qa" is not one of the AllowedValues: dev, prod (dev or prod) (from --parameter-overrides)',
  );
});

test('AllowedValues apply to each member of a list', () => {
  assert.equal(
    errorOf('{Type: CommaDelimitedList, Default: "a,c", AllowedValues: [a, b]}'),
    'template.yaml:2:42: Parameters.P.Default: "c" is not one of the AllowedValues: a, b',
  );
});

test('AllowedPattern must match the whole value', () => {
  assert.equal(parameter('{Type: String, Default: abc, AllowedPattern: "[a-z]+"}')?.value, 'abc');
  assert.equal(
    errorOf('{Type: String, Default: abc1, AllowedPattern: "[a-z]+"}'),
    'template.yaml:2:30: Parameters.P.Default: "abc1" does not match the AllowedPattern [a-z]+',
  );
});

test('MinLength and MaxLength bound a string', () => {
  assert.equal(errorOf('{Type: String, Default: ab, MinLength: 3}'), 'template.yaml:2:30: Parameters.P.Default: "ab" is shorter than the MinLength 3');
  assert.equal(errorOf('{Type: String, Default: abcd, MaxLength: 3}'), 'template.yaml:2:30: Parameters.P.Default: "abcd" is longer than the MaxLength 3');
});

test('MinValue and MaxValue bound a number', () => {
  assert.equal(errorOf('{Type: Number, Default: 0, MinValue: 1}'), 'template.yaml:2:30: Parameters.P.Default: "0" is less than the MinValue 1');
  assert.equal(
    errorOf('{Type: Number, Default: 1, MaxValue: 10}', override('11')),
    'template.yaml:2:3: Parameters.P: "11" is greater than the MaxValue 10 (from --parameter-overrides)',
  );
});

test('an override for a parameter the template lacks is a warning', () => {
  const resolved = resolveText(template('{Type: String, Default: x}'), { parameterOverrides: 'Stage=dev' });
  assert.deepEqual(resolved.warnings, [
    { location: 'template.yaml:1:1', path: 'Parameters', message: '--parameter-overrides names Stage, which is not a parameter of the template; ignored' },
  ]);
});

test('overrides are taken as SAM CLI text, a list of such texts, a map or a record', () => {
  const value = (parameterOverrides: ResolveOptions['parameterOverrides']) => parameter('{Type: String, Default: x}', { parameterOverrides })?.value;
  assert.equal(value('P=a'), 'a');
  assert.equal(value(['Q=1', 'ParameterKey=P,ParameterValue=b']), 'b');
  assert.equal(value(new Map([['P', 'c']])), 'c');
  assert.equal(value({ P: 'd' }), 'd');
});
