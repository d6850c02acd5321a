/** normaliseService: each event form, defaults, and each error and warning with its position. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseService } from './normalise-service.ts';
import { parseServerlessText } from './parse-document.ts';
import type { ServerlessEvent, ServerlessService } from './types.ts';

const PROVIDER = 'service: s\nprovider:\n  name: aws\n';

function normalise(text: string, options: { stage?: string; region?: string } = {}): ServerlessService {
  const { value, positions } = parseServerlessText(text, 'serverless.yml');
  return normaliseService({ configuration: value, positions, file: 'serverless.yml', serviceDir: '/service', options });
}

function events(yamlEvents: string, provider = ''): ServerlessEvent[] {
  const service = normalise(`${PROVIDER}${provider}functions:\n  f:\n    handler: h.main\n    events:\n${yamlEvents}`);
  return service.functions[0]?.events ?? [];
}

function errorOf(text: string): string {
  try {
    normalise(text);
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail('expected an error');
}

test('stage dev and region us-east-1 by default; --stage and --region win over the file', () => {
  assert.deepEqual([normalise(PROVIDER).provider.stage, normalise(PROVIDER).provider.region], ['dev', 'us-east-1']);
  const file = `${PROVIDER}  stage: qa\n  region: eu-west-1\n`;
  assert.deepEqual([normalise(file).provider.stage, normalise(file).provider.region], ['qa', 'eu-west-1']);
  const given = normalise(file, { stage: 'prod', region: 'ap-south-1' }).provider;
  assert.deepEqual([given.stage, given.region], ['prod', 'ap-south-1']);
});

test('a function: handler split at the last dot, name from service-stage-key, defaults 1024 MB and 6 s', () => {
  const [fn] = normalise(`${PROVIDER}functions:\n  chat:\n    handler: src/handlers/chat.v2.connect\n`).functions;
  assert.deepEqual(fn, {
    key: 'chat',
    name: 's-dev-chat',
    handler: { file: 'src/handlers/chat.v2', export: 'connect' },
    environment: {},
    memorySize: 1024,
    timeout: 6,
    events: [],
  });
});

test('a function may name itself; environment values become text', () => {
  const [fn] = normalise(
    `${PROVIDER}  environment:\n    A: 1\n    B: x\nfunctions:\n  f:\n    name: custom-name\n    handler: h.main\n    environment:\n      B: true\n`,
  ).functions;
  assert.deepEqual([fn?.name, fn?.environment], ['custom-name', { A: '1', B: 'true' }]);
});

test('websocket: a route as text', () => {
  assert.deepEqual(events('      - websocket: $default\n'), [{ type: 'websocket', route: '$default' }]);
});

test('websocket: an authorizer by function name gets the default identity source route.request.header.Auth', () => {
  assert.deepEqual(events('      - websocket:\n          route: $connect\n          authorizer: auth\n'), [
    { type: 'websocket', route: '$connect', authorizer: { name: 'auth', identitySource: ['route.request.header.Auth'] } },
  ]);
});

test('websocket: an authorizer by ARN', () => {
  assert.deepEqual(
    events('      - websocket:\n          route: $connect\n          authorizer:\n            arn: arn:aws:lambda:us-east-1:1:function:auth\n'),
    [{ type: 'websocket', route: '$connect', authorizer: { arn: 'arn:aws:lambda:us-east-1:1:function:auth', identitySource: ['route.request.header.Auth'] } }],
  );
});

test('httpApi: METHOD /path text, lower-case methods upper-cased, and an IAM authorizer', () => {
  assert.deepEqual(
    events(
      "      - httpApi: 'delete /items/{id}'\n      - httpApi:\n          method: '*'\n          path: /any\n          authorizer:\n            type: aws_iam\n",
    ),
    [
      { type: 'httpApi', method: 'DELETE', path: '/items/{id}', payload: '2.0' },
      { type: 'httpApi', method: '*', path: '/any', payload: '2.0', authorizer: { type: 'aws_iam' } },
    ],
  );
});

test("httpApi: the provider's payload 1.0 reaches each event, with a request authorizer in provider.httpApi", () => {
  const provider =
    '  httpApi:\n    payload: "1.0"\n    authorizers:\n      custom:\n        type: request\n        functionName: auth\n        identitySource: [$request.header.Authorization]\n        enableSimpleResponses: true\n';
  const service = normalise(
    `${PROVIDER}${provider}functions:\n  f:\n    handler: h.main\n    events:\n      - httpApi:\n          method: GET\n          path: /\n          authorizer:\n            name: custom\n`,
  );
  assert.deepEqual(service.provider.httpApi, {
    payload: '1.0',
    authorizers: {
      custom: { type: 'request', identitySource: ['$request.header.Authorization'], payloadVersion: '2.0', functionName: 'auth', enableSimpleResponses: true },
    },
  });
  assert.deepEqual(service.functions[0]?.events, [{ type: 'httpApi', method: 'GET', path: '/', payload: '1.0', authorizer: { name: 'custom' } }]);
});

test('http: METHOD path text gets a leading slash; an authorizer by name and cors settings', () => {
  assert.deepEqual(
    events(
      "      - http: 'get users/{id}'\n      - http:\n          path: /users\n          method: any\n          authorizer: auth\n          cors:\n            origin: https://example.com\n",
    ),
    [
      { type: 'http', method: 'GET', path: '/users/{id}', requestSchemas: {}, private: false },
      {
        type: 'http',
        method: 'ANY',
        path: '/users',
        requestSchemas: {},
        private: false,
        cors: { origin: 'https://example.com' },
        authorizer: { name: 'auth' },
      },
    ],
  );
});

test('plugins in the modules form are recorded and warned about', () => {
  const service = normalise(`${PROVIDER}plugins:\n  modules:\n    - serverless-esbuild\n`);
  assert.deepEqual(service.plugins, ['serverless-esbuild']);
  assert.deepEqual(service.warnings, [
    { path: 'plugins.modules.0', message: 'plugin serverless-esbuild is not run: Hoplite reads the service itself', line: 6, column: 7 },
  ]);
});

test('resources as a list of fragments merge section by section', () => {
  const service = normalise(
    `${PROVIDER}resources:\n  - Resources:\n      A: {Type: X}\n  - Resources:\n      B: {Type: Y}\n    Outputs:\n      O: {Value: 1}\n`,
  );
  assert.deepEqual(service.resources, { Resources: { A: { Type: 'X' }, B: { Type: 'Y' } }, Outputs: { O: { Value: 1 } } });
});

test('the legacy iamRoleStatements join provider.iam.role.statements', () => {
  const service = normalise(`${PROVIDER}  iamRoleStatements:\n    - Effect: Allow\n  iam:\n    role:\n      statements:\n        - Effect: Deny\n`);
  assert.deepEqual(service.provider.iam, { statements: [{ Effect: 'Deny' }, { Effect: 'Allow' }], managedPolicies: [] });
});

test('a handler without an export is an error with its position', () => {
  assert.equal(
    errorOf(`${PROVIDER}functions:\n  f:\n    handler: src/chat\n`),
    `serverless.yml:6:14: functions.f.handler: expected 'path/file.export', e.g. src/chat.connect, got "src/chat"`,
  );
});

test('a provider other than aws is an error', () => {
  assert.equal(
    errorOf('service: s\nprovider:\n  name: google\n'),
    'serverless.yml:3:9: provider.name: expected aws, the only provider Hoplite runs, got "google"',
  );
});

test('a missing service name is an error', () => {
  assert.equal(errorOf('provider:\n  name: aws\n'), 'serverless.yml:1:1: service: expected the service name, got nothing');
});

test('a memorySize that is not a number is an error', () => {
  assert.equal(errorOf(`${PROVIDER}  memorySize: big\n`), 'serverless.yml:4:15: provider.memorySize: expected a number, got "big"');
});

test('an httpApi path without a leading slash is an error', () => {
  assert.equal(
    errorOf(`${PROVIDER}functions:\n  f:\n    handler: h.main\n    events:\n      - httpApi: 'GET users'\n`),
    `serverless.yml:8:18: functions.f.events.0.httpApi: expected a path starting with / (or *), got "users"`,
  );
});

test('a websocket event without a route is an error', () => {
  assert.equal(
    errorOf(`${PROVIDER}functions:\n  f:\n    handler: h.main\n    events:\n      - websocket:\n          routeResponseSelectionExpression: $default\n`),
    'serverless.yml:9:11: functions.f.events.0.websocket.route: expected the route key, e.g. $connect, $default or sendMessage',
  );
});

test('an unknown event type is a warning naming it, and the other events still run', () => {
  const service = normalise(
    `${PROVIDER}functions:\n  f:\n    handler: h.main\n    events:\n      - sqs: arn:aws:sqs:us-east-1:1:q\n      - websocket: $default\n`,
  );
  assert.deepEqual(service.functions[0]?.events, [{ type: 'websocket', route: '$default' }]);
  assert.deepEqual(service.warnings, [
    { path: 'functions.f.events.0', message: 'the sqs event is not run: Hoplite runs websocket, httpApi, http events', line: 8, column: 9 },
  ]);
});

test('an unknown event type warns once, at its first place', () => {
  const service = normalise(`${PROVIDER}functions:\n  f:\n    handler: h.main\n    events:\n      - sqs: a\n      - sqs: b\n`);
  assert.deepEqual(service.warnings, [
    { path: 'functions.f.events.0', message: 'the sqs event is not run: Hoplite runs websocket, httpApi, http events', line: 8, column: 9 },
  ]);
});

test('every problem of the file is reported at once', () => {
  assert.equal(
    errorOf('provider:\n  name: aws\n  timeout: x\nfunctions:\n  f:\n    handler: nodot\n'),
    [
      'serverless.yml:1:1: service: expected the service name, got nothing',
      'serverless.yml:3:12: provider.timeout: expected a number, got "x"',
      `serverless.yml:6:14: functions.f.handler: expected 'path/file.export', e.g. src/chat.connect, got "nodot"`,
    ].join('\n'),
  );
});
