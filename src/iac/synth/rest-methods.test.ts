/** REST resources and methods: one Resource per path segment chained from RootResourceId, each integration type's Method. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { restApi, restContext } from '../../../test/fixtures/synth/rest-context.ts';
import type { RestMethodModel, RestResourceModel } from '../../model/types.ts';
import { synthesizeRestApi } from './rest-api.ts';

const LAMBDA_URI = { 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ItemsFunction.Arn}/invocations' };
const bare = (method: Partial<RestMethodModel>): RestMethodModel => ({
  httpMethod: 'GET',
  integration: 'MOCK',
  integrationTimeoutMs: 29000,
  methodResponses: [],
  integrationResponses: [],
  ...method,
});

function resourcesOf(...resources: RestResourceModel[]) {
  const context = restContext([]);
  synthesizeRestApi(context, restApi({ resources }));
  return context.builder.toTemplate().Resources;
}

test('REST-1: a nested path gets a Resource per segment, parents first, with ids from the path ({id} → IdParam, {proxy+} → ProxyGreedy)', () => {
  const resources = resourcesOf({ path: '/items/{id}/{proxy+}', methods: [bare({})] });
  assert.deepEqual(
    Object.entries(resources)
      .filter(([, resource]) => resource.Type === 'AWS::ApiGateway::Resource')
      .map(([id, resource]) => [id, resource.Properties]),
    [
      ['ShopItemsResource', { RestApiId: { Ref: 'ShopApi' }, ParentId: { 'Fn::GetAtt': ['ShopApi', 'RootResourceId'] }, PathPart: 'items' }],
      ['ShopItemsIdParamResource', { RestApiId: { Ref: 'ShopApi' }, ParentId: { Ref: 'ShopItemsResource' }, PathPart: '{id}' }],
      ['ShopItemsIdParamProxyGreedyResource', { RestApiId: { Ref: 'ShopApi' }, ParentId: { Ref: 'ShopItemsIdParamResource' }, PathPart: '{proxy+}' }],
    ],
  );
  assert.deepEqual(resources.ShopItemsIdParamProxyGreedyGetMethod?.Properties?.ResourceId, { Ref: 'ShopItemsIdParamProxyGreedyResource' });
});

test('REST-1: a method on / hangs from RootResourceId and needs no Resource; a shared parent is written once', () => {
  const resources = resourcesOf({ path: '/', methods: [bare({})] }, { path: '/a/b', methods: [bare({})] }, { path: '/a/c', methods: [bare({})] });
  const ids = Object.keys(resources);
  assert.match(ids[7] as string, /^ShopDeployment[0-9a-f]{10}$/);
  assert.deepEqual(ids.slice(0, 7).concat(ids.slice(8)), [
    'ShopApi',
    'ShopRootGetMethod',
    'ShopAResource',
    'ShopABResource',
    'ShopABGetMethod',
    'ShopACResource',
    'ShopACGetMethod',
    'ShopStage',
  ]);
  assert.deepEqual(resources.ShopRootGetMethod?.Properties?.ResourceId, { 'Fn::GetAtt': ['ShopApi', 'RootResourceId'] });
});

test('REST-1, REST-2: a Lambda proxy method invokes the function with POST through its invocation URI', () => {
  const resources = resourcesOf({
    path: '/items',
    methods: [bare({ httpMethod: 'ANY', integration: 'AWS_PROXY', function: 'items', integrationTimeoutMs: 6000 })],
  });
  assert.deepEqual(resources.ShopItemsAnyMethod, {
    Type: 'AWS::ApiGateway::Method',
    Properties: {
      RestApiId: { Ref: 'ShopApi' },
      ResourceId: { Ref: 'ShopItemsResource' },
      HttpMethod: 'ANY',
      AuthorizationType: 'NONE',
      Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST', Uri: LAMBDA_URI, TimeoutInMillis: 6000 },
    },
  });
});

test("REST-10..13, seed 003: a custom Lambda integration maps the body's location to method.response.header.Location", () => {
  const method = bare({
    httpMethod: 'POST',
    integration: 'AWS',
    function: 'items',
    requestTemplates: { 'application/json': '$input.body' },
    passthroughBehavior: 'WHEN_NO_TEMPLATES',
    apiKeyRequired: true,
    requestParameters: { 'method.request.querystring.q': false },
    methodResponses: [
      { statusCode: '200', responseParameters: { 'method.response.header.Location': true } },
      { statusCode: '400', responseParameters: {} },
    ],
    integrationResponses: [
      { statusCode: '200', responseParameters: { 'method.response.header.Location': 'integration.response.body.location' } },
      {
        statusCode: '400',
        selectionPattern: 'Invalid.*',
        responseParameters: {},
        responseTemplates: { 'application/json': '{"error":"$input.path(\'$.errorMessage\')"}' },
      },
    ],
  });
  assert.deepEqual(resourcesOf({ path: '/hello', methods: [method] }).ShopHelloPostMethod?.Properties, {
    RestApiId: { Ref: 'ShopApi' },
    ResourceId: { Ref: 'ShopHelloResource' },
    HttpMethod: 'POST',
    AuthorizationType: 'NONE',
    ApiKeyRequired: true,
    RequestParameters: { 'method.request.querystring.q': false },
    Integration: {
      Type: 'AWS',
      IntegrationHttpMethod: 'POST',
      Uri: LAMBDA_URI,
      RequestTemplates: { 'application/json': '$input.body' },
      PassthroughBehavior: 'WHEN_NO_TEMPLATES',
      TimeoutInMillis: 29000,
      IntegrationResponses: [
        { StatusCode: '200', ResponseParameters: { 'method.response.header.Location': 'integration.response.body.location' } },
        { StatusCode: '400', SelectionPattern: 'Invalid.*', ResponseTemplates: { 'application/json': '{"error":"$input.path(\'$.errorMessage\')"}' } },
      ],
    },
    MethodResponses: [{ StatusCode: '200', ResponseParameters: { 'method.response.header.Location': true } }, { StatusCode: '400' }],
  });
});

test('REST-52..57: MOCK has no Uri; HTTP and HTTP_PROXY keep their URL, method, parameters and content handling', () => {
  const resources = resourcesOf({
    path: '/x',
    methods: [
      bare({ httpMethod: 'OPTIONS', requestTemplates: { 'application/json': '{"statusCode": 200}' } }),
      bare({
        integration: 'HTTP',
        integrationUri: 'https://example.com/{id}',
        integrationHttpMethod: 'GET',
        integrationRequestParameters: { 'integration.request.path.id': "'1'" },
        contentHandling: 'CONVERT_TO_TEXT',
        methodResponses: [{ statusCode: '200', responseParameters: {} }],
        integrationResponses: [{ statusCode: '200', responseParameters: {}, contentHandling: 'CONVERT_TO_BINARY' }],
      }),
      bare({ httpMethod: 'ANY', integration: 'HTTP_PROXY', integrationUri: '${stageVariables.url}', integrationHttpMethod: 'ANY' }),
    ],
  });
  assert.deepEqual(resources.ShopXOptionsMethod?.Properties?.Integration, {
    Type: 'MOCK',
    RequestTemplates: { 'application/json': '{"statusCode": 200}' },
    TimeoutInMillis: 29000,
  });
  assert.deepEqual(resources.ShopXGetMethod?.Properties?.Integration, {
    Type: 'HTTP',
    IntegrationHttpMethod: 'GET',
    Uri: 'https://example.com/{id}',
    RequestParameters: { 'integration.request.path.id': "'1'" },
    ContentHandling: 'CONVERT_TO_TEXT',
    TimeoutInMillis: 29000,
    IntegrationResponses: [{ StatusCode: '200', ContentHandling: 'CONVERT_TO_BINARY' }],
  });
  assert.deepEqual(resources.ShopXGetMethod?.Properties?.MethodResponses, [{ StatusCode: '200' }]);
  assert.deepEqual(resources.ShopXAnyMethod?.Properties?.Integration, {
    Type: 'HTTP_PROXY',
    IntegrationHttpMethod: 'ANY',
    Uri: '${stageVariables.url}',
    TimeoutInMillis: 29000,
  });
});

test('REST-58: a function named through a stage variable stays a stage variable in the URI (${! is a literal ${ in Fn::Sub)', () => {
  const resources = resourcesOf({ path: '/', methods: [bare({ integration: 'AWS_PROXY', function: 'items-${stageVariables.alias}' })] });
  assert.deepEqual(resources.ShopRootGetMethod?.Properties?.Integration, {
    Type: 'AWS_PROXY',
    IntegrationHttpMethod: 'POST',
    Uri: {
      'Fn::Sub':
        'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:items-${!stageVariables.alias}/invocations',
    },
    TimeoutInMillis: 29000,
  });
});

test('REST-33..35, REST-40, REST-47: a method names its validator, models and authorizer by Ref, with its scopes', () => {
  const context = restContext([]);
  synthesizeRestApi(
    context,
    restApi({
      models: { Item: { contentType: 'application/json', schema: { type: 'object' } } },
      requestValidators: [{ name: 'all', validateRequestBody: true, validateRequestParameters: true }],
      authorizers: [
        {
          name: 'pool',
          type: 'COGNITO_USER_POOLS',
          providerARNs: ['arn:aws:cognito-idp:us-east-1:1:userpool/p'],
          identitySource: ['method.request.header.Authorization'],
        },
      ],
      resources: [
        {
          path: '/',
          methods: [
            bare({
              httpMethod: 'PUT',
              requestValidatorId: 'all',
              requestModels: { 'application/json': 'Item' },
              authorizationType: 'COGNITO_USER_POOLS',
              authorizerId: 'pool',
              authorizationScopes: ['shop/write'],
            }),
          ],
        },
      ],
    }),
  );
  const { Integration, ...properties } = context.builder.toTemplate().Resources.ShopRootPutMethod?.Properties ?? {};
  assert.deepEqual(Integration, { Type: 'MOCK', TimeoutInMillis: 29000 });
  assert.deepEqual(properties, {
    RestApiId: { Ref: 'ShopApi' },
    ResourceId: { 'Fn::GetAtt': ['ShopApi', 'RootResourceId'] },
    HttpMethod: 'PUT',
    AuthorizationType: 'COGNITO_USER_POOLS',
    AuthorizerId: { Ref: 'ShopPoolAuthorizer' },
    AuthorizationScopes: ['shop/write'],
    RequestValidatorId: { Ref: 'ShopAllRequestValidator' },
    RequestModels: { 'application/json': { Ref: 'ShopItemModel' } },
  });
});
