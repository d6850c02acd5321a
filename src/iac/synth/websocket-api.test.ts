import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WebSocketApiModel } from '../../model/types.ts';
import { contextOf, fn } from './test-support.ts';
import { deploymentHash, synthesizeWebSocketApi } from './websocket-api.ts';
import { integrationProperties } from './websocket-integrations.ts';

const API: WebSocketApiModel = {
  protocol: 'WEBSOCKET',
  name: 'chat',
  routeSelectionExpression: '$request.body.action',
  apiKeySelectionExpression: '$request.header.x-api-key',
  stage: { name: 'v1', variables: { mode: 'live' }, throttling: { burstLimit: 50, rateLimit: 10 } },
  models: { Message: { contentType: 'application/json', schema: { type: 'object', required: ['data'] } } },
  authorizers: [{ name: 'token', authorizerType: 'REQUEST', function: 'auth', identitySource: ['route.request.querystring.token'] }],
  routes: [
    { key: '$connect', function: 'connect', integrationTimeoutMs: 29000, authorizationType: 'CUSTOM', authorizerId: 'token', apiKeyRequired: true },
    {
      key: 'send',
      function: 'send',
      integrationTimeoutMs: 5000,
      routeResponseSelectionExpression: '$default',
      modelSelectionExpression: '$request.body.action',
      requestModels: { send: 'Message' },
      throttling: { burstLimit: 5, rateLimit: 1 },
    },
  ],
};

const resourcesOf = (api: WebSocketApiModel) => {
  const context = contextOf({ functions: [fn('auth'), fn('connect'), fn('send')], apis: [api] });
  synthesizeWebSocketApi(context, api);
  return context.builder.toTemplate().Resources;
};

// The template carries what the runtime emulates: WS-20 (route selection), AUTH-1 and AUTH-8 ($connect authorizer, API
// key), MAP-10 (models), THR-2 (stage and route throttling), WS-40 (the route response).
test('the Api, its model and authorizer, each route with its integration, a deployment after every route, the stage', () => {
  const resources = resourcesOf(API);
  const deployment = `ChatDeployment${deploymentHash(API)}`;
  assert.deepEqual(Object.keys(resources), [
    'ChatApi',
    'ChatMessageModel',
    'ChatTokenAuthorizer',
    'ChatConnectIntegration',
    'ChatConnectRoute',
    'ChatSendIntegration',
    'ChatSendRoute',
    'ChatSendRouteResponse',
    deployment,
    'ChatStage',
  ]);
  const apiId = { Ref: 'ChatApi' };
  assert.deepEqual(resources.ChatApi, {
    Type: 'AWS::ApiGatewayV2::Api',
    Properties: {
      Name: 'chat',
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
      ApiKeySelectionExpression: '$request.header.x-api-key',
    },
  });
  assert.deepEqual(resources.ChatMessageModel, {
    Type: 'AWS::ApiGatewayV2::Model',
    Properties: { ApiId: apiId, ContentType: 'application/json', Name: 'Message', Schema: { type: 'object', required: ['data'] } },
  });
  assert.deepEqual(resources.ChatTokenAuthorizer, {
    Type: 'AWS::ApiGatewayV2::Authorizer',
    Properties: {
      ApiId: apiId,
      AuthorizerType: 'REQUEST',
      AuthorizerUri: {
        'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AuthFunction.Arn}/invocations',
      },
      IdentitySource: ['route.request.querystring.token'],
      Name: 'token',
    },
  });
  assert.deepEqual(resources.ChatConnectRoute, {
    Type: 'AWS::ApiGatewayV2::Route',
    Properties: {
      ApiId: apiId,
      RouteKey: '$connect',
      Target: { 'Fn::Sub': 'integrations/${ChatConnectIntegration}' },
      AuthorizationType: 'CUSTOM',
      AuthorizerId: { Ref: 'ChatTokenAuthorizer' },
      ApiKeyRequired: true,
    },
  });
  assert.deepEqual(resources.ChatSendIntegration, {
    Type: 'AWS::ApiGatewayV2::Integration',
    Properties: {
      ApiId: apiId,
      IntegrationType: 'AWS_PROXY',
      IntegrationMethod: 'POST',
      IntegrationUri: {
        'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${SendFunction.Arn}/invocations',
      },
      TimeoutInMillis: 5000,
    },
  });
  assert.deepEqual(resources.ChatSendRoute, {
    Type: 'AWS::ApiGatewayV2::Route',
    Properties: {
      ApiId: apiId,
      RouteKey: 'send',
      Target: { 'Fn::Sub': 'integrations/${ChatSendIntegration}' },
      ModelSelectionExpression: '$request.body.action',
      RequestModels: { send: 'Message' },
      RouteResponseSelectionExpression: '$default',
    },
    DependsOn: ['ChatMessageModel'],
  });
  assert.deepEqual(resources.ChatSendRouteResponse, {
    Type: 'AWS::ApiGatewayV2::RouteResponse',
    Properties: { ApiId: apiId, RouteId: { Ref: 'ChatSendRoute' }, RouteResponseKey: '$default' },
  });
  assert.deepEqual(resources[deployment], {
    Type: 'AWS::ApiGatewayV2::Deployment',
    DependsOn: ['ChatConnectRoute', 'ChatSendRoute', 'ChatSendRouteResponse'],
    Properties: { ApiId: apiId },
  });
  assert.deepEqual(resources.ChatStage, {
    Type: 'AWS::ApiGatewayV2::Stage',
    Properties: {
      ApiId: apiId,
      StageName: 'v1',
      DeploymentId: { Ref: deployment },
      StageVariables: { mode: 'live' },
      DefaultRouteSettings: { ThrottlingBurstLimit: 50, ThrottlingRateLimit: 10 },
      RouteSettings: { send: { ThrottlingBurstLimit: 5, ThrottlingRateLimit: 1 } },
    },
  });
});

test('the deployment is renamed when a route changes, not when the stage does', () => {
  const changedRoute = { ...API, routes: API.routes.slice(0, 1) };
  const changedStage = { ...API, stage: { ...API.stage, variables: {} } };
  assert.notEqual(deploymentHash(changedRoute), deploymentHash(API));
  assert.equal(deploymentHash(changedStage), deploymentHash(API));
  assert.match(deploymentHash(API), /^[0-9a-f]{10}$/);
});

// MAP-20..22: the integration types and their templates, as the runtime maps them.
test('integrations: MOCK, AWS, HTTP and HTTP_PROXY with their templates and parameters', () => {
  const templated = {
    requestTemplates: { $default: '{"statusCode": 200}' },
    templateSelectionExpression: '${request.body.action}',
    passthroughBehavior: 'NEVER' as const,
    contentHandlingStrategy: 'CONVERT_TO_TEXT' as const,
  };
  assert.deepEqual(integrationProperties({ key: 'm', integration: { type: 'MOCK', ...templated }, integrationTimeoutMs: 100 }), {
    IntegrationType: 'MOCK',
    RequestTemplates: { $default: '{"statusCode": 200}' },
    TemplateSelectionExpression: '${request.body.action}',
    PassthroughBehavior: 'NEVER',
    ContentHandlingStrategy: 'CONVERT_TO_TEXT',
    TimeoutInMillis: 100,
  });
  assert.deepEqual(
    integrationProperties({
      key: 'a',
      function: 'send',
      integration: { type: 'AWS', requestTemplates: { $default: '$input.body' } },
      integrationTimeoutMs: 200,
    }),
    {
      IntegrationType: 'AWS',
      IntegrationMethod: 'POST',
      IntegrationUri: { 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${SendFunction.Arn}/invocations' },
      RequestTemplates: { $default: '$input.body' },
      TimeoutInMillis: 200,
    },
  );
  const target = {
    integrationUri: 'https://example.com/${stageVariables.path}',
    integrationMethod: 'PUT',
    requestParameters: { 'integration.request.header.X-Id': 'context.connectionId' },
  };
  assert.deepEqual(
    integrationProperties({ key: 'h', integration: { type: 'HTTP', ...target, passthroughBehavior: 'WHEN_NO_MATCH' }, integrationTimeoutMs: 300 }),
    {
      IntegrationType: 'HTTP',
      IntegrationUri: 'https://example.com/${stageVariables.path}',
      IntegrationMethod: 'PUT',
      RequestParameters: { 'integration.request.header.X-Id': 'context.connectionId' },
      PassthroughBehavior: 'WHEN_NO_MATCH',
      TimeoutInMillis: 300,
    },
  );
  assert.deepEqual(integrationProperties({ key: 'p', integration: { type: 'HTTP_PROXY', ...target }, integrationTimeoutMs: 400 }), {
    IntegrationType: 'HTTP_PROXY',
    IntegrationUri: 'https://example.com/${stageVariables.path}',
    IntegrationMethod: 'PUT',
    RequestParameters: { 'integration.request.header.X-Id': 'context.connectionId' },
    TimeoutInMillis: 400,
  });
});

// MAP-21, WS-40: the responses the runtime selects and sends.
test('integration responses, numbered in model order, and a route response', () => {
  const api: WebSocketApiModel = {
    ...API,
    models: undefined,
    authorizers: undefined,
    stage: { name: 'v1', variables: {} },
    routes: [
      {
        key: 'whoami',
        integration: {
          type: 'MOCK',
          requestTemplates: { $default: '{"statusCode": 200}' },
          integrationResponses: [
            { key: '/4\\d{2}/', responseTemplates: { $default: 'no' }, templateSelectionExpression: '${integration.response.statuscode}' },
            { key: '$default', contentHandlingStrategy: 'CONVERT_TO_TEXT' },
          ],
        },
        routeResponseSelectionExpression: '$default',
        integrationTimeoutMs: 29000,
      },
    ],
  };
  const resources = resourcesOf(api);
  assert.deepEqual(resources.ChatWhoamiIntegrationResponse0, {
    Type: 'AWS::ApiGatewayV2::IntegrationResponse',
    Properties: {
      ApiId: { Ref: 'ChatApi' },
      IntegrationId: { Ref: 'ChatWhoamiIntegration' },
      IntegrationResponseKey: '/4\\d{2}/',
      ResponseTemplates: { $default: 'no' },
      TemplateSelectionExpression: '${integration.response.statuscode}',
    },
  });
  assert.deepEqual(resources.ChatWhoamiIntegrationResponse1?.Properties, {
    ApiId: { Ref: 'ChatApi' },
    IntegrationId: { Ref: 'ChatWhoamiIntegration' },
    IntegrationResponseKey: '$default',
    ContentHandlingStrategy: 'CONVERT_TO_TEXT',
  });
  assert.deepEqual(resources[`ChatDeployment${deploymentHash(api)}`]?.DependsOn, [
    'ChatWhoamiRoute',
    'ChatWhoamiIntegrationResponse0',
    'ChatWhoamiIntegrationResponse1',
    'ChatWhoamiRouteResponse',
  ]);
  assert.deepEqual(resources.ChatStage?.Properties, {
    ApiId: { Ref: 'ChatApi' },
    StageName: 'v1',
    DeploymentId: { Ref: `ChatDeployment${deploymentHash(api)}` },
  });
});

test('a route naming an authorizer the API lacks is a config error', () => {
  const api: WebSocketApiModel = { ...API, authorizers: [] };
  assert.throws(() => resourcesOf(api), { message: /api "chat": a route names the authorizer "token", which the API does not have/ });
});

test('two route keys with one logical id are reported with both owners', () => {
  const api: WebSocketApiModel = {
    ...API,
    authorizers: undefined,
    models: undefined,
    routes: [
      { key: '$default', function: 'send', integrationTimeoutMs: 29000 },
      { key: 'default', function: 'send', integrationTimeoutMs: 29000 },
    ],
  };
  assert.throws(() => resourcesOf(api), {
    message: /api "chat" route "default": synthesizes to the logical id "ChatDefaultIntegration", as api "chat" route "\$default" does/,
  });
});
