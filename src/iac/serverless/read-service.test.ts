/** readServerlessService: the seed-like chat service to its exact description, serverless.ts loading, load errors. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isHopliteError } from '../../errors.ts';
import { readServerlessService } from './read-service.ts';
import type { ServerlessService } from './types.ts';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/serverless/', import.meta.url));

test('the chat service (WebSocket chat + HTTP API) reads into its exact description', async () => {
  const service = await readServerlessService('chat', { cwd: fixtures, env: {}, instanceId: 'i-1' });
  const expected: ServerlessService = {
    file: 'chat/serverless.yml',
    serviceDir: join(fixtures, 'chat'),
    service: 'chat',
    frameworkVersion: '3',
    provider: {
      name: 'aws',
      stage: 'dev',
      region: 'eu-west-1',
      environment: {
        TABLE_NAME: 'chat-connections-dev',
        DEBUG: 'false',
        API_URL: { 'Fn::GetAtt': ['HttpApi', 'ApiEndpoint'] },
      },
      iam: {
        statements: [
          { Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Scan'], Resource: { 'Fn::GetAtt': ['ConnectionsTable', 'Arn'] } },
        ],
        managedPolicies: [],
      },
      runtime: 'nodejs20.x',
      memorySize: 512,
      timeout: 10,
      httpApi: {
        payload: '2.0',
        authorizers: {
          users: { type: 'jwt', identitySource: '$request.header.Authorization', issuerUrl: 'https://issuer.example.com', audience: ['chat-client'] },
        },
        cors: true,
      },
      websocketsApiRouteSelectionExpression: '$request.body.action',
      websocketsApiName: 'chat-websockets-dev',
    },
    functions: [
      {
        key: 'connect',
        name: 'chat-dev-connect',
        handler: { file: 'src/chat', export: 'connect' },
        environment: { TABLE_NAME: 'chat-connections-dev', DEBUG: 'false', API_URL: { 'Fn::GetAtt': ['HttpApi', 'ApiEndpoint'] } },
        memorySize: 512,
        timeout: 10,
        events: [{ type: 'websocket', route: '$connect', authorizer: { identitySource: ['route.request.querystring.token'], name: 'auth' } }],
        runtime: 'nodejs20.x',
      },
      {
        key: 'disconnect',
        name: 'chat-dev-disconnect',
        handler: { file: 'src/chat', export: 'disconnect' },
        environment: { TABLE_NAME: 'chat-connections-dev', DEBUG: 'false', API_URL: { 'Fn::GetAtt': ['HttpApi', 'ApiEndpoint'] } },
        memorySize: 512,
        timeout: 10,
        events: [{ type: 'websocket', route: '$disconnect' }],
        runtime: 'nodejs20.x',
      },
      {
        key: 'sendMessage',
        name: 'chat-dev-sendMessage',
        handler: { file: 'src/chat', export: 'sendMessage' },
        environment: { TABLE_NAME: 'chat-connections-dev', DEBUG: 'false', API_URL: { 'Fn::GetAtt': ['HttpApi', 'ApiEndpoint'] }, ROUTE: 'sendMessage' },
        memorySize: 256,
        timeout: 10,
        events: [{ type: 'websocket', route: 'sendMessage', routeResponseSelectionExpression: '$default' }],
        runtime: 'nodejs20.x',
      },
      {
        key: 'auth',
        name: 'chat-dev-auth',
        handler: { file: 'src/auth', export: 'handler' },
        environment: { TABLE_NAME: 'chat-connections-dev', DEBUG: 'false', API_URL: { 'Fn::GetAtt': ['HttpApi', 'ApiEndpoint'] } },
        memorySize: 512,
        timeout: 10,
        events: [],
        runtime: 'nodejs20.x',
      },
      {
        key: 'history',
        name: 'chat-dev-history',
        handler: { file: 'src/http', export: 'history' },
        environment: { TABLE_NAME: 'chat-connections-dev', DEBUG: 'false', API_URL: { 'Fn::GetAtt': ['HttpApi', 'ApiEndpoint'] } },
        memorySize: 512,
        timeout: 10,
        events: [
          { type: 'httpApi', method: 'GET', path: '/rooms/{room}/messages', payload: '2.0', authorizer: { name: 'users', scopes: ['chat/read'] } },
          { type: 'httpApi', method: 'POST', path: '/rooms', payload: '2.0' },
          {
            type: 'http',
            method: 'POST',
            path: '/legacy/messages',
            requestSchemas: { 'application/json': { type: 'object', required: ['text'], properties: { text: { type: 'string' } } } },
            private: true,
            cors: true,
          },
        ],
        runtime: 'nodejs20.x',
      },
      {
        key: 'fallback',
        name: 'chat-dev-fallback',
        handler: { file: 'src/http', export: 'fallback' },
        environment: { TABLE_NAME: 'chat-connections-dev', DEBUG: 'false', API_URL: { 'Fn::GetAtt': ['HttpApi', 'ApiEndpoint'] } },
        memorySize: 512,
        timeout: 10,
        events: [{ type: 'httpApi', method: '*', path: '*', payload: '2.0' }],
        runtime: 'nodejs20.x',
      },
    ],
    resources: {
      Resources: {
        ConnectionsTable: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            TableName: 'chat-connections-dev',
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: [{ AttributeName: 'connectionId', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'connectionId', KeyType: 'HASH' }],
          },
        },
      },
      Outputs: { TableArn: { Value: { 'Fn::GetAtt': ['ConnectionsTable', 'Arn'] } } },
    },
    plugins: ['serverless-offline'],
    custom: { tableName: 'chat-connections-dev', settings: { memorySize: 512 } },
    warnings: [
      {
        path: 'functions.history.events.3',
        message: 'the schedule event is not run: Hoplite runs websocket, httpApi, http events',
        line: 84,
        column: 9,
      },
      {
        path: 'plugins.0',
        message: 'plugin serverless-offline is not run: Hoplite reads the service itself and serves what serverless-offline would',
        line: 6,
        column: 5,
      },
    ],
  };
  assert.deepEqual(service, expected);
});

test('--stage, --region and the environment change the chat service as the Framework would', async () => {
  const service = await readServerlessService('chat/serverless.yml', {
    cwd: fixtures,
    options: { stage: 'prod', region: 'us-west-2' },
    env: { CHAT_DEBUG: '1' },
  });
  assert.deepEqual(
    [service.provider.stage, service.provider.region, service.provider.memorySize, service.provider.environment.DEBUG, service.functions[0]?.name],
    ['prod', 'us-west-2', 2048, 'true', 'chat-prod-connect'],
  );
});

test('serverless.ts exporting a promise of the configuration (ES module)', async () => {
  const service = await readServerlessService('typescript', { cwd: fixtures, options: { stage: 'qa' } });
  assert.deepEqual(
    { file: service.file, service: service.service, stage: service.provider.stage, environment: service.provider.environment, functions: service.functions },
    {
      file: 'typescript/serverless.ts',
      service: 'typed',
      stage: 'qa',
      environment: { STAGE: 'qa' },
      functions: [
        {
          key: 'hello',
          name: 'typed-qa-hello',
          handler: { file: 'handler', export: 'hello' },
          environment: { STAGE: 'qa' },
          memorySize: 1024,
          timeout: 6,
          events: [{ type: 'httpApi', method: 'GET', path: '/hello', payload: '2.0' }],
          runtime: 'nodejs20.x',
        },
      ],
    },
  );
});

test('serverless.ts assigning module.exports in a CommonJS package', async () => {
  const service = await readServerlessService('typescript-commonjs/serverless.ts', { cwd: fixtures });
  assert.deepEqual(
    [service.service, service.provider.region, service.functions[0]?.handler],
    ['commonjs-typed', 'eu-central-1', { file: 'src/handler', export: 'main' }],
  );
});

test('serverless.json with ${file(...)} of CommonJS modules on disk: a value, a resolver function, a missing file falling back', async () => {
  const service = await readServerlessService('json', { cwd: fixtures, options: { stage: 'qa' } });
  assert.deepEqual(
    [service.file, service.provider.timeout, service.custom],
    ['json/serverless.json', 12, { fromFunction: { stage: 'qa', service: 'json-service' }, missing: 'fallback' }],
  );
});

test('a variable error in a JavaScript configuration names the file and the path, without a position', async () => {
  await assert.rejects(readServerlessService('module-error', { cwd: fixtures }), {
    code: 'HOPLITE_ERR_CONFIG_INVALID',
    message: 'module-error/serverless.mjs: provider.stage: ${opt:nope}: no --nope option was given',
  });
});

test('a directory without a serverless file is a load error listing the names looked for', async () => {
  try {
    await readServerlessService('.', { cwd: fixtures });
    assert.fail('expected an error');
  } catch (error) {
    assert.ok(isHopliteError(error));
    assert.equal(error.code, 'HOPLITE_ERR_CONFIG_LOAD');
    assert.equal(
      error.message,
      '.: no serverless file found (looked for serverless.yml, serverless.yaml, serverless.json, serverless.js, serverless.cjs, serverless.mjs, serverless.ts)',
    );
  }
});
