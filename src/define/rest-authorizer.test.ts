/** REST-40..45: `api.authorizer(name, fn, options)`, the method option `authorizer` and `apiKeySource: 'AUTHORIZER'`. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fn } from './function.ts';
import { restApi } from './rest-api.ts';

const check = fn('check', { handler: 'index.handler', codeUri: 'check' });
const echo = fn('echo', { handler: 'index.handler', codeUri: 'echo' });

test('REST-40 REST-44 a TOKEN authorizer by default: the Authorization header, 300 s of cache', () => {
  const api = restApi({ name: 'a', stage: 'dev', apiKeySource: 'AUTHORIZER' }).authorizer('token', check);
  api.resource('/x').method('GET', echo, { authorizer: 'token' });
  const model = api.toModel();
  assert.deepStrictEqual(model.authorizers, [
    { name: 'token', type: 'TOKEN', function: 'check', identitySource: ['method.request.header.Authorization'], authorizerResultTtlInSeconds: 300 },
  ]);
  assert.equal(model.apiKeySource, 'AUTHORIZER');
  const method = model.resources[0]?.methods[0];
  assert.equal(method?.authorizationType, 'CUSTOM');
  assert.equal(method?.authorizerId, 'token');
  assert.deepStrictEqual(
    api.functionUses().map(({ fn: used, path, label }) => [used.name, path, label]),
    [
      ['echo', 'resources[0].methods[0]', 'method "GET /x"'],
      ['check', 'authorizers[0]', 'authorizer "token"'],
    ],
  );
});

test('REST-41 REST-42 REQUEST sources as one CloudFormation-style string or a list; the expression and TTL kept', () => {
  const api = restApi({ name: 'a', stage: 'dev' })
    .authorizer('req', check, { type: 'REQUEST', identitySource: 'method.request.header.A, method.request.querystring.b', resultTtlInSeconds: 0 })
    .authorizer('tok', check, { identitySource: ['method.request.header.X-Token'], identityValidationExpression: '^x$' });
  assert.deepStrictEqual(api.toModel().authorizers, [
    {
      name: 'req',
      type: 'REQUEST',
      function: 'check',
      identitySource: ['method.request.header.A', 'method.request.querystring.b'],
      authorizerResultTtlInSeconds: 0,
    },
    {
      name: 'tok',
      type: 'TOKEN',
      function: 'check',
      identitySource: ['method.request.header.X-Token'],
      identityValidationExpression: '^x$',
      authorizerResultTtlInSeconds: 300,
    },
  ]);
  const open = restApi({ name: 'b', stage: 'dev' });
  open.resource('/').method('GET', echo);
  assert.equal('authorizers' in open.toModel(), false);
  assert.equal('authorizationType' in (open.toModel().resources[0]?.methods[0] ?? {}), false);
});

test('REST-46 REST-47 cognitoAuthorizer: the Authorization header by default; a method naming it gets COGNITO_USER_POOLS and its scopes', () => {
  const api = restApi({ name: 'a', stage: 'dev' })
    .cognitoAuthorizer('pool', { providerARNs: ['hoplite:local-issuer'] })
    .cognitoAuthorizer('web', {
      providerARNs: ['arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_a'],
      identitySource: 'method.request.header.X-Id',
      identityValidationExpression: 'web',
    });
  api.resource('/me').method('GET', echo, { authorizer: 'pool', authorizationScopes: ['todos/read'] });
  const model = api.toModel();
  assert.deepStrictEqual(model.authorizers, [
    { name: 'pool', type: 'COGNITO_USER_POOLS', providerARNs: ['hoplite:local-issuer'], identitySource: ['method.request.header.Authorization'] },
    {
      name: 'web',
      type: 'COGNITO_USER_POOLS',
      providerARNs: ['arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_a'],
      identitySource: ['method.request.header.X-Id'],
      identityValidationExpression: 'web',
    },
  ]);
  const method = model.resources[0]?.methods[0];
  assert.deepStrictEqual([method?.authorizationType, method?.authorizerId, method?.authorizationScopes], ['COGNITO_USER_POOLS', 'pool', ['todos/read']]);
  // Cognito authorizers call no function.
  assert.deepStrictEqual(
    api.functionUses().map(({ path }) => path),
    ['resources[0].methods[0]'],
  );
});

test("REST-49 authorization: 'AWS_IAM' makes an AWS_IAM method; with an authorizer too the name is kept for the validator", () => {
  const api = restApi({ name: 'a', stage: 'dev' }).authorizer('token', check);
  api.resource('/signed').method('GET', echo, { authorization: 'AWS_IAM' });
  api.resource('/both').method('GET', echo, { authorization: 'AWS_IAM', authorizer: 'token' });
  const [signed, both] = api.toModel().resources.map((resource) => resource.methods[0]);
  assert.deepStrictEqual([signed?.authorizationType, signed?.authorizerId], ['AWS_IAM', undefined]);
  assert.deepStrictEqual([both?.authorizationType, both?.authorizerId], ['AWS_IAM', 'token']);
});
