/** REST models, request validators and gateway responses, each named so methods' Refs find them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { restApi, restContext } from '../../../test/fixtures/synth/rest-context.ts';
import { synthesizeRestApi } from './rest-api.ts';

test('REST-4, REST-31, REST-33, REST-35, REST-45: the RestApi and its models, validators and gateway responses', () => {
  const context = restContext([]);
  synthesizeRestApi(
    context,
    restApi({
      binaryMediaTypes: ['image/png', 'application/octet-stream'],
      apiKeySource: 'AUTHORIZER',
      models: { Item: { contentType: 'application/json', schema: { type: 'object', required: ['name'] } } },
      requestValidators: [{ name: 'body-only', validateRequestBody: true, validateRequestParameters: false }],
      gatewayResponses: [
        { responseType: 'DEFAULT_4XX', responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" } },
        { responseType: 'UNAUTHORIZED', statusCode: '401', responseTemplates: { 'application/json': '{"message":$context.error.messageString}' } },
      ],
    }),
  );
  const { ShopApi, ShopItemModel, ShopBodyOnlyRequestValidator, ShopDefault4xxGatewayResponse, ShopUnauthorizedGatewayResponse } =
    context.builder.toTemplate().Resources;
  assert.deepEqual(ShopApi, {
    Type: 'AWS::ApiGateway::RestApi',
    Properties: { Name: 'shop', BinaryMediaTypes: ['image/png', 'application/octet-stream'], ApiKeySourceType: 'AUTHORIZER' },
  });
  assert.deepEqual(ShopItemModel, {
    Type: 'AWS::ApiGateway::Model',
    Properties: { RestApiId: { Ref: 'ShopApi' }, Name: 'Item', ContentType: 'application/json', Schema: { type: 'object', required: ['name'] } },
  });
  assert.deepEqual(ShopBodyOnlyRequestValidator, {
    Type: 'AWS::ApiGateway::RequestValidator',
    Properties: { RestApiId: { Ref: 'ShopApi' }, Name: 'body-only', ValidateRequestBody: true, ValidateRequestParameters: false },
  });
  assert.deepEqual(ShopDefault4xxGatewayResponse, {
    Type: 'AWS::ApiGateway::GatewayResponse',
    Properties: {
      RestApiId: { Ref: 'ShopApi' },
      ResponseType: 'DEFAULT_4XX',
      ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
    },
  });
  assert.deepEqual(ShopUnauthorizedGatewayResponse, {
    Type: 'AWS::ApiGateway::GatewayResponse',
    Properties: {
      RestApiId: { Ref: 'ShopApi' },
      ResponseType: 'UNAUTHORIZED',
      StatusCode: '401',
      ResponseTemplates: { 'application/json': '{"message":$context.error.messageString}' },
    },
  });
});

test('an API with no optional parts is a RestApi with only its Name', () => {
  const context = restContext([]);
  synthesizeRestApi(context, restApi());
  assert.deepEqual(context.builder.toTemplate().Resources.ShopApi, { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'shop' } });
});

test('two parts that synthesize to one logical id are an error naming both', () => {
  const context = restContext([]);
  const method = { httpMethod: 'GET' as const, integration: 'MOCK' as const, integrationTimeoutMs: 29000, methodResponses: [], integrationResponses: [] };
  assert.throws(
    () =>
      synthesizeRestApi(
        context,
        restApi({
          resources: [
            { path: '/a.b', methods: [method] },
            { path: '/a-b', methods: [method] },
          ],
        }),
      ),
    {
      name: 'ConfigError',
      message:
        'hoplite.config.ts: api "shop" resource /a-b: synthesizes to the logical id "ShopABResource", as api "shop" resource /a.b does; rename one of them',
    },
  );
});
