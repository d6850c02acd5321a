import assert from 'node:assert/strict';
import { test } from 'node:test';
import { synthesizeFunctions } from './functions.ts';
import { grantStatements } from './role.ts';
import { contextOf, fn } from './test-support.ts';

const TABLE = { name: 'items', partitionKey: { name: 'id', type: 'S' as const }, billing: { mode: 'PAY_PER_REQUEST' as const } };

test('a function: code from the artifact bucket with its asset folder, its role, its log group, environment references', () => {
  const context = contextOf({
    tables: [TABLE],
    functions: [
      fn('list-items', {
        memoryMb: 256,
        timeoutSeconds: 6,
        runtime: 'nodejs20.x',
        architecture: 'arm64',
        reservedConcurrency: 3,
        logRetentionDays: 7,
        environment: { TABLE: 'items', MODE: 'fast' },
        environmentRefs: { TABLE: { kind: 'table', table: 'items' } },
      }),
    ],
  });
  synthesizeFunctions(context);
  const { Resources } = context.builder.toTemplate();
  assert.deepEqual(Object.keys(Resources), ['ListItemsLogGroup', 'ListItemsRole', 'ListItemsFunction']);
  assert.deepEqual(Resources.ListItemsLogGroup, {
    Type: 'AWS::Logs::LogGroup',
    Properties: { LogGroupName: { 'Fn::Sub': '/aws/lambda/${AWS::StackName}-list-items' }, RetentionInDays: 7 },
  });
  assert.deepEqual(Resources.ListItemsFunction, {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Code: { S3Bucket: { Ref: 'ArtifactBucket' }, S3Key: 'functions/list-items-0123456789abcdef.zip' },
      Handler: 'index.list-items',
      Runtime: 'nodejs20.x',
      MemorySize: 256,
      Timeout: 6,
      Role: { 'Fn::GetAtt': ['ListItemsRole', 'Arn'] },
      Environment: { Variables: { TABLE: { Ref: 'ItemsTable' }, MODE: 'fast' } },
      Architectures: ['arm64'],
      ReservedConcurrentExecutions: 3,
      LoggingConfig: { LogGroup: { Ref: 'ListItemsLogGroup' } },
    },
    Metadata: { 'aws:asset:path': 'assets/list-items', 'aws:asset:property': 'Code' },
  });
  assert.deepEqual(context.warnings, []);
});

test('defaults: the newest runtime, 30 days of logs, no Environment, x86_64 left implicit', () => {
  const context = contextOf({ functions: [fn('ping')] });
  synthesizeFunctions(context);
  const { Resources } = context.builder.toTemplate();
  assert.equal(Resources.PingLogGroup?.Properties?.RetentionInDays, 30);
  assert.deepEqual(Resources.PingFunction?.Properties, {
    Code: { S3Bucket: { Ref: 'ArtifactBucket' }, S3Key: 'functions/ping-0123456789abcdef.zip' },
    Handler: 'index.ping',
    Runtime: 'nodejs22.x',
    MemorySize: 128,
    Timeout: 10,
    Role: { 'Fn::GetAtt': ['PingRole', 'Arn'] },
    LoggingConfig: { LogGroup: { Ref: 'PingLogGroup' } },
  });
});

test('the role: Lambda assumes it; logs on its own group only; one statement per resource, actions sorted and deduplicated', () => {
  const context = contextOf({
    tables: [{ ...TABLE, globalSecondaryIndexes: [{ name: 'byName', partitionKey: { name: 'n', type: 'S' }, projection: { type: 'ALL' } }] }],
    apis: [{ protocol: 'WEBSOCKET', name: 'chat', routeSelectionExpression: '$request.body.action', stage: { name: 'v1', variables: {} }, routes: [] }],
    functions: [
      fn('send', {
        policies: [
          { actions: ['dynamodb:Query', 'dynamodb:GetItem'], resource: { kind: 'table', table: 'items' } },
          { actions: ['execute-api:ManageConnections'], resource: { kind: 'api-connections', api: 'chat' } },
          { actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem'], resource: { kind: 'table', table: 'items' } },
          { actions: ['sqs:SendMessage'], resource: { kind: 'arn', arn: 'arn:aws:sqs:eu-west-1:111122223333:jobs' } },
        ],
      }),
    ],
  });
  synthesizeFunctions(context);
  const role = context.builder.toTemplate().Resources.SendRole;
  assert.deepEqual(role?.Properties?.AssumeRolePolicyDocument, {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
  assert.deepEqual(role?.Properties?.Policies, [
    {
      PolicyName: 'send-grants',
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [{ 'Fn::GetAtt': ['SendLogGroup', 'Arn'] }] },
          {
            Effect: 'Allow',
            Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'],
            Resource: [{ 'Fn::GetAtt': ['ItemsTable', 'Arn'] }, { 'Fn::Sub': '${ItemsTable.Arn}/index/*' }],
          },
          {
            Effect: 'Allow',
            Action: ['execute-api:ManageConnections'],
            Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ChatApi}/v1/*/@connections/*' }],
          },
          { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:eu-west-1:111122223333:jobs'] },
        ],
      },
    },
  ]);
});

test('a policy on a table or API the service does not have is a config error naming the function', () => {
  const context = contextOf({ functions: [fn('send', { policies: [{ actions: ['dynamodb:GetItem'], resource: { kind: 'table', table: 'nope' } }] })] });
  assert.throws(() => grantStatements(context, context.model.functions[0] as never), {
    message: /function "send" policies\[0\]: names the table "nope", which the service does not have/,
  });
});

test('layers are not synthesized: said once per function', () => {
  const context = contextOf({ functions: [fn('a', { layers: ['shared'] })] });
  synthesizeFunctions(context);
  assert.deepEqual(context.warnings, ['function "a": its layers (shared) are not synthesized: their packages are bundled into the function instead']);
});

test('a retention CloudWatch Logs does not offer is a config error naming the function', () => {
  const context = contextOf({ functions: [fn('a', { logRetentionDays: 10 })] });
  assert.throws(() => synthesizeFunctions(context), { message: /function "a" logRetentionDays: expected one of 1, 3, 5, 7, 14, 30, .*, got 10/ });
});

test("serverless-chat's MESSAGES_TABLE: a variable holding a table's name as text is written as the table's Ref, as CloudFormation names the table", () => {
  const context = contextOf({
    tables: [TABLE],
    functions: [fn('send', { environment: { MESSAGES_TABLE: 'items', STAGE: 'dev' } })],
  });
  synthesizeFunctions(context);
  assert.deepEqual(context.builder.toTemplate().Resources.SendFunction?.Properties?.Environment, {
    Variables: { MESSAGES_TABLE: { Ref: 'ItemsTable' }, STAGE: 'dev' },
  });
});
