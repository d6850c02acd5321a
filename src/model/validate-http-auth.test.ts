import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issuesOf } from '../../test/helpers/model-issues.ts';
import { fn, httpApi, localIssuer, service } from '../define/index.ts';
import type { ServiceModel } from './types.ts';
import { validateService } from './validate.ts';

const reflect = fn('reflect', { handler: 'reflect/index.handler' });

function jwtModel(issuer: string, audience: string[], identitySource?: string, scopes?: string[]): ServiceModel {
  const api = httpApi({ name: 'todos' })
    .jwtAuthorizer('users', { issuer, audience, ...(identitySource ? { identitySource } : {}) })
    .route('GET /me', reflect, { authorizer: 'users', ...(scopes ? { authorizationScopes: scopes } : {}) });
  return service('todo', { apis: [api] }).toModel();
}

test('AUTH-20 a JWT authorizer trusting an issuer URL, or the local issuer, with scopes on its route', () => {
  const model = jwtModel(localIssuer, ['todo-web'], undefined, ['todos/read']);
  const api = validateService(model, 'app.ts').apis[0] as Extract<ServiceModel['apis'][number], { protocol: 'HTTP' }>;
  assert.deepStrictEqual(api.authorizers, [
    {
      name: 'users',
      authorizerType: 'JWT',
      identitySource: ['$request.header.Authorization'],
      jwtConfiguration: { issuer: 'hoplite:local-issuer', audience: ['todo-web'] },
    },
  ]);
  assert.deepStrictEqual(
    { authorizationType: api.routes[0]?.authorizationType, authorizerId: api.routes[0]?.authorizerId, authorizationScopes: api.routes[0]?.authorizationScopes },
    { authorizationType: 'JWT', authorizerId: 'users', authorizationScopes: ['todos/read'] },
  );
  assert.deepStrictEqual(issuesOf(jwtModel('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc', ['a'], '$request.querystring.token')), []);
});

test('AUTH-20 an issuer that is not a URL, no or 51 audiences, a second identity source, 11 scopes: errors naming the field', () => {
  const audiences = Array.from({ length: 51 }, (_, i) => `a${i}`);
  const scopes = Array.from({ length: 11 }, (_, i) => `s${i}`);
  assert.deepStrictEqual(issuesOf(jwtModel('local', ['a'])), [
    'app.ts: apis[0].authorizers[0].jwtConfiguration.issuer: expected an issuer URL such as "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc", or "hoplite:local-issuer" (localIssuer) for the gateway\'s own, got "local"',
  ]);
  assert.deepStrictEqual(issuesOf(jwtModel(localIssuer, [])), [
    'app.ts: apis[0].authorizers[0].jwtConfiguration.audience: expected 1-50 audiences (AUTH-20), got 0',
  ]);
  assert.deepStrictEqual(issuesOf(jwtModel(localIssuer, audiences)), [
    'app.ts: apis[0].authorizers[0].jwtConfiguration.audience: expected 1-50 audiences (AUTH-20), got 51',
  ]);
  assert.deepStrictEqual(issuesOf(jwtModel(localIssuer, ['a'], '$request.header.A, $request.header.B')).length, 1);
  assert.deepStrictEqual(issuesOf(jwtModel(localIssuer, ['a'], undefined, scopes)), [
    'app.ts: apis[0].routes[0].authorizationScopes: expected at most 10 scopes (AUTH-20), got 11',
  ]);
});
