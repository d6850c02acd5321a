/** http events → one REST API on the provider stage: resources and methods, authorizers, request schemas, warnings. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mappingError, mapText, warningsOf, yaml } from './test-support.ts';

test('http events: one API named <stage>-<service> on the provider stage, Lambda proxy methods grouped by path', () => {
  const functions = `functions:
  items:
    handler: items.main
    events:
      - http: GET items
      - http: { method: post, path: /items }
      - http: { method: any, path: 'items/{id}' }
`;
  assert.deepEqual(mapText(yaml('  stage: prod\n  apiGateway:\n    binaryMediaTypes: [image/png]\n', functions)).model.apis, [
    {
      protocol: 'REST',
      name: 'prod-chat',
      stage: { name: 'prod', variables: {} },
      binaryMediaTypes: ['image/png'],
      resources: [
        {
          path: '/items',
          methods: [
            {
              httpMethod: 'GET',
              function: 'chat-prod-items',
              integration: 'AWS_PROXY',
              integrationTimeoutMs: 29_000,
              methodResponses: [],
              integrationResponses: [],
            },
            {
              httpMethod: 'POST',
              function: 'chat-prod-items',
              integration: 'AWS_PROXY',
              integrationTimeoutMs: 29_000,
              methodResponses: [],
              integrationResponses: [],
            },
          ],
        },
        {
          path: '/items/{id}',
          methods: [
            {
              httpMethod: 'ANY',
              function: 'chat-prod-items',
              integration: 'AWS_PROXY',
              integrationTimeoutMs: 29_000,
              methodResponses: [],
              integrationResponses: [],
            },
          ],
        },
      ],
    },
  ]);
});

test('authorizers: a function of the service (TOKEN by default, or request), a Cognito user pool by ARN', () => {
  const functions = `functions:
  auth:
    handler: auth.check
  api:
    handler: api.main
    events:
      - http: { method: get, path: token, authorizer: auth }
      - http:
          method: get
          path: request
          authorizer: { name: auth, type: request, identitySource: 'method.request.header.X-A, method.request.querystring.b', resultTtlInSeconds: 0 }
      - http:
          method: get
          path: pool
          authorizer: { name: pool, arn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc' }
`;
  const [api] = mapText(yaml('', functions)).model.apis;
  assert.ok(api?.protocol === 'REST');
  assert.deepEqual(
    api.resources.map((resource) => [resource.path, resource.methods[0]?.authorizationType, resource.methods[0]?.authorizerId]),
    [
      ['/token', 'CUSTOM', 'auth'],
      ['/request', 'CUSTOM', 'auth'],
      ['/pool', 'COGNITO_USER_POOLS', 'pool'],
    ],
  );
  // One authorizer per name: the first event that names it declares it.
  assert.deepEqual(api.authorizers, [
    { name: 'auth', type: 'TOKEN', function: 'chat-dev-auth', identitySource: ['method.request.header.Authorization'], authorizerResultTtlInSeconds: 300 },
    {
      name: 'pool',
      type: 'COGNITO_USER_POOLS',
      providerARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc'],
      identitySource: ['method.request.header.Authorization'],
    },
  ]);
});

test('request.schemas: a request model per content type, checked by a body validator', () => {
  const functions = `functions:
  create:
    handler: items.create
    events:
      - http:
          method: post
          path: items
          request:
            schemas:
              application/json: { type: object, required: [name] }
`;
  const [api] = mapText(yaml('', functions)).model.apis;
  assert.ok(api?.protocol === 'REST');
  assert.deepEqual(api.models, { createPOSTapplicationjson: { contentType: 'application/json', schema: { type: 'object', required: ['name'] } } });
  assert.deepEqual(api.requestValidators, [{ name: 'body', validateRequestBody: true, validateRequestParameters: false }]);
  const [method] = api.resources[0]?.methods ?? [];
  assert.deepEqual([method?.requestModels, method?.requestValidatorId], [{ 'application/json': 'createPOSTapplicationjson' }, 'body']);
});

test("cors: the Framework's OPTIONS method per path, a MOCK answering 200 with the merged settings of the path's events", () => {
  const functions = `functions:
  f:
    handler: h.main
    events:
      - http: { method: get, path: a, cors: true }
      - http: { method: post, path: a, cors: { origin: 'https://app.example.com', headers: [X-Token], allowCredentials: true, maxAge: 60 } }
`;
  const [api] = mapText(yaml('', functions)).model.apis;
  assert.ok(api?.protocol === 'REST');
  const header = (name: string) => `method.response.header.${name}`;
  assert.deepEqual(api.resources[0]?.methods[2], {
    httpMethod: 'OPTIONS',
    integration: 'MOCK',
    integrationTimeoutMs: 29_000,
    requestTemplates: { 'application/json': '{statusCode:200}' },
    methodResponses: [
      {
        statusCode: '200',
        responseParameters: {
          [header('Access-Control-Allow-Origin')]: true,
          [header('Access-Control-Allow-Headers')]: true,
          [header('Access-Control-Allow-Methods')]: true,
          [header('Access-Control-Allow-Credentials')]: true,
          [header('Access-Control-Max-Age')]: true,
        },
      },
    ],
    integrationResponses: [
      {
        statusCode: '200',
        responseParameters: {
          [header('Access-Control-Allow-Origin')]: "'*'",
          [header('Access-Control-Allow-Headers')]: "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent,X-Token'",
          [header('Access-Control-Allow-Methods')]: "'OPTIONS,GET,POST'",
          [header('Access-Control-Allow-Credentials')]: "'true'",
          [header('Access-Control-Max-Age')]: "'60'",
        },
        responseTemplates: { 'application/json': '' },
      },
    ],
  });
});

test('several CORS origins on a path warn once: the first answers the preflight', () => {
  const functions = `functions:
  f:
    handler: h.main
    events:
      - http: { method: get, path: a, cors: { origins: [https://a.example, https://b.example] } }
      - http: { method: get, path: b, cors: { origins: [https://a.example, https://b.example] } }
`;
  assert.deepEqual(warningsOf(yaml('', functions)), [
    'serverless.yml:8:45: functions.f.events.0.http.cors: http events: with several CORS origins the preflight answers with the first one (the Framework matches the request origin in a mapping template Hoplite does not run)',
  ]);
});

test('private methods require an API key: provider.apiGateway.apiKeys and one usage plan <service>-<stage> on the stage', () => {
  const provider = `  apiGateway:
    apiKeys:
      - ci
      - { name: partner, value: partner-key-0123456789 }
    usagePlan:
      quota: { limit: 1000, offset: 10, period: MONTH }
      throttle: { burstLimit: 20, rateLimit: 10 }
`;
  const functions = 'functions:\n  f:\n    handler: h.main\n    events:\n      - http: { method: get, path: a, private: true }\n      - http: GET b\n';
  const { model } = mapText(yaml(provider, functions));
  const [api] = model.apis;
  assert.ok(api?.protocol === 'REST');
  assert.deepEqual(
    api.resources.map((resource) => resource.methods[0]?.apiKeyRequired),
    [true, undefined],
  );
  assert.deepEqual(model.apiKeys, [
    { name: 'ci', value: 'f7c704e8cc7fe6fe4e040bb5f80923034a9314dc' },
    { name: 'partner', value: 'partner-key-0123456789' },
  ]);
  assert.deepEqual(model.usagePlans, [
    {
      name: 'chat-dev',
      apiStages: [{ api: 'dev-chat', stage: 'dev' }],
      apiKeys: ['ci', 'partner'],
      throttle: { burstLimit: 20, rateLimit: 10 },
      quota: { limit: 1000, period: 'MONTH', offset: 10 },
    },
  ]);
});

test('a private method without provider.apiGateway.apiKeys is an error: no client could call it', () => {
  const text = yaml('', 'functions:\n  f:\n    handler: h.main\n    events:\n      - http: { method: get, path: a, private: true }\n');
  assert.equal(
    mappingError(text),
    'serverless.yml:8:48: functions.f.events.0.http.private: expected provider.apiGateway.apiKeys: /a is private, and no client could call it without a key',
  );
});

test('cors and an OPTIONS event on the same path is an error', () => {
  const text = yaml(
    '',
    'functions:\n  f:\n    handler: h.main\n    events:\n      - http: { method: options, path: a }\n      - http: { method: get, path: a, cors: true }\n',
  );
  assert.equal(
    mappingError(text),
    'serverless.yml:9:45: functions.f.events.1.http.cors: expected cors or an OPTIONS event on /a, not both: cors adds the OPTIONS method',
  );
});

test('an authorizer that is neither a function of the service nor a Cognito user pool is an error', () => {
  const text = yaml(
    '',
    "functions:\n  f:\n    handler: h.main\n    events:\n      - http: { method: get, path: a, authorizer: { arn: 'arn:aws:lambda:us-east-1:1:function:x' } }\n",
  );
  assert.equal(
    mappingError(text),
    'serverless.yml:8:51: functions.f.events.0.http.authorizer: expected the name of a function of this service (f) or a Cognito user pool arn, got "arn:aws:lambda:us-east-1:1:function:x"',
  );
});

test('provider.apiGateway.shouldStartNameWithService names the API <service>-<stage>', () => {
  const text = yaml('  apiGateway:\n    shouldStartNameWithService: true\n', 'functions:\n  f:\n    handler: h.main\n    events:\n      - http: GET a\n');
  assert.equal(mapText(text).model.apis[0]?.name, 'chat-dev');
});
