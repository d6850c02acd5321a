/** httpApi events → one HTTP API on $default: route keys, payload, CORS, JWT / request / IAM authorizers, errors. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_HTTP_API_CORS } from './map-http-api.ts';
import { mappingError, mapText, yaml } from './test-support.ts';

const ROUTES = `functions:
  api:
    handler: api.main
    events:
      - httpApi: '*'
      - httpApi: GET /messages
      - httpApi: { method: '*', path: '/items/{id}' }
`;

test("httpApi events: one API named <stage>-<service> on the $default stage; '*' is $default, a * method ANY", () => {
  assert.deepEqual(mapText(yaml('', ROUTES)).model.apis, [
    {
      protocol: 'HTTP',
      name: 'dev-chat',
      stage: { name: '$default', variables: {}, autoDeploy: true },
      routes: [
        { key: '$default', function: 'chat-dev-api', payloadFormatVersion: '2.0', integrationTimeoutMs: 30_000 },
        { key: 'GET /messages', function: 'chat-dev-api', payloadFormatVersion: '2.0', integrationTimeoutMs: 30_000 },
        { key: 'ANY /items/{id}', function: 'chat-dev-api', payloadFormatVersion: '2.0', integrationTimeoutMs: 30_000 },
      ],
    },
  ]);
});

test("provider.httpApi: name, payload '1.0', cors: true as the Framework's defaults", () => {
  const [api] = mapText(yaml("  httpApi:\n    name: chat-http\n    payload: '1.0'\n    cors: true\n", ROUTES)).model.apis;
  assert.equal(api?.name, 'chat-http');
  assert.ok(api?.protocol === 'HTTP');
  assert.deepEqual(api.cors, DEFAULT_HTTP_API_CORS);
  assert.deepEqual(
    api.routes.map((route) => route.payloadFormatVersion),
    ['1.0', '1.0', '1.0'],
  );
});

test('provider.httpApi.cors as an object: what is written, the defaults for the rest', () => {
  const cors = `  httpApi:
    cors:
      allowedOrigins: [https://chat.example.com]
      allowedHeaders: [Content-Type]
      allowCredentials: true
      exposedResponseHeaders: [X-Request-Id]
      maxAge: 600
`;
  const [api] = mapText(yaml(cors, ROUTES)).model.apis;
  assert.deepEqual(api?.protocol === 'HTTP' && api.cors, {
    allowOrigins: ['https://chat.example.com'],
    allowMethods: DEFAULT_HTTP_API_CORS.allowMethods,
    allowHeaders: ['Content-Type'],
    exposeHeaders: ['X-Request-Id'],
    allowCredentials: true,
    maxAgeSeconds: 600,
  });
});

const AUTHORIZERS = `  httpApi:
    authorizers:
      users:
        identitySource: $request.header.Authorization
        issuerUrl: https://issuer.example.com
        audience: [chat-client]
      custom:
        type: request
        functionName: check
        identitySource: [$request.header.X-Token]
        enableSimpleResponses: true
        resultTtlInSeconds: 60
      open:
        type: request
        functionName: check
        payloadVersion: '1.0'
`;

test('authorizers: jwt with scopes, request (a function of the service) with its settings and defaults, aws_iam', () => {
  const functions = `functions:
  check:
    handler: auth.check
  api:
    handler: api.main
    events:
      - httpApi: { method: GET, path: /me, authorizer: { name: users, scopes: [chat/read] } }
      - httpApi: { method: POST, path: /send, authorizer: { name: custom } }
      - httpApi: { method: GET, path: /open, authorizer: { name: open } }
      - httpApi: { method: GET, path: /iam, authorizer: { type: aws_iam } }
`;
  const [api] = mapText(yaml(AUTHORIZERS, functions)).model.apis;
  assert.ok(api?.protocol === 'HTTP');
  assert.deepEqual(
    api.routes.map(({ key, authorizationType, authorizerId, authorizationScopes }) => ({ key, authorizationType, authorizerId, authorizationScopes })),
    [
      { key: 'GET /me', authorizationType: 'JWT', authorizerId: 'users', authorizationScopes: ['chat/read'] },
      { key: 'POST /send', authorizationType: 'CUSTOM', authorizerId: 'custom', authorizationScopes: undefined },
      { key: 'GET /open', authorizationType: 'CUSTOM', authorizerId: 'open', authorizationScopes: undefined },
      { key: 'GET /iam', authorizationType: 'AWS_IAM', authorizerId: undefined, authorizationScopes: undefined },
    ],
  );
  assert.deepEqual(api.authorizers, [
    {
      name: 'users',
      authorizerType: 'JWT',
      identitySource: ['$request.header.Authorization'],
      jwtConfiguration: { issuer: 'https://issuer.example.com', audience: ['chat-client'] },
    },
    {
      name: 'custom',
      authorizerType: 'REQUEST',
      function: 'chat-dev-check',
      authorizerPayloadFormatVersion: '2.0',
      enableSimpleResponses: true,
      identitySource: ['$request.header.X-Token'],
      authorizerResultTtlInSeconds: 60,
    },
    {
      name: 'open',
      authorizerType: 'REQUEST',
      function: 'chat-dev-check',
      authorizerPayloadFormatVersion: '1.0',
      enableSimpleResponses: false,
      identitySource: [],
      authorizerResultTtlInSeconds: 0,
    },
  ]);
});

test('an authorizer name provider.httpApi.authorizers does not declare is an error naming those it does', () => {
  const text = yaml(
    AUTHORIZERS,
    'functions:\n  check:\n    handler: auth.check\n    events:\n      - httpApi: { method: GET, path: /x, authorizer: { name: admin } }\n',
  );
  assert.equal(
    mappingError(text),
    'serverless.yml:24:63: functions.check.events.0.httpApi.authorizer.name: expected an authorizer of provider.httpApi.authorizers (users, custom, open), got "admin"',
  );
});

test('a request authorizer whose functionName is not a function of the service is an error at it', () => {
  const text = yaml(
    '  httpApi:\n    authorizers:\n      custom: { type: request, functionName: nosuch }\n',
    'functions:\n  f:\n    handler: h.main\n    events:\n      - httpApi: { method: GET, path: /x, authorizer: { name: custom } }\n',
  );
  assert.equal(
    mappingError(text),
    'serverless.yml:6:46: provider.httpApi.authorizers.custom.functionName: expected functionName: a function of this service, got "nosuch"',
  );
});

test('the same route from two events is an error at the second', () => {
  const text = yaml('', 'functions:\n  f:\n    handler: h.main\n    events:\n      - httpApi: GET /a\n      - httpApi: GET /a\n');
  assert.equal(mappingError(text), 'serverless.yml:9:18: functions.f.events.1.httpApi: expected one function per route, GET /a is already routed');
});
