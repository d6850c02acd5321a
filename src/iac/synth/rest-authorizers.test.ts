/** REST authorizers: Lambda TOKEN and REQUEST through the function's invocation URI, Cognito with its pools, and the local issuer as a parameter. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { restApi, restContext } from '../../../test/fixtures/synth/rest-context.ts';
import type { RestAuthorizerModel } from '../../model/types.ts';
import { synthesizeRestApi } from './rest-api.ts';

const AUTH_URI = { 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AuthFunction.Arn}/invocations' };

function synthesize(authorizers: RestAuthorizerModel[]) {
  const context = restContext([]);
  synthesizeRestApi(context, restApi({ authorizers }));
  return context.builder.toTemplate();
}

test('REST-40, REST-41, REST-44: a TOKEN authorizer reads one header, checks it against the expression and caches for the TTL', () => {
  const { Resources } = synthesize([
    {
      name: 'token',
      type: 'TOKEN',
      function: 'auth',
      identitySource: ['method.request.header.Authorization'],
      identityValidationExpression: '^Bearer .+$',
      authorizerResultTtlInSeconds: 300,
    },
  ]);
  assert.deepEqual(Resources.ShopTokenAuthorizer, {
    Type: 'AWS::ApiGateway::Authorizer',
    Properties: {
      RestApiId: { Ref: 'ShopApi' },
      Name: 'token',
      Type: 'TOKEN',
      AuthorizerUri: AUTH_URI,
      IdentitySource: 'method.request.header.Authorization',
      IdentityValidationExpression: '^Bearer .+$',
      AuthorizerResultTtlInSeconds: 300,
    },
  });
});

test('REST-40: a REQUEST authorizer writes its sources in one comma-separated string; with none, no IdentitySource', () => {
  const { Resources } = synthesize([
    {
      name: 'tenant',
      type: 'REQUEST',
      function: 'auth',
      identitySource: ['method.request.header.X-Tenant', 'method.request.querystring.key'],
      authorizerResultTtlInSeconds: 60,
    },
    { name: 'open', type: 'REQUEST', function: 'auth', identitySource: [], authorizerResultTtlInSeconds: 0 },
  ]);
  assert.deepEqual(Resources.ShopTenantAuthorizer?.Properties, {
    RestApiId: { Ref: 'ShopApi' },
    Name: 'tenant',
    Type: 'REQUEST',
    AuthorizerUri: AUTH_URI,
    IdentitySource: 'method.request.header.X-Tenant,method.request.querystring.key',
    AuthorizerResultTtlInSeconds: 60,
  });
  assert.deepEqual(Resources.ShopOpenAuthorizer?.Properties, {
    RestApiId: { Ref: 'ShopApi' },
    Name: 'open',
    Type: 'REQUEST',
    AuthorizerUri: AUTH_URI,
    AuthorizerResultTtlInSeconds: 0,
  });
});

test('REST-46, REST-47: a Cognito authorizer lists its pools; the local issuer becomes a parameter the deployer passes', () => {
  const template = synthesize([
    {
      name: 'pool',
      type: 'COGNITO_USER_POOLS',
      providerARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc', 'hoplite:local-issuer'],
      identitySource: ['method.request.header.Authorization'],
      identityValidationExpression: '^shop-client$',
    },
  ]);
  assert.deepEqual(template.Resources.ShopPoolAuthorizer?.Properties, {
    RestApiId: { Ref: 'ShopApi' },
    Name: 'pool',
    Type: 'COGNITO_USER_POOLS',
    ProviderARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc', { Ref: 'ShopPoolUserPoolArn' }],
    IdentitySource: 'method.request.header.Authorization',
    IdentityValidationExpression: '^shop-client$',
  });
  assert.deepEqual(template.Parameters, {
    ShopPoolUserPoolArn: {
      Type: 'String',
      Description: 'The Cognito user pool ARN the authorizer "pool" of API "shop" trusts (locally the gateway\'s own issuer)',
    },
  });
});
