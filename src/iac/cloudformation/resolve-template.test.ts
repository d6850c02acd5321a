import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configErrorOf, resolveText } from '../../../test/helpers/templates.ts';
import { ResourceReference } from './values.ts';

const BASE = `Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    DeletionPolicy: !If [IsProd, Retain, Delete]
    UpdateReplacePolicy: Retain
    Metadata: {Owner: !Ref Env}
    Properties:
      TableName: !Sub '\${AWS::StackName}-table'
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Condition: IsProd
    Properties: {AlarmName: x}
  Fn:
    Type: AWS::Lambda::Function
    DependsOn: [Table]
Outputs:
  TableName:
    Description: the table
    Value: !Ref Table
    Export: {Name: !Sub '\${AWS::StackName}-TableName'}
  AlarmName:
    Condition: IsProd
    Value: !Ref Alarm
`;

test('resources keep type, evaluated properties, attributes, DependsOn and position; a false condition leaves one out', () => {
  const template = resolveText(BASE);
  assert.deepEqual([...template.resources.keys()], ['Table', 'Fn']);
  assert.deepEqual(template.resources.get('Table'), {
    type: 'AWS::DynamoDB::Table',
    properties: { TableName: 'hoplite-local-table' },
    condition: undefined,
    dependsOn: [],
    attributes: { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Retain', Metadata: { Owner: 'dev' } },
    position: { line: 6, column: 3 },
  });
  assert.deepEqual(template.resources.get('Fn'), {
    type: 'AWS::Lambda::Function',
    properties: {},
    condition: undefined,
    dependsOn: ['Table'],
    attributes: {},
    position: { line: 17, column: 3 },
  });
});

test('a resource whose condition is true is kept with its condition', () => {
  const template = resolveText(BASE, { parameterOverrides: { Env: 'prod' } });
  assert.deepEqual(template.resources.get('Alarm')?.condition, 'IsProd');
  assert.deepEqual(template.resources.get('Table')?.attributes.DeletionPolicy, 'Retain');
});

test('outputs keep value, description, export name and position; a false condition leaves one out', () => {
  const template = resolveText(BASE);
  assert.deepEqual(Object.fromEntries(template.outputs), {
    TableName: {
      value: new ResourceReference('Table'),
      description: 'the table',
      exportName: 'hoplite-local-TableName',
      condition: undefined,
      position: { line: 21, column: 3 },
    },
  });
  assert.deepEqual(Object.fromEntries(template.conditions), { IsProd: false });
});

test('a Ref to a resource left out by its condition is an error', () => {
  const text = BASE.replace('    DependsOn: [Table]', '    Properties: {Alarm: !Ref Alarm}');
  assert.equal(
    configErrorOf(() => resolveText(text)),
    'template.yaml:19:30: Resources.Fn.Properties.Alarm.Ref: Ref Alarm: Alarm is not created, because its condition IsProd is false',
  );
});

test('DependsOn naming an unknown resource is an error', () => {
  assert.equal(
    configErrorOf(() => resolveText(BASE.replace('DependsOn: [Table]', 'DependsOn: [Tabel]'))),
    'template.yaml:19:17: Resources.Fn.DependsOn[0]: DependsOn Tabel: Tabel is not a resource of the template',
  );
});

test('resources of the stack outside the template (externalResource) stay references, in Ref, GetAtt, Sub and DependsOn', () => {
  const text = `Resources:
  R:
    Type: AWS::SNS::Topic
    DependsOn: [HttpApi]
    Properties:
      A: !Ref HttpApi
      B: !GetAtt HelloLambdaFunction.Arn
      C: !Sub 'https://\${HttpApi}.example'`;
  const resource = resolveText(text, { externalResource: (id) => id === 'HttpApi' || id === 'HelloLambdaFunction' }).resources.get('R');
  assert.deepEqual(resource?.dependsOn, ['HttpApi']);
  assert.deepEqual(resource?.properties.A, new ResourceReference('HttpApi'));
  assert.deepEqual(resource?.properties.B, new ResourceReference('HelloLambdaFunction', 'Arn'));
  assert.equal(
    configErrorOf(() => resolveText(text.replace('!Ref HttpApi', '!Ref Other'), { externalResource: (id) => id !== 'Other' })),
    'template.yaml:6:15: Resources.R.Properties.A.Ref: Ref Other: Other is not a parameter, a resource or a pseudo parameter of the template',
  );
});

test('a resource condition naming an unknown condition is an error', () => {
  assert.equal(
    configErrorOf(() => resolveText(BASE.replace('Condition: IsProd\n    Properties', 'Condition: IsProdd\n    Properties'))),
    'template.yaml:15:16: Resources.Alarm.Condition: IsProdd is not a condition of the template; expected one of IsProd',
  );
});

test('a template without Resources is an error', () => {
  assert.equal(
    configErrorOf(() => resolveText('Description: x\n')),
    'template.yaml:1:1: Resources: expected a Resources section: a mapping of logical ids to resources',
  );
});

test('a resource without Type is an error', () => {
  assert.equal(
    configErrorOf(() => resolveText('Resources:\n  R:\n    Properties: {}\n')),
    'template.yaml:2:3: Resources.R: expected a Type such as AWS::Serverless::Function or AWS::DynamoDB::Table',
  );
});

test('an output without Value is an error', () => {
  assert.equal(
    configErrorOf(() => resolveText('Resources: {}\nOutputs:\n  O: {Description: x}\n')),
    'template.yaml:3:3: Outputs.O: expected a Value',
  );
});

test('Transform AWS::Serverless-2016-10-31 marks a SAM template, and its Globals are evaluated', () => {
  const template = resolveText(
    'Transform: AWS::Serverless-2016-10-31\nDescription: chat\nGlobals:\n  Function: {Timeout: 10, Environment: {Variables: {STACK: !Ref AWS::StackName}}}\nResources: {}\n',
  );
  assert.equal(template.serverless, true);
  assert.deepEqual(template.transforms, ['AWS::Serverless-2016-10-31']);
  assert.equal(template.description, 'chat');
  assert.deepEqual(template.globals, { Function: { Timeout: 10, Environment: { Variables: { STACK: 'hoplite-local' } } } });
  assert.deepEqual(template.warnings, []);
});

test('other transforms, Rules, unknown sections and unknown resource attributes are warnings', () => {
  const text =
    'Transform: [AWS::Serverless-2016-10-31, AWS::LanguageExtensions]\nRules: {}\nExtra: 1\nResources:\n  R: {Type: AWS::SNS::Topic, Connectors: {}}\n';
  const template = resolveText(text);
  assert.equal(template.serverless, true);
  assert.deepEqual(template.warnings, [
    { location: 'template.yaml:3:8', path: 'Extra', message: 'Extra is not a template section; ignored' },
    { location: 'template.yaml:2:1', path: 'Rules', message: 'Rules are checked by CloudFormation when a stack is created; they are not checked locally' },
    {
      location: 'template.yaml:1:41',
      path: 'Transform[1]',
      message: 'the transform AWS::LanguageExtensions is not run locally; only AWS::Serverless-2016-10-31 is read',
    },
    { location: 'template.yaml:5:30', path: 'Resources.R.Connectors', message: 'Connectors is not a resource attribute Hoplite reads; ignored' },
  ]);
});

test('a JSON template resolves the same way, with its positions', () => {
  const text = '{\n  "Resources": {\n    "R": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "Nope"}}}\n  }\n}';
  assert.equal(
    configErrorOf(() => resolveText(text, {}, 'template.json')),
    'template.json:3:74: Resources.R.Properties.TopicName.Ref: Ref Nope: Nope is not a parameter, a resource or a pseudo parameter of the template',
  );
});

test('Properties that are AWS::NoValue leave the resource with none', () => {
  const template = resolveText(
    'Conditions:\n  No: !Equals [a, b]\nResources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties: !If [No, {TopicName: x}, !Ref AWS::NoValue]\n',
  );
  assert.deepEqual(template.resources.get('R')?.properties, {});
});

test('an output whose Value is AWS::NoValue is an error', () => {
  assert.equal(
    configErrorOf(() => resolveText('Resources: {}\nOutputs:\n  O: {Value: !Ref AWS::NoValue}\n')),
    'template.yaml:3:19: Outputs.O.Value: expected a Value; AWS::NoValue leaves none',
  );
});

test('a resource sharing its logical id with a parameter is an error', () => {
  assert.equal(
    configErrorOf(() => resolveText('Parameters:\n  Table: {Type: String, Default: x}\nResources:\n  Table: {Type: AWS::DynamoDB::Table}\n')),
    'template.yaml:4:3: Resources.Table: Table is also a parameter; logical ids must be unique across Parameters and Resources',
  );
});
