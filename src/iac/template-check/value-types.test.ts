/** Property values against their types: scalars as CloudFormation reads them, lists, maps, tags, unions and intrinsics where a value goes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issueLines, lambdaFunction, templateWith } from './test-support.ts';

const issuesOfFunction = (extra: Record<string, unknown>, sections: Record<string, unknown> = {}) =>
  issueLines(templateWith({ Fn: lambdaFunction(extra) }, sections));

test('scalars: an integer, a boolean, a string; numbers and booleans written as text are the same values', () => {
  assert.deepEqual(issuesOfFunction({ MemorySize: '256', Timeout: 3, Environment: { Variables: { PORT: 8080, DEBUG: true } } }), []);
  assert.deepEqual(issuesOfFunction({ MemorySize: 1.5, Timeout: 'soon', Handler: { file: 'index' } }), [
    'Resources.Fn.Properties.Handler: expected a string, got {"file":"index"}',
    'Resources.Fn.Properties.MemorySize: expected an integer, got 1.5',
    'Resources.Fn.Properties.Timeout: expected an integer, got "soon"',
  ]);
  const table = (sse: unknown) =>
    issueLines(templateWith({ T: { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [], SSESpecification: { SSEEnabled: sse } } } }));
  assert.deepEqual(table('true'), []);
  assert.deepEqual(table('yes'), ['Resources.T.Properties.SSESpecification.SSEEnabled: expected a boolean, got "yes"']);
});

test('a number: integers and decimals', () => {
  const plan = (rate: unknown) =>
    issueLines(templateWith({ P: { Type: 'AWS::ApiGateway::UsagePlan', Properties: { Throttle: { BurstLimit: 5, RateLimit: rate } } } }));
  assert.deepEqual(plan(0.5), []);
  assert.deepEqual(plan('fast'), ['Resources.P.Properties.Throttle.RateLimit: expected a number, got "fast"']);
});

test('a string with allowed values in the specification', () => {
  assert.deepEqual(issuesOfFunction({ PackageType: 'Zip' }), []);
  assert.deepEqual(issuesOfFunction({ PackageType: 'zip' }), ['Resources.Fn.Properties.PackageType: expected one of "Image", "Zip", got "zip"']);
});

test('a list and its items', () => {
  assert.deepEqual(issuesOfFunction({ Architectures: 'arm64' }), ['Resources.Fn.Properties.Architectures: expected a list, got "arm64"']);
  assert.deepEqual(issuesOfFunction({ Architectures: ['arm64', ['x86_64']] }), ['Resources.Fn.Properties.Architectures[1]: expected a string, got ["x86_64"]']);
});

test('a map and its values', () => {
  assert.deepEqual(issuesOfFunction({ Environment: { Variables: ['A=1'] } }), ['Resources.Fn.Properties.Environment.Variables: expected a map, got ["A=1"]']);
  assert.deepEqual(issuesOfFunction({ Environment: { Variables: { A: { value: 1 } } } }), [
    'Resources.Fn.Properties.Environment.Variables.A: expected a string, got {"value":1}',
  ]);
});

test('a nested object type', () => {
  assert.deepEqual(issuesOfFunction({ TracingConfig: 'Active' }), ['Resources.Fn.Properties.TracingConfig: expected an object (TracingConfig), got "Active"']);
});

test('tags: a Key and a Value, nothing else', () => {
  assert.deepEqual(issuesOfFunction({ Tags: [{ Key: 'team', Value: 'chat' }, { Key: 'owner' }, { Key: 'a', Value: 'b', Extra: 1 }] }), [
    'Resources.Fn.Properties.Tags[1].Value: missing: a tag requires it',
    'Resources.Fn.Properties.Tags[2].Extra: not a property of a tag',
  ]);
});

test('a union with JSON: a list is still checked item by item, an object is JSON', () => {
  const table = (keySchema: unknown) => issueLines(templateWith({ T: { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: keySchema } } }));
  assert.deepEqual(table([{ AttributeName: 'id', KeyType: 'HASH' }]), []);
  assert.deepEqual(table({ AttributeName: 'id', KeyType: 'HASH' }), []);
  assert.deepEqual(table([{ AttributeName: 'id', KeyTyp: 'HASH' }]), [
    'Resources.T.Properties.KeySchema[0].KeyTyp: not a property of AWS::DynamoDB::Table KeySchema; did you mean "KeyType"?',
    'Resources.T.Properties.KeySchema[0].KeyType: missing: AWS::DynamoDB::Table KeySchema requires it',
  ]);
});

test('a union of scalars: every member is named', () => {
  const method = (required: unknown) =>
    issueLines(
      templateWith({
        M: {
          Type: 'AWS::ApiGateway::Method',
          Properties: { HttpMethod: 'GET', ResourceId: 'r', RestApiId: 'a', RequestParameters: { 'method.request.path.id': required } },
        },
      }),
    );
  assert.deepEqual(method(true), []);
  assert.deepEqual(method(['yes']), ['Resources.M.Properties.RequestParameters.method.request.path.id: expected a boolean or a string, got ["yes"]']);
});

test('intrinsics that give a string go where a string or a number goes: Ref, Fn::Sub, Fn::Join, Fn::Base64, Fn::ImportValue, Fn::GetAtt', () => {
  const issues = issueLines(
    templateWith(
      {
        Log: { Type: 'AWS::Logs::LogGroup' },
        Fn: lambdaFunction({
          Handler: { 'Fn::Join': ['.', ['index', 'handler']] },
          MemorySize: { Ref: 'Memory' },
          Description: { 'Fn::Base64': 'text' },
          KmsKeyArn: { 'Fn::ImportValue': 'shared-key' },
          Environment: { Variables: { NAME: { 'Fn::Sub': '${AWS::StackName}-fn' }, ARN: { 'Fn::GetAtt': ['Log', 'Arn'] } } },
        }),
      },
      { Parameters: { Memory: { Type: 'Number' } } },
    ),
  );
  assert.deepEqual(issues, []);
});

test('intrinsics that give a list go where a list goes: Fn::Split, Fn::GetAZs, Ref to a list parameter; not where a string goes', () => {
  const sections = { Parameters: { Layers: { Type: 'CommaDelimitedList' } } };
  assert.deepEqual(issuesOfFunction({ Layers: { Ref: 'Layers' }, Architectures: { 'Fn::Split': [',', 'arm64'] } }, sections), []);
  assert.deepEqual(
    issuesOfFunction({ Handler: { 'Fn::Split': ['.', 'index.handler'] }, Runtime: { 'Fn::GetAZs': '' }, Description: { Ref: 'Layers' } }, sections),
    [
      'Resources.Fn.Properties.Handler: expected a string, got Fn::Split (a list)',
      'Resources.Fn.Properties.Runtime: expected a string, got Fn::GetAZs (a list)',
      'Resources.Fn.Properties.Description: expected a string, got Ref (a list)',
    ],
  );
  assert.deepEqual(issuesOfFunction({ Architectures: { 'Fn::Sub': 'arm64' } }), [
    'Resources.Fn.Properties.Architectures: expected a list, got Fn::Sub (a string)',
  ]);
});

test('Fn::Select and Fn::FindInMap may give either kind; Fn::If checks both branches; AWS::NoValue removes the property', () => {
  const sections = { Conditions: { Arm: { 'Fn::Equals': ['a', 'a'] } }, Mappings: { Sizes: { dev: { memory: 128 } } } };
  assert.deepEqual(
    issuesOfFunction(
      {
        MemorySize: { 'Fn::FindInMap': ['Sizes', 'dev', 'memory'] },
        Runtime: { 'Fn::Select': [0, ['nodejs22.x']] },
        Architectures: { 'Fn::If': ['Arm', ['arm64'], { Ref: 'AWS::NoValue' }] },
        Timeout: { Ref: 'AWS::NoValue' },
      },
      sections,
    ),
    [],
  );
  assert.deepEqual(issuesOfFunction({ Timeout: { 'Fn::If': ['Arm', 'long', 30] } }, sections), [
    'Resources.Fn.Properties.Timeout.Fn::If[1]: expected an integer, got "long"',
  ]);
  assert.deepEqual(issuesOfFunction({ Timeout: { 'Fn::If': ['Arm', 30] } }, sections), [
    'Resources.Fn.Properties.Timeout.Fn::If: expected [condition name, value if true, value if false], got ["Arm",30]',
  ]);
});

test('an intrinsic gives no object: a nested type given by Fn::Sub is reported', () => {
  assert.deepEqual(issuesOfFunction({ TracingConfig: { 'Fn::Sub': 'Active' } }), [
    'Resources.Fn.Properties.TracingConfig: expected an object (TracingConfig), got Fn::Sub (a string)',
  ]);
});

test('a condition function where a value goes, and a function CloudFormation does not have', () => {
  assert.deepEqual(issuesOfFunction({ Handler: { 'Fn::Equals': ['a', 'b'] }, Runtime: { 'Fn::Concat': ['nodejs', '22.x'] } }), [
    'Resources.Fn.Properties.Handler.Fn::Equals: a condition function: it goes in Conditions or as the first argument of Fn::If, not where a value goes',
    'Resources.Fn.Properties.Runtime.Fn::Concat: not an intrinsic function that gives a value (Ref, Fn::Base64, Fn::Cidr, Fn::FindInMap, Fn::GetAZs, Fn::GetAtt, Fn::If, Fn::ImportValue, Fn::Join, Fn::Select, Fn::Split, Fn::Sub)',
  ]);
});

test('a JSON property (a policy document) takes any value, intrinsics included', () => {
  const role = {
    Type: 'AWS::IAM::Role',
    Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Resource: { 'Fn::Split': [',', 'a,b'] } }] } },
  };
  assert.deepEqual(issueLines(templateWith({ Role: role })), []);
});

test('an object with a single Condition key where a value goes is an object, not a condition function', () => {
  const role = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Condition: 'NotACondition' }] } } };
  assert.deepEqual(issueLines(templateWith({ Role: role })), []);
  assert.deepEqual(issuesOfFunction({ TracingConfig: { Condition: 'x' } }), [
    'Resources.Fn.Properties.TracingConfig.Condition: not a property of AWS::Lambda::Function TracingConfig',
  ]);
});
