/** Resource-level checks: the type exists in the specification, properties exist and required ones are there, resource attributes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issueLines, lambdaFunction, templateWith } from './test-support.ts';

test('a type the specification does not have', () => {
  assert.deepEqual(issueLines(templateWith({ Queue: { Type: 'AWS::SQS::Queueue' } })), [
    'Resources.Queue.Type: "AWS::SQS::Queueue" is not a resource type of the CloudFormation resource specification',
  ]);
});

test('an AWS SAM type says to run the transform first; its attributes are not checked a second time', () => {
  const template = templateWith({
    Fn: { Type: 'AWS::Serverless::Function', Properties: { CodeUri: 'src/', Handler: 'app.handler' } },
    Log: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { 'Fn::Sub': '/aws/lambda/${Fn}-${Fn.Arn}' } } },
  });
  assert.deepEqual(issueLines(template), [
    'Resources.Fn.Type: "AWS::Serverless::Function" is an AWS SAM type: run the AWS::Serverless-2016-10-31 transform first (sam package or sam deploy does) and check the template it gives',
  ]);
});

test('a resource without a Type, or whose Type is not a string', () => {
  assert.deepEqual(issueLines(templateWith({ A: { Properties: {} }, B: { Type: 3 }, C: 'AWS::SQS::Queue' })), [
    'Resources.A.Type: missing: every resource has a Type',
    'Resources.B.Type: expected a resource type such as "AWS::Lambda::Function", got 3',
    'Resources.C: expected a resource: an object with a Type, got "AWS::SQS::Queue"',
  ]);
});

test('a property the type does not have, with the name it was probably meant to be', () => {
  assert.deepEqual(issueLines(templateWith({ Fn: lambdaFunction({ Speed: 3, Timeuot: 3, memorySize: 128 }) })), [
    'Resources.Fn.Properties.Speed: not a property of AWS::Lambda::Function',
    'Resources.Fn.Properties.Timeuot: not a property of AWS::Lambda::Function; did you mean "Timeout"?',
    'Resources.Fn.Properties.memorySize: not a property of AWS::Lambda::Function; did you mean "MemorySize"?',
  ]);
});

test('a property of a nested type that the type does not have', () => {
  const template = templateWith({ Fn: lambdaFunction({ Code: { S3Bucket: 'bundles', S3Key: 'fn.zip', S3Path: 'x' } }) });
  assert.deepEqual(issueLines(template), ['Resources.Fn.Properties.Code.S3Path: not a property of AWS::Lambda::Function Code']);
});

test('a required property missing, on the resource and in a nested type', () => {
  const template = templateWith({
    Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Bucket: 'bundles', S3Key: 'fn.zip' } } },
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [{ AttributeName: 'id' }] } },
  });
  assert.deepEqual(issueLines(template), [
    'Resources.Fn.Properties.Role: missing: AWS::Lambda::Function requires it',
    'Resources.Table.Properties.KeySchema[0].KeyType: missing: AWS::DynamoDB::Table KeySchema requires it',
  ]);
});

test('a resource without Properties still needs its required ones', () => {
  assert.deepEqual(issueLines(templateWith({ Role: { Type: 'AWS::IAM::Role' } })), [
    'Resources.Role.Properties.AssumeRolePolicyDocument: missing: AWS::IAM::Role requires it',
  ]);
});

test('Properties that are not an object', () => {
  assert.deepEqual(issueLines(templateWith({ Log: { Type: 'AWS::Logs::LogGroup', Properties: ['RetentionInDays'] } })), [
    'Resources.Log.Properties: expected an object of properties, got ["RetentionInDays"]',
  ]);
});

test('a key that is not a resource attribute, and deletion policies CloudFormation lacks', () => {
  const template = templateWith({ Log: { Type: 'AWS::Logs::LogGroup', Propertes: {}, DeletionPolicy: 'Keep', UpdateReplacePolicy: 'Retain' } });
  assert.deepEqual(issueLines(template), [
    'Resources.Log.Propertes: not a resource attribute (Type, Properties, DependsOn, Metadata, Condition, DeletionPolicy, UpdateReplacePolicy, CreationPolicy, UpdatePolicy)',
    'Resources.Log.DeletionPolicy: expected one of "Delete", "Retain", "RetainExceptOnCreate", "Snapshot", got "Keep"',
  ]);
});

test('DependsOn names other resources of the template, as one id or a list', () => {
  const template = templateWith({
    Log: { Type: 'AWS::Logs::LogGroup' },
    One: { Type: 'AWS::Logs::LogGroup', DependsOn: 'Missing' },
    Many: { Type: 'AWS::Logs::LogGroup', DependsOn: ['Log', 'Ghost', 7] },
  });
  assert.deepEqual(issueLines(template), [
    'Resources.One.DependsOn: "Missing" is not a resource of the template',
    'Resources.Many.DependsOn[1]: "Ghost" is not a resource of the template',
    'Resources.Many.DependsOn[2]: expected a logical id, got 7',
  ]);
});

test('a custom resource takes any properties and attributes but needs a ServiceToken', () => {
  const template = templateWith({
    Seed: { Type: 'Custom::SeedTable', Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:seed', Rows: [1, 2] } },
    Other: { Type: 'AWS::CloudFormation::CustomResource', Properties: { Anything: true } },
    Log: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { 'Fn::GetAtt': ['Seed', 'Whatever'] } } },
  });
  assert.deepEqual(issueLines(template), ['Resources.Other.Properties.ServiceToken: missing: AWS::CloudFormation::CustomResource requires it']);
});
