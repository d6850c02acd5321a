import assert from 'node:assert/strict';
import { test } from 'node:test';
import { synthesizePermissions } from './permissions.ts';
import { contextOf, fn } from './test-support.ts';

test('one permission per function an API invokes (routes and authorizers), scoped to that API', () => {
  const context = contextOf({
    functions: [fn('auth'), fn('connect'), fn('unused'), fn('send')],
    apis: [
      {
        protocol: 'WEBSOCKET',
        name: 'chat',
        routeSelectionExpression: '$request.body.action',
        stage: { name: 'v1', variables: {} },
        routes: [
          { key: '$connect', function: 'connect', integrationTimeoutMs: 29000 },
          { key: 'send', function: 'send', integrationTimeoutMs: 29000 },
          { key: 'again', function: 'send', integrationTimeoutMs: 29000 },
          { key: 'ping', integration: { type: 'MOCK' }, integrationTimeoutMs: 29000 },
        ],
        authorizers: [{ name: 'token', authorizerType: 'REQUEST', function: 'auth', identitySource: ['route.request.header.Auth'] }],
      },
    ],
  });
  synthesizePermissions(context);
  const { Resources } = context.builder.toTemplate();
  assert.deepEqual(Object.keys(Resources), ['AuthChatPermission', 'ConnectChatPermission', 'SendChatPermission']);
  assert.deepEqual(Resources.SendChatPermission, {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': ['SendFunction', 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
      SourceArn: { 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ChatApi}/*' },
    },
  });
});

test('HTTP and REST APIs: routes, methods and Lambda authorizers', () => {
  const context = contextOf({
    functions: [fn('items'), fn('check')],
    apis: [
      {
        protocol: 'HTTP',
        name: 'web',
        stage: { name: '$default', variables: {}, autoDeploy: true },
        routes: [{ key: 'GET /items', function: 'items', payloadFormatVersion: '2.0', integrationTimeoutMs: 30000 }],
      },
      {
        protocol: 'REST',
        name: 'legacy',
        stage: { name: 'prod', variables: {} },
        binaryMediaTypes: [],
        resources: [
          { path: '/', methods: [{ httpMethod: 'GET', integration: 'MOCK', integrationTimeoutMs: 29000, methodResponses: [], integrationResponses: [] }] },
        ],
        authorizers: [{ name: 'a', type: 'TOKEN', function: 'check', identitySource: ['method.request.header.Auth'], authorizerResultTtlInSeconds: 0 }],
      },
    ],
  });
  synthesizePermissions(context);
  assert.deepEqual(Object.keys(context.builder.toTemplate().Resources), ['ItemsWebPermission', 'CheckLegacyPermission']);
});
