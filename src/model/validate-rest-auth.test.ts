/** REST-40..45: the checks of a REST API's Lambda authorizers and of the methods naming them, with field paths. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import restAuthorizer from '../../test/fixtures/services/rest-authorizer/hoplite.config.ts';
import { issuesOf } from '../../test/helpers/model-issues.ts';

const model = (): any => JSON.parse(JSON.stringify(restAuthorizer.toModel()));

test('REST-40 REST-45 the fixture definition passes', () => {
  assert.deepEqual(issuesOf(model()), []);
});

test('REST-40 REST-41 REST-42 REST-44 authorizers: names, types, functions, identity sources, expressions and TTLs', () => {
  const broken = model();
  broken.apis[0].authorizers = [
    { name: 'a', type: 'JWT', function: 'authorize', identitySource: [], authorizerResultTtlInSeconds: 0 },
    { name: 'a', type: 'TOKEN', function: 'nope', identitySource: ['method.request.querystring.t'], authorizerResultTtlInSeconds: 3601 },
    {
      name: 'b',
      type: 'TOKEN',
      function: 'authorize',
      identitySource: ['method.request.header.A', 'method.request.header.B'],
      authorizerResultTtlInSeconds: 1,
    },
    {
      name: 'c',
      type: 'TOKEN',
      function: 'authorize',
      identitySource: ['method.request.header.A'],
      identityValidationExpression: '(',
      authorizerResultTtlInSeconds: 1,
    },
    { name: 'd', type: 'REQUEST', function: 'authorize', identitySource: ['route.request.header.A'], authorizerResultTtlInSeconds: 1 },
    { name: 'e', type: 'REQUEST', function: 'authorize', identitySource: [], authorizerResultTtlInSeconds: 300 },
    {
      name: 'f',
      type: 'REQUEST',
      function: 'authorize',
      identitySource: ['context.requestId'],
      identityValidationExpression: '.*',
      authorizerResultTtlInSeconds: 0,
    },
    { name: 'token', type: 'REQUEST', function: 'authorize', identitySource: [], authorizerResultTtlInSeconds: 0 },
    { name: 'request', type: 'REQUEST', function: 'authorize', identitySource: [], authorizerResultTtlInSeconds: 0 },
    { name: 'uncached', type: 'TOKEN', function: 'authorize', identitySource: ['method.request.header.X-Token'], authorizerResultTtlInSeconds: 0 },
  ];
  const issues = issuesOf(broken);
  assert.deepEqual(issues.slice(0, 9), [
    'app.ts: apis[0].authorizers[0].type: expected "TOKEN", "REQUEST" or "COGNITO_USER_POOLS" (REST-40, REST-46), got "JWT"',
    'app.ts: apis[0].authorizers[1].name: expected a unique authorizer name, "a" is defined twice',
    'app.ts: apis[0].authorizers[1].function: expected the name of a function of this service, "nope" is not defined',
    'app.ts: apis[0].authorizers[1].authorizerResultTtlInSeconds: expected an integer from 0 to 3600 (seconds), got number 3601',
    'app.ts: apis[0].authorizers[1].identitySource[0]: expected one "method.request.header.<Name>" (REST-40), got "method.request.querystring.t"',
    'app.ts: apis[0].authorizers[2].identitySource: expected one "method.request.header.<Name>" (REST-40), got 2 sources',
    issues[6] as string,
    'app.ts: apis[0].authorizers[4].identitySource[0]: expected "method.request.header.<Name>", "method.request.querystring.<name>", "context.<variable>" or "stageVariables.<name>" (REST-42), got "route.request.header.A"',
    'app.ts: apis[0].authorizers[5].identitySource: expected at least one identity source when results are cached (REST-44), or authorizerResultTtlInSeconds 0',
  ]);
  assert.match(issues[6] as string, /^app\.ts: apis\[0\]\.authorizers\[3\]\.identityValidationExpression: expected a regular expression \(REST-41\): /);
  assert.deepEqual(issues.slice(9), [
    'app.ts: apis[0].authorizers[6].identityValidationExpression: expected no identityValidationExpression on a REQUEST authorizer (REST-41: TOKEN only)',
  ]);
});

test('REST-40 a method names an authorizer of its own API, with CUSTOM only', () => {
  const broken = model();
  const methods = broken.apis[0].resources.map((resource: any) => resource.methods[0]);
  methods[0].authorizerId = 'missing';
  methods[1].authorizationType = 'JWT';
  methods[2].authorizationType = 'NONE';
  delete methods[3].authorizerId;
  assert.deepEqual(issuesOf(broken), [
    `app.ts: apis[0].resources[0].methods[0].authorizerId: expected the name of a Lambda (TOKEN or REQUEST) authorizer of this API, got "missing"`,
    'app.ts: apis[0].resources[1].methods[0].authorizationType: expected "NONE", "CUSTOM", "COGNITO_USER_POOLS" or "AWS_IAM", got "JWT"',
    'app.ts: apis[0].resources[2].methods[0].authorizerId: expected no authorizerId with authorization "NONE", got "request"',
    `app.ts: apis[0].resources[3].methods[0].authorizerId: expected the name of a Lambda (TOKEN or REQUEST) authorizer of this API, got nothing`,
  ]);
});

test('REST-46 REST-47 Cognito authorizers: user pool ARNs, one header, an expression; methods name them with scopes', () => {
  const broken = model();
  const users = broken.apis[2];
  users.authorizers.push(
    { name: 'none', type: 'COGNITO_USER_POOLS', providerARNs: [], identitySource: ['method.request.querystring.t'] },
    {
      name: 'bad',
      type: 'COGNITO_USER_POOLS',
      providerARNs: ['arn:aws:cognito-idp:eu-west-1:1:userpool/x', 7],
      identitySource: ['method.request.header.A'],
      identityValidationExpression: '[',
    },
  );
  const [me, todos, web] = users.resources.map((resource: any) => resource.methods[0]);
  me.authorizationType = 'CUSTOM';
  todos.authorizationScopes = ['has space'];
  web.authorizationType = 'NONE';
  web.authorizationScopes = ['a'];
  const vault = broken.apis[0].resources[0].methods[0];
  vault.authorizationType = 'COGNITO_USER_POOLS';
  const issues = issuesOf(broken);
  const pool =
    'a user pool ARN such as "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc", or "hoplite:local-issuer" (localIssuer) for the gateway\'s own';
  assert.deepEqual(
    issues.map((issue) => issue.replace(/(identityValidationExpression: expected a regular expression \(REST-41\)): .*/, '$1')),
    [
      `app.ts: apis[0].resources[0].methods[0].authorizerId: expected the name of a COGNITO_USER_POOLS authorizer of this API, got "token"`,
      'app.ts: apis[2].authorizers[2].providerARNs: expected 1-1000 user pools (REST-46), got 0',
      'app.ts: apis[2].authorizers[2].identitySource[0]: expected one "method.request.header.<Name>" (REST-46), got "method.request.querystring.t"',
      `app.ts: apis[2].authorizers[3].providerARNs[0]: expected ${pool}, got "arn:aws:cognito-idp:eu-west-1:1:userpool/x"`,
      `app.ts: apis[2].authorizers[3].providerARNs[1]: expected ${pool}, got number 7`,
      'app.ts: apis[2].authorizers[3].identityValidationExpression: expected a regular expression (REST-41)',
      `app.ts: apis[2].resources[0].methods[0].authorizerId: expected the name of a Lambda (TOKEN or REQUEST) authorizer of this API, got "pool"`,
      'app.ts: apis[2].resources[1].methods[0].authorizationScopes[0]: expected a scope without spaces, got "has space"',
      'app.ts: apis[2].resources[2].methods[0].authorizerId: expected no authorizerId with authorization "NONE", got "web"',
      'app.ts: apis[2].resources[2].methods[0].authorizationScopes: expected no authorizationScopes without a COGNITO_USER_POOLS authorizer (REST-47)',
    ],
  );
});

test('REST-49 an AWS_IAM method names no authorizer and no scopes', () => {
  const broken = model();
  const signed = broken.apis[0].resources[6].methods[0];
  assert.equal(signed.authorizationType, 'AWS_IAM');
  signed.authorizerId = 'token';
  signed.authorizationScopes = ['a'];
  assert.deepEqual(issuesOf(broken), [
    'app.ts: apis[0].resources[6].methods[0].authorizerId: expected no authorizerId with authorization "AWS_IAM", got "token"',
    'app.ts: apis[0].resources[6].methods[0].authorizationScopes: expected no authorizationScopes without a COGNITO_USER_POOLS authorizer (REST-47)',
  ]);
});
