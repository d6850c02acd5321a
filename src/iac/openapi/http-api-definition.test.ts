/** httpApiDefinition: small OpenAPI documents → exact routes, authorizers and CORS; each wrong shape an error at its path. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../errors.ts';
import { pathText } from '../cloudformation/index.ts';
import type { DefinitionSource } from './definition-source.ts';
import { httpApiDefinition } from './http-api-definition.ts';

const FUNCTIONS = ['Items', 'Auth'];
const warnings: string[] = [];
const source: DefinitionSource = {
  warn: (path, message) => {
    warnings.push(`${pathText(path)}: ${message}`);
  },
  error: (path, message) => new ConfigError('api.yaml', [{ path: pathText(path), message }]),
  functionOf: (value, path, what) => {
    const name = typeof value === 'string' ? /:function:([A-Za-z0-9_-]+)/.exec(value)?.[1] : undefined;
    if (name && FUNCTIONS.includes(name)) return name;
    throw source.error(path, `${what}: no function`);
  },
};
const uri = (name: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:${name}/invocations`;
const lambda = (name: string, version = '2.0') => ({ 'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: uri(name), payloadFormatVersion: version } });
const doc = (extra: Record<string, unknown>) => ({ openapi: '3.0.1', info: { title: 't', version: '1' }, ...extra });

test('paths and methods become METHOD /path routes; the any-method is ANY', () => {
  const result = httpApiDefinition(
    doc({ paths: { '/items/{id}': { get: lambda('Items'), 'x-amazon-apigateway-any-method': lambda('Items', '1.0') } } }),
    source,
  );
  assert.deepEqual(result, {
    routes: [
      { key: 'GET /items/{id}', integrationTimeoutMs: 30000, function: 'Items', payloadFormatVersion: '2.0' },
      { key: 'ANY /items/{id}', integrationTimeoutMs: 30000, function: 'Items', payloadFormatVersion: '1.0' },
    ],
    authorizers: [],
  });
});

test('/$default with the any-method is the $default route', () => {
  const result = httpApiDefinition(doc({ paths: { '/$default': { 'x-amazon-apigateway-any-method': lambda('Items') } } }), source);
  assert.deepEqual(
    result.routes.map((route) => route.key),
    ['$default'],
  );
});

test('an http_proxy integration forwards to its URL with its method; timeout and parameters are kept', () => {
  const integration = {
    type: 'http_proxy',
    uri: 'https://example.com/{proxy}',
    httpMethod: 'GET',
    timeoutInMillis: 5000,
    requestParameters: { 'append:header.x-a': 'b' },
    responseParameters: { '200': { 'overwrite:statuscode': '204' } },
  };
  const result = httpApiDefinition(doc({ paths: { '/p/{proxy+}': { get: { 'x-amazon-apigateway-integration': integration } } } }), source);
  assert.deepEqual(result.routes, [
    {
      key: 'GET /p/{proxy+}',
      integrationTimeoutMs: 5000,
      requestParameters: { 'append:header.x-a': 'b' },
      responseParameters: { '200': { 'overwrite:statuscode': '204' } },
      integration: { type: 'HTTP_PROXY', integrationUri: 'https://example.com/{proxy}', integrationMethod: 'GET' },
      payloadFormatVersion: '1.0',
    },
  ]);
});

const schemes = {
  components: {
    securitySchemes: {
      Jwt: {
        type: 'oauth2',
        'x-amazon-apigateway-authorizer': {
          type: 'jwt',
          identitySource: '$request.header.Authorization',
          jwtConfiguration: { issuer: 'https://issuer.example', audience: ['app'] },
        },
      },
      Lambda: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authorizer': {
          type: 'request',
          authorizerUri: uri('Auth'),
          authorizerPayloadFormatVersion: '2.0',
          enableSimpleResponses: true,
          identitySource: '$request.header.Authorization, $request.querystring.token',
          authorizerResultTtlInSeconds: 60,
        },
      },
    },
  },
};

test('securitySchemes with x-amazon-apigateway-authorizer are the authorizers; security names them with scopes', () => {
  const result = httpApiDefinition(
    doc({
      ...schemes,
      security: [{ Lambda: [] }],
      paths: { '/a': { get: { ...lambda('Items'), security: [{ Jwt: ['read'] }] }, post: lambda('Items') } },
    }),
    source,
  );
  assert.deepEqual(result, {
    routes: [
      {
        key: 'GET /a',
        integrationTimeoutMs: 30000,
        authorizationType: 'JWT',
        authorizerId: 'Jwt',
        authorizationScopes: ['read'],
        function: 'Items',
        payloadFormatVersion: '2.0',
      },
      { key: 'POST /a', integrationTimeoutMs: 30000, authorizationType: 'CUSTOM', authorizerId: 'Lambda', function: 'Items', payloadFormatVersion: '2.0' },
    ],
    authorizers: [
      {
        name: 'Jwt',
        authorizerType: 'JWT',
        identitySource: ['$request.header.Authorization'],
        jwtConfiguration: { issuer: 'https://issuer.example', audience: ['app'] },
      },
      {
        name: 'Lambda',
        authorizerType: 'REQUEST',
        function: 'Auth',
        authorizerPayloadFormatVersion: '2.0',
        enableSimpleResponses: true,
        identitySource: ['$request.header.Authorization', '$request.querystring.token'],
        authorizerResultTtlInSeconds: 60,
      },
    ],
  });
});

test('an operation with security [] is open even under a document-wide authorizer', () => {
  const result = httpApiDefinition(doc({ ...schemes, security: [{ Jwt: [] }], paths: { '/a': { get: { ...lambda('Items'), security: [] } } } }), source);
  assert.deepEqual(result.routes[0], { key: 'GET /a', integrationTimeoutMs: 30000, function: 'Items', payloadFormatVersion: '2.0' });
});

test('x-amazon-apigateway-cors is the API CORS configuration', () => {
  const cors = {
    allowOrigins: ['https://a.example'],
    allowMethods: ['GET'],
    allowHeaders: ['x-a'],
    exposeHeaders: ['x-b'],
    allowCredentials: true,
    maxAge: 600,
  };
  assert.deepEqual(httpApiDefinition(doc({ paths: {}, 'x-amazon-apigateway-cors': cors }), source).cors, {
    allowOrigins: ['https://a.example'],
    allowMethods: ['GET'],
    allowHeaders: ['x-a'],
    exposeHeaders: ['x-b'],
    allowCredentials: true,
    maxAgeSeconds: 600,
  });
});

test('Swagger 2.0 reads securityDefinitions', () => {
  const result = httpApiDefinition(
    { swagger: '2.0', securityDefinitions: schemes.components.securitySchemes, paths: { '/a': { get: { ...lambda('Items'), security: [{ Lambda: [] }] } } } },
    source,
  );
  assert.deepEqual(
    result.authorizers.map((authorizer) => authorizer.name),
    ['Jwt', 'Lambda'],
  );
});

const failure = (document: unknown, message: string) => assert.throws(() => httpApiDefinition(document, source), { message });

test('a document that is neither OpenAPI 3 nor Swagger 2 is an error', () => {
  failure({ paths: {} }, 'api.yaml: (template): expected an OpenAPI 3.0 document (openapi: 3.0.1) or a Swagger 2.0 one (swagger: "2.0")');
});

test('an operation without an integration is an error at the operation', () => {
  failure(doc({ paths: { '/a': { get: {} } } }), 'api.yaml: paths["/a"].get: GET /a: expected x-amazon-apigateway-integration (type aws_proxy or http_proxy)');
});

test('a Lambda integration without payloadFormatVersion is an error', () => {
  failure(
    doc({ paths: { '/a': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: uri('Items') } } } } }),
    'api.yaml: paths["/a"].get.x-amazon-apigateway-integration.payloadFormatVersion: payloadFormatVersion: expected 1.0 or 2.0 (required for an HTTP API Lambda integration), got nothing',
  );
});

test('a REST-only integration type is an error for an HTTP API', () => {
  failure(
    doc({ paths: { '/a': { get: { 'x-amazon-apigateway-integration': { type: 'mock' } } } } }),
    'api.yaml: paths["/a"].get.x-amazon-apigateway-integration.type: type: expected aws_proxy or http_proxy (the integrations of an HTTP API), got "mock"',
  );
});

test('security naming an unknown scheme is an error', () => {
  failure(
    doc({ paths: { '/a': { get: { ...lambda('Items'), security: [{ Nope: [] }] } } } }),
    'api.yaml: paths["/a"].get.security: GET /a: security names Nope, expected a security scheme with x-amazon-apigateway-authorizer',
  );
});
