/** restApiDefinition: small OpenAPI documents → exact resources and methods, authorizers, models, validators. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../errors.ts';
import { pathText } from '../cloudformation/index.ts';
import type { DefinitionSource } from './definition-source.ts';
import { restApiDefinition } from './rest-api-definition.ts';

const warnings: string[] = [];
const source: DefinitionSource = {
  warn: (path, message) => {
    warnings.push(`${pathText(path)}: ${message}`);
  },
  error: (path, message) => new ConfigError('api.yaml', [{ path: pathText(path), message }]),
  functionOf: (value, path, what) => {
    const name = typeof value === 'string' ? /:function:([A-Za-z0-9_-]+)/.exec(value)?.[1] : undefined;
    if (name) return name;
    throw source.error(path, `${what}: no function`);
  },
};
const uri = (name: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:${name}/invocations`;
const doc = (extra: Record<string, unknown>) => ({ openapi: '3.0.1', info: { title: 't', version: '1' }, ...extra });
const proxy = { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: uri('Items') } };
const EMPTY = { authorizers: [], models: {}, requestValidators: [], binaryMediaTypes: [] };

test('paths become resources; aws_proxy methods invoke their function; the any-method is ANY', () => {
  assert.deepEqual(restApiDefinition(doc({ paths: { '/items': { get: proxy, 'x-amazon-apigateway-any-method': proxy } } }), source), {
    ...EMPTY,
    resources: [
      {
        path: '/items',
        methods: [
          { httpMethod: 'GET', integration: 'AWS_PROXY', integrationTimeoutMs: 29000, methodResponses: [], integrationResponses: [], function: 'Items' },
          { httpMethod: 'ANY', integration: 'AWS_PROXY', integrationTimeoutMs: 29000, methodResponses: [], integrationResponses: [], function: 'Items' },
        ],
      },
    ],
  });
});

test('a mock integration with templates, passthrough and responses by selection pattern', () => {
  const operation = {
    responses: { '200': { description: 'ok', headers: { 'X-Kind': { schema: { type: 'string' } } } } },
    'x-amazon-apigateway-integration': {
      type: 'mock',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      passthroughBehavior: 'when_no_templates',
      responses: {
        default: {
          statusCode: '200',
          responseParameters: { 'method.response.header.X-Kind': "'mock'" },
          responseTemplates: { 'application/json': '{"ok":true}' },
        },
        '4\\d{2}': { statusCode: '400' },
      },
    },
  };
  const [method] = restApiDefinition(doc({ paths: { '/m': { get: operation } } }), source).resources[0]?.methods ?? [];
  assert.deepEqual(method, {
    httpMethod: 'GET',
    integration: 'MOCK',
    integrationTimeoutMs: 29000,
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    passthroughBehavior: 'WHEN_NO_TEMPLATES',
    methodResponses: [
      { statusCode: '200', responseParameters: { 'method.response.header.X-Kind': false } },
      { statusCode: '400', responseParameters: {} },
    ],
    integrationResponses: [
      { statusCode: '200', responseParameters: { 'method.response.header.X-Kind': "'mock'" }, responseTemplates: { 'application/json': '{"ok":true}' } },
      { statusCode: '400', selectionPattern: '4\\d{2}', responseParameters: {} },
    ],
  });
});

test('an http_proxy integration forwards to its URL with its request parameters', () => {
  const operation = {
    'x-amazon-apigateway-integration': {
      type: 'http_proxy',
      uri: 'https://example.com/{id}',
      httpMethod: 'GET',
      requestParameters: { 'integration.request.path.id': 'method.request.path.id' },
    },
    parameters: [{ name: 'id', in: 'path', required: true }],
  };
  const [method] = restApiDefinition(doc({ paths: { '/p/{id}': { get: operation } } }), source).resources[0]?.methods ?? [];
  assert.deepEqual(method, {
    httpMethod: 'GET',
    integration: 'HTTP_PROXY',
    integrationTimeoutMs: 29000,
    methodResponses: [],
    integrationResponses: [],
    requestParameters: { 'method.request.path.id': true },
    integrationUri: 'https://example.com/{id}',
    integrationHttpMethod: 'GET',
    integrationRequestParameters: { 'integration.request.path.id': 'method.request.path.id' },
  });
});

test('validators, models from components/schemas, binary media types and the API key scheme', () => {
  const result = restApiDefinition(
    doc({
      'x-amazon-apigateway-request-validators': { all: { validateRequestBody: true, validateRequestParameters: true } },
      'x-amazon-apigateway-request-validator': 'all',
      'x-amazon-apigateway-binary-media-types': ['image/png'],
      components: {
        schemas: { Item: { type: 'object', required: ['name'] } },
        securitySchemes: { api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } },
      },
      paths: {
        '/items': {
          post: { ...proxy, security: [{ api_key: [] }], requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } } },
        },
      },
    }),
    source,
  );
  assert.deepEqual(result, {
    resources: [
      {
        path: '/items',
        methods: [
          {
            httpMethod: 'POST',
            integration: 'AWS_PROXY',
            integrationTimeoutMs: 29000,
            methodResponses: [],
            integrationResponses: [],
            requestModels: { 'application/json': 'Item' },
            requestValidatorId: 'all',
            apiKeyRequired: true,
            function: 'Items',
          },
        ],
      },
    ],
    authorizers: [],
    models: { Item: { contentType: 'application/json', schema: { type: 'object', required: ['name'] } } },
    requestValidators: [{ name: 'all', validateRequestBody: true, validateRequestParameters: true }],
    binaryMediaTypes: ['image/png'],
  });
});

test('token and cognito authorizers; security names them (Swagger 2.0)', () => {
  const result = restApiDefinition(
    {
      swagger: '2.0',
      securityDefinitions: {
        Token: {
          type: 'apiKey',
          name: 'X-Token',
          in: 'header',
          'x-amazon-apigateway-authorizer': { type: 'token', authorizerUri: uri('Auth'), authorizerResultTtlInSeconds: 0 },
        },
        Pool: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: ['arn:aws:cognito-idp:us-east-1:1:userpool/p'] },
        },
      },
      paths: { '/a': { get: { ...proxy, security: [{ Token: [] }] }, put: { ...proxy, security: [{ Pool: ['items/write'] }] } } },
    },
    source,
  );
  assert.deepEqual(result.authorizers, [
    { name: 'Token', type: 'TOKEN', function: 'Auth', identitySource: ['method.request.header.X-Token'], authorizerResultTtlInSeconds: 0 },
    {
      name: 'Pool',
      type: 'COGNITO_USER_POOLS',
      providerARNs: ['arn:aws:cognito-idp:us-east-1:1:userpool/p'],
      identitySource: ['method.request.header.Authorization'],
    },
  ]);
  assert.deepEqual(
    result.resources[0]?.methods.map((method) => [method.authorizationType, method.authorizerId, method.authorizationScopes]),
    [
      ['CUSTOM', 'Token', undefined],
      ['COGNITO_USER_POOLS', 'Pool', ['items/write']],
    ],
  );
});

const failure = (document: unknown, message: string) => assert.throws(() => restApiDefinition(document, source), { message });

test('an unknown integration type is an error at it', () => {
  failure(
    doc({ paths: { '/a': { get: { 'x-amazon-apigateway-integration': { type: 'vpc' } } } } }),
    'api.yaml: paths["/a"].get.x-amazon-apigateway-integration.type: type: expected aws_proxy, aws, mock, http or http_proxy, got "vpc"',
  );
});

test('a validator the document does not declare is an error', () => {
  failure(
    doc({ paths: { '/a': { get: { ...proxy, 'x-amazon-apigateway-request-validator': 'body' } } } }),
    'api.yaml: paths["/a"].get.x-amazon-apigateway-request-validator: GET /a: x-amazon-apigateway-request-validator names body, expected one of x-amazon-apigateway-request-validators',
  );
});

test('a $ref to a missing model is an error', () => {
  failure(
    doc({ paths: { '/a': { post: { ...proxy, requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } } } } } } }),
    'api.yaml: paths["/a"].post.requestBody.content["application/json"].schema: $ref: expected a model of the document, got "#/components/schemas/Nope"',
  );
});

test('extensions that do not change the local API warn by name; the integration credentials too', () => {
  warnings.length = 0;
  const integration = { ...proxy['x-amazon-apigateway-integration'], credentials: 'arn:aws:iam::1:role/r' };
  restApiDefinition(doc({ 'x-amazon-apigateway-gateway-responses': {}, paths: { '/a': { get: { 'x-amazon-apigateway-integration': integration } } } }), source);
  assert.deepEqual(warnings, [
    'x-amazon-apigateway-gateway-responses: x-amazon-apigateway-gateway-responses is not applied locally',
    'paths["/a"].get.x-amazon-apigateway-integration.credentials: x-amazon-apigateway-integration.credentials is not applied locally',
  ]);
});

test('an integration over a VPC link is an error', () => {
  failure(
    doc({ paths: { '/a': { get: { 'x-amazon-apigateway-integration': { type: 'http_proxy', connectionType: 'VPC_LINK', uri: 'http://x' } } } } }),
    'api.yaml: paths["/a"].get.x-amazon-apigateway-integration.connectionType: GET /a: connectionType VPC_LINK: a VPC link is not reachable locally; use an http(s) URL the machine can reach',
  );
});
