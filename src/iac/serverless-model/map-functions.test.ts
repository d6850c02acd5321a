/** functions → FunctionModels: handler, code root, memory, timeout, environment with IS_OFFLINE, table refs, policies. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapText, SERVICE_DIR, warningsOf, yaml } from './test-support.ts';

const TABLE = `resources:
  Resources:
    Connections:
      Type: AWS::DynamoDB::Table
      Properties:
        TableName: chat-connections
        AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
        KeySchema: [{ AttributeName: id, KeyType: HASH }]
        BillingMode: PAY_PER_REQUEST
`;

test("a function: Lambda's handler string, the service directory as code root, the provider's settings under its own, IS_OFFLINE=true", () => {
  const text = yaml(
    '  memorySize: 512\n  timeout: 10\n  environment:\n    STAGE: dev\n    DEBUG: "true"\n',
    'functions:\n  connect:\n    handler: src/chat.connect\n    timeout: 3\n    environment:\n      DEBUG: "false"\n',
  );
  const { model, warnings } = mapText(text);
  assert.deepEqual(model, {
    name: 'chat',
    rootDir: SERVICE_DIR,
    functions: [
      {
        name: 'chat-dev-connect',
        handler: 'src/chat.connect',
        codeUri: '.',
        timeoutSeconds: 3,
        memoryMb: 512,
        environment: { STAGE: 'dev', DEBUG: 'false', IS_OFFLINE: 'true' },
        policies: [],
      },
    ],
    apis: [],
    tables: [],
    outputs: [],
    sites: [],
  });
  assert.deepEqual(warnings, []);
});

test('IS_OFFLINE is set last, as serverless-offline sets it, even when the file sets it', () => {
  const { model } = mapText(yaml('  environment:\n    IS_OFFLINE: "false"\n', 'functions:\n  f:\n    handler: h.main\n'));
  assert.deepEqual(model.functions[0]?.environment, { IS_OFFLINE: 'true' });
});

test('{ Ref: <table of resources> } in the environment is the table name; another intrinsic leaves the variable out with a warning', () => {
  const text = yaml(
    '  environment:\n    TABLE: { Ref: Connections }\n    URL: !GetAtt HttpApi.ApiEndpoint\n',
    `functions:\n  f:\n    handler: h.main\n${TABLE}`,
  );
  assert.deepEqual(mapText(text).model.functions[0]?.environment, { TABLE: 'chat-connections', IS_OFFLINE: 'true' });
  assert.deepEqual(warningsOf(text), [
    'serverless.yml:6:18: provider.environment.URL: environment variable URL (Fn::GetAtt) is left out: only { Ref: <a DynamoDB table of resources> } is resolved without a deployment',
  ]);
});

test("provider.iam.role.statements are every function's policies: tables by Fn::GetAtt [T, Arn], ARNs as written", () => {
  const statements = `  iam:
    role:
      statements:
        - Effect: Allow
          Action: [dynamodb:PutItem, dynamodb:Scan]
          Resource: [!GetAtt Connections.Arn, 'arn:aws:s3:::bucket/*']
        - Effect: Allow
          Action: execute-api:ManageConnections
          Resource: { 'Fn::Sub': 'arn:aws:execute-api:*' }
`;
  const text = yaml(statements, `functions:\n  f:\n    handler: h.main\n${TABLE}`);
  assert.deepEqual(mapText(text).model.functions[0]?.policies, [
    { actions: ['dynamodb:PutItem', 'dynamodb:Scan'], resource: { kind: 'table', table: 'chat-connections' } },
    { actions: ['dynamodb:PutItem', 'dynamodb:Scan'], resource: { kind: 'arn', arn: 'arn:aws:s3:::bucket/*' } },
  ]);
  assert.deepEqual(warningsOf(text), [
    'serverless.yml:12:21: provider.iam.role.statements.1.Resource: IAM statement resources other than ARNs and Fn::GetAtt [<table>, Arn] are not recorded',
  ]);
});
