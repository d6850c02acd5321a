import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issuesOf } from '../../test/helpers/model-issues.ts';
import type { ServiceModel } from './types.ts';
import { validateService } from './validate.ts';

function valid(): ServiceModel {
  return {
    name: 'chat',
    functions: [{ name: 'send', handler: 'h.ts#send', timeoutSeconds: 3, memoryMb: 128, environment: { TABLE: 't' }, policies: [] }],
    apis: [
      {
        protocol: 'WEBSOCKET',
        name: 'api',
        routeSelectionExpression: '$request.body.action',
        stage: { name: 'v1', variables: {} },
        routes: [{ key: 'send', function: 'send', integrationTimeoutMs: 29_000 }],
      },
    ],
    tables: [{ name: 'connections', partitionKey: { name: 'id', type: 'S' }, billing: { mode: 'PAY_PER_REQUEST' } }],
    outputs: [],
    sites: [],
  };
}

test('a valid model passes unchanged', () => {
  const model = valid();
  assert.equal(validateService(model, 'app.ts'), model);
});

test('WS-71 WS-72 every problem is reported with the file, the field path and what is expected', () => {
  const model = valid() as any;
  model.functions[0].memoryMb = 64;
  model.apis[0].routes.push({ key: '$custom', function: 'missing', integrationTimeoutMs: 10 });
  model.apis[0].stage.name = 'v 1';
  assert.deepEqual(issuesOf(model), [
    'app.ts: functions[0].memoryMb: expected an integer from 128 to 10240 (MB), got number 64',
    'app.ts: apis[0].stage.name: expected a stage name of letters, digits, hyphens or underscores, got "v 1"',
    'app.ts: apis[0].routes[1].key: expected $connect, $disconnect, $default or a custom key not starting with "$", got "$custom"',
    'app.ts: apis[0].routes[1].function: expected the name of a function of this service, "missing" is not defined',
    'app.ts: apis[0].routes[1].integrationTimeoutMs: expected an integer from 50 to 29000 (milliseconds), got number 10',
  ]);
});

test('WS-2 reserved keys are accepted, duplicates are not', () => {
  const model = valid() as any;
  model.apis[0].routes = ['$connect', '$disconnect', '$default', 'send', 'send'].map((key) => ({ key, function: 'send', integrationTimeoutMs: 29_000 }));
  assert.deepEqual(issuesOf(model), ['app.ts: apis[0].routes[4].key: expected a unique route key, "send" is defined twice']);
});

test('WS-42 $connect and $disconnect cannot have a route response', () => {
  const model = valid() as any;
  model.apis[0].routes.push({ key: '$connect', function: 'send', integrationTimeoutMs: 29_000, routeResponseSelectionExpression: '$default' });
  assert.deepEqual(issuesOf(model), [
    'app.ts: apis[0].routes[1].routeResponseSelectionExpression: expected no route response on $connect: it never sends messages (WS-42)',
  ]);
});

test('wrong types are named', () => {
  assert.deepEqual(issuesOf({ name: 'x', functions: {}, apis: [], tables: [], outputs: [], sites: [] }), [
    'app.ts: functions: expected an array, got an object',
  ]);
  assert.deepEqual(issuesOf(null), ['app.ts: (service): expected an object, got null']);
});

test('WS-21 a malformed route selection expression is reported where it is', () => {
  const model = valid() as any;
  model.apis[0].routeSelectionExpression = '${request.body.action';
  assert.deepEqual(issuesOf(model), [
    'app.ts: apis[0].routeSelectionExpression: expected a selection expression such as "$request.body.action" (WS-21): unterminated "${" at position 0',
  ]);
});

function httpModel(api: Record<string, unknown>): unknown {
  return {
    ...valid(),
    apis: [{ protocol: 'HTTP', name: 'todo', stage: { name: '$default', variables: {}, autoDeploy: true }, routes: [], ...api }],
  };
}

test('HTTP-10 route keys: "$default" or one method and a path of literals and whole-segment variables', () => {
  const route = (key: string) => ({ key, function: 'send', payloadFormatVersion: '2.0', integrationTimeoutMs: 30_000 });
  const keys = ['GET /todos', 'DELETE /todos/{id}', 'ANY /{proxy+}', 'GET /', '$default'];
  assert.deepEqual(issuesOf(httpModel({ routes: keys.map(route) })), []);
  assert.deepEqual(issuesOf(httpModel({ routes: ['FETCH /a', 'GET  /a', 'GET a', 'GET /a/{b}c', 'GET /{p+}/x', 'GET /{a}/{a}', 'GET /a//b'].map(route) })), [
    'app.ts: apis[0].routes[0].key: expected a method among ANY, GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, got "FETCH" (HTTP-10), in "FETCH /a"',
    'app.ts: apis[0].routes[1].key: expected "$default" or "METHOD /path" with exactly one space (HTTP-10), in "GET  /a"',
    'app.ts: apis[0].routes[2].key: expected a path starting with "/", got "a" (HTTP-10), in "GET a"',
    'app.ts: apis[0].routes[3].key: a path variable must fill a whole segment, got "{b}c" (HTTP-10), in "GET /a/{b}c"',
    'app.ts: apis[0].routes[4].key: greedy variable {p+} must be the last segment (HTTP-10), in "GET /{p+}/x"',
    'app.ts: apis[0].routes[5].key: path variable {a} appears twice (HTTP-10), in "GET /{a}/{a}"',
    'app.ts: apis[0].routes[6].key: empty path segment (HTTP-10), in "GET /a//b"',
  ]);
});

test('HTTP-50 HTTP-70 THR-2 CORS, integration timeout and throttling settings are checked', () => {
  const cors = {
    allowOrigins: ['*', 'example.com'],
    allowMethods: ['GET'],
    allowHeaders: [],
    exposeHeaders: [],
    allowCredentials: true,
    maxAgeSeconds: 90_000,
  };
  const routes = [{ key: 'GET /a', function: 'send', payloadFormatVersion: '3.0', integrationTimeoutMs: 30_001, throttling: { burstLimit: -1, rateLimit: 1 } }];
  assert.deepEqual(issuesOf(httpModel({ cors, routes })), [
    'app.ts: apis[0].routes[0].payloadFormatVersion: expected "1.0" or "2.0", got "3.0"',
    'app.ts: apis[0].routes[0].integrationTimeoutMs: expected an integer from 50 to 30000 (milliseconds), got number 30001',
    'app.ts: apis[0].routes[0].throttling.burstLimit: expected an integer from 0 to 5000 (requests), got number -1',
    'app.ts: apis[0].cors.allowOrigins[1]: expected an origin such as "https://example.com", "https://*" or "*", got "example.com"',
    'app.ts: apis[0].cors.maxAgeSeconds: expected an integer from -1 to 86400 (seconds), got number 90000',
    'app.ts: apis[0].cors.allowCredentials: expected false when allowOrigins contains "*": browsers refuse credentials with a wildcard origin (HTTP-50)',
  ]);
});

test('REST-11 REST-12 custom integrations: declared statuses and headers, one default response, valid sources', () => {
  const method = {
    httpMethod: 'GET',
    function: 'send',
    integration: 'AWS',
    integrationTimeoutMs: 29_000,
    methodResponses: [{ statusCode: '200', responseParameters: { 'method.response.header.Location': true } }],
    integrationResponses: [
      {
        statusCode: '200',
        responseParameters: { 'method.response.header.Location': 'integration.response.body.location', 'method.response.header.X-Other': "'x'" },
      },
      { statusCode: '500', selectionPattern: '(', responseParameters: { 'method.response.header.Location': 'response.body' } },
    ],
  };
  const model = {
    ...valid(),
    apis: [{ protocol: 'REST', name: 'r', stage: { name: 'prod', variables: {} }, binaryMediaTypes: [], resources: [{ path: '/hello', methods: [method] }] }],
  };
  assert.deepEqual(issuesOf(model), [
    "app.ts: apis[0].resources[0].methods[0].integrationResponses[0].responseParameters.method.response.header.X-Other: expected the header to be declared in the method response 200's responseParameters (REST-12)",
    'app.ts: apis[0].resources[0].methods[0].integrationResponses[1].statusCode: expected a status declared in methodResponses, "500" is not (REST-11)',
    'app.ts: apis[0].resources[0].methods[0].integrationResponses[1].selectionPattern: expected a regular expression: Invalid regular expression: /(/: Unterminated group',
    'app.ts: apis[0].resources[0].methods[0].integrationResponses[1].responseParameters.method.response.header.Location: expected integration.response.body[.path], integration.response.header.<name>, \'static text\', context.<var> or stageVariables.<name>, got "response.body"',
  ]);
});

test('THR-2 REST stage and method throttling settings are checked', () => {
  const method = {
    httpMethod: 'GET',
    function: 'send',
    integration: 'AWS_PROXY',
    integrationTimeoutMs: 29_000,
    methodResponses: [],
    integrationResponses: [],
    throttling: { burstLimit: 5001, rateLimit: 1 },
  };
  const stage = { name: 'prod', variables: {}, throttling: { burstLimit: 1, rateLimit: -1 } };
  const model = { ...valid(), apis: [{ protocol: 'REST', name: 'r', stage, binaryMediaTypes: [], resources: [{ path: '/hello', methods: [method] }] }] };
  assert.deepEqual(issuesOf(model), [
    'app.ts: apis[0].stage.throttling.rateLimit: expected a number from 0 to 10000 (requests per second), got number -1',
    'app.ts: apis[0].resources[0].methods[0].throttling.burstLimit: expected an integer from 0 to 5000 (requests), got number 5001',
  ]);
  const accepted = {
    ...model,
    apis: [
      {
        ...model.apis[0],
        stage: { ...stage, throttling: { burstLimit: 0, rateLimit: 0.5 } },
        resources: [{ path: '/hello', methods: [{ ...method, throttling: { burstLimit: 10, rateLimit: 50 } }] }],
      },
    ],
  };
  assert.deepEqual(issuesOf(accepted), []);
});

test('AUTH-8 API keys, the selection expression and apiKeyRequired are checked with their field paths', () => {
  const model = valid() as any;
  model.apiKeys = [
    { name: 'mobile', value: 'mobile-key-0123456789' },
    { name: 'mobile', value: 'short' },
    { name: 'partner', value: 'mobile-key-0123456789' },
  ];
  model.apis[0].apiKeySelectionExpression = '$request.header.authorization';
  model.apis[0].routes.push({ key: '$connect', function: 'send', integrationTimeoutMs: 29_000, apiKeyRequired: 'yes' });
  model.apis[0].routes[0].apiKeyRequired = true;
  assert.deepEqual(issuesOf(model), [
    'app.ts: apis[0].routes[0].apiKeyRequired: expected apiKeyRequired only on $connect (AUTH-1), got it on send',
    'app.ts: apis[0].routes[1].apiKeyRequired: expected true or false, got "yes"',
    'app.ts: apis[0].apiKeySelectionExpression: expected "$request.header.x-api-key" or "$context.authorizer.usageIdentifierKey" (AUTH-8), got "$request.header.authorization"',
    'app.ts: apiKeys[1].name: expected a unique API key name, "mobile" is defined twice',
    'app.ts: apiKeys[1].value: expected an API key value of 20-128 printable characters without spaces, got "short"',
    'app.ts: apiKeys[2].value: expected a unique API key value, "mobile-key-0123456789" is defined twice',
  ]);
});

test('AUTH-8 a $connect that requires a key in a service without keys is reported; with a key it is valid', () => {
  const model = valid() as any;
  model.apis[0].routes.push({ key: '$connect', function: 'send', integrationTimeoutMs: 29_000, apiKeyRequired: true });
  assert.deepEqual(issuesOf(model), [
    "app.ts: apis[0].routes[1].apiKeyRequired: expected at least one entry in the service's apiKeys: no client could connect",
  ]);
  model.apiKeys = [{ name: 'mobile', value: 'mobile-key-0123456789' }];
  assert.deepEqual(issuesOf(model), []);
});

test('AUTH-1 AUTH-2 a $connect authorizer is checked with field paths: unknown authorizer, bad identity source, authorizer off $connect', () => {
  const model = valid() as any;
  model.functions.push({ name: 'auth', handler: 'h.ts#auth', timeoutSeconds: 3, memoryMb: 128, environment: {}, policies: [] });
  const api = model.apis[0];
  api.authorizers = [
    {
      name: 'token',
      authorizerType: 'REQUEST',
      function: 'auth',
      identitySource: ['route.request.querystring.token', 'stageVariables.key', 'context.connectionId'],
    },
  ];
  api.routes.push({ key: '$connect', function: 'send', integrationTimeoutMs: 29_000, authorizationType: 'CUSTOM', authorizerId: 'token' });
  assert.deepEqual(issuesOf(model), []);

  api.authorizers.push({ name: 'token', authorizerType: 'TOKEN', function: 'nope', identitySource: ['$request.header.Auth', 'route.request.header.'] });
  api.routes[0] = { key: 'send', function: 'send', integrationTimeoutMs: 29_000, authorizationType: 'CUSTOM', authorizerId: 'token' };
  api.routes[1].authorizerId = 'other';
  api.routes.push({ key: '$default', function: 'send', integrationTimeoutMs: 29_000, authorizationType: 'AWS_IAM' });
  api.routes.push({ key: '$disconnect', function: 'send', integrationTimeoutMs: 29_000, authorizationType: 'JWT' as never });
  assert.deepEqual(issuesOf(model), [
    'app.ts: apis[0].authorizers[1].name: expected a unique authorizer name, "token" is defined twice',
    'app.ts: apis[0].authorizers[1].authorizerType: expected "REQUEST" (WebSocket APIs have no TOKEN authorizers, AUTH-1), got "TOKEN"',
    'app.ts: apis[0].authorizers[1].function: expected the name of a function of this service, "nope" is not defined',
    'app.ts: apis[0].authorizers[1].identitySource[0]: expected route.request.header.<Name>, route.request.querystring.<name>, stageVariables.<name> or context.<name> (AUTH-2), got "$request.header.Auth"',
    'app.ts: apis[0].authorizers[1].identitySource[1]: expected route.request.header.<Name>, route.request.querystring.<name>, stageVariables.<name> or context.<name> (AUTH-2), got "route.request.header."',
    'app.ts: apis[0].routes[0].authorizationType: expected "NONE": only the $connect route can carry authorization (AUTH-1), got "CUSTOM" on "send"',
    'app.ts: apis[0].routes[1].authorizerId: expected the name of an authorizer of this API, got "other"',
    'app.ts: apis[0].routes[2].authorizationType: expected "NONE": only the $connect route can carry authorization (AUTH-1), got "AWS_IAM" on "$default"',
    'app.ts: apis[0].routes[3].authorizationType: expected "NONE", "CUSTOM" or "AWS_IAM", got "JWT"',
  ]);
});

test('AUTH-1 AUTH-7: AWS_IAM on $connect is valid without an authorizer, and names none', () => {
  const model = valid() as any;
  const api = model.apis[0];
  api.routes.push({ key: '$connect', function: 'send', integrationTimeoutMs: 29_000, authorizationType: 'AWS_IAM' });
  assert.deepEqual(issuesOf(model), []);
  api.routes[api.routes.length - 1] = { key: '$connect', function: 'send', integrationTimeoutMs: 29_000, authorizationType: 'AWS_IAM', authorizerId: 'token' };
  assert.deepEqual(issuesOf(model), [`app.ts: apis[0].routes[1].authorizerId: expected no authorizerId without authorizationType "CUSTOM", got "token"`]);
});
