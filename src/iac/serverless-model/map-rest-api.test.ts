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

test('cors and private on http events warn, once each', () => {
  const functions = `functions:
  f:
    handler: h.main
    events:
      - http: { method: get, path: a, cors: true, private: true }
      - http: { method: get, path: b, cors: true }
`;
  assert.deepEqual(warningsOf(yaml('', functions)), [
    'serverless.yml:8:45: functions.f.events.0.http.cors: http events: cors is not served yet (the Framework adds an OPTIONS mock method); the handler must answer preflight requests',
    'serverless.yml:8:60: functions.f.events.0.http.private: http events: private (API key required) is not enforced yet',
  ]);
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
