/** REST-46..47 with a user pool's issuer held in memory: ARNs to issuers, several pools, kinds and scopes, logged refusals. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import type { JwtIssuers, TrustedIssuer } from '../auth/jwt/index.ts';
import { fixedKeySource } from '../auth/jwt/index.ts';
import { memoryLog } from '../internal/log.ts';
import { ManualClock } from '../internal/manual-clock.ts';
import type { RestCognitoAuthorizerModel } from '../model/types.ts';
import type { RestAuthorizationRequest } from './authorization.ts';
import { cognitoAuthorizer, userPoolIssuer } from './cognito-authorizer.ts';

const NOW_MS = Date.UTC(2024, 1, 9, 18, 11, 43);
const NOW_S = NOW_MS / 1000;
const POOL_A = 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AAA';
const POOL_B = 'arn:aws:cognito-idp:us-east-2:123456789012:userpool/us-east-2_BBB';
const ISSUER_A = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AAA';
const ISSUER_B = 'https://cognito-idp.us-east-2.amazonaws.com/us-east-2_BBB';

test('REST-46 a user pool ARN names the issuer its tokens carry; the local issuer marker passes through', () => {
  assert.equal(userPoolIssuer(POOL_A), ISSUER_A);
  assert.equal(
    userPoolIssuer('arn:aws-cn:cognito-idp:cn-north-1:123456789012:userpool/cn-north-1_x'),
    'https://cognito-idp.cn-north-1.amazonaws.com/cn-north-1_x',
  );
  assert.equal(userPoolIssuer('hoplite:local-issuer'), 'hoplite:local-issuer');
});

async function setup(model: Partial<RestCognitoAuthorizerModel> = {}, scopes?: string[]) {
  const pair = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
  const asked: string[] = [];
  const issuers: JwtIssuers = {
    trusted(configured): TrustedIssuer {
      asked.push(configured);
      return { url: () => configured, keys: fixedKeySource({ keys: [jwk] }) };
    },
  };
  const log = memoryLog();
  const authorizer = cognitoAuthorizer({
    model: { name: 'pool', type: 'COGNITO_USER_POOLS', providerARNs: [POOL_A, POOL_B], identitySource: ['method.request.header.Authorization'], ...model },
    scopes,
    issuers,
    clock: new ManualClock(NOW_MS),
    log,
  });
  const sign = (claims: JWTPayload) =>
    new SignJWT({ iss: ISSUER_A, sub: 'alice', exp: NOW_S + 60, iat: NOW_S, ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(pair.privateKey);
  const authorize = async (value: string | undefined) => {
    const request: RestAuthorizationRequest = {
      methodArn: 'arn:x',
      rawHeaders: value === undefined ? [] : ['Authorization', value],
      requestId: 'req-1',
      shape: () => assert.fail('a Cognito authorizer reads no request shape'),
    };
    const verdict = await authorizer.authorize(request);
    return verdict.kind === 'allow' ? (verdict.context as { claims: Record<string, string> }).claims : verdict.error.type;
  };
  return { asked, log, sign, authorize };
}

test('REST-46 a token of any of the pools is accepted, whatever its app client (aud is not checked)', async () => {
  const { asked, sign, authorize } = await setup();
  assert.deepEqual(asked, [ISSUER_A, ISSUER_B]);
  assert.equal(((await authorize(await sign({ token_use: 'id', aud: 'any-client' }))) as Record<string, string>).sub, 'alice');
  assert.equal(typeof (await authorize(await sign({ token_use: 'id', iss: ISSUER_B }))), 'object');
  assert.equal(await authorize(await sign({ token_use: 'id', iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_CCC' })), 'UNAUTHORIZED');
});

test('REST-46 refusals are 401 and logged with the request id and the reason', async () => {
  const { log, sign, authorize } = await setup();
  assert.equal(await authorize(undefined), 'UNAUTHORIZED');
  assert.equal(await authorize('Bearer '), 'UNAUTHORIZED');
  assert.equal(await authorize(await sign({ token_use: 'id', exp: NOW_S })), 'UNAUTHORIZED');
  assert.equal(await authorize(await sign({ token_use: 'id', iat: NOW_S + 1 })), 'UNAUTHORIZED');
  assert.deepEqual(
    log.lines.filter((line) => line.includes('Cognito authorizer')).map((line) => line.slice(line.indexOf('Cognito'))),
    [
      'Cognito authorizer "pool", request req-1: the token is malformed',
      'Cognito authorizer "pool", request req-1: the token has expired',
      'Cognito authorizer "pool", request req-1: the token was issued in the future',
    ],
  );
});

test('REST-47 without method scopes an id token is needed; with them an access token carrying one', async () => {
  const open = await setup();
  assert.equal(typeof (await open.authorize(await open.sign({ token_use: 'id' }))), 'object');
  assert.equal(await open.authorize(await open.sign({ token_use: 'access', scope: 'a' })), 'UNAUTHORIZED');
  const scoped = await setup({}, ['todos/read', 'todos/write']);
  assert.equal(typeof (await scoped.authorize(await scoped.sign({ token_use: 'access', scope: 'openid todos/write' }))), 'object');
  assert.equal(await scoped.authorize(await scoped.sign({ token_use: 'access', scope: 'openid' })), 'UNAUTHORIZED');
  assert.equal(await scoped.authorize(await scoped.sign({ token_use: 'id', scope: 'todos/read' })), 'UNAUTHORIZED');
  // An empty list of scopes is no scopes.
  const empty = await setup({}, []);
  assert.equal(typeof (await empty.authorize(await empty.sign({ token_use: 'id' }))), 'object');
});

test('REST-47 the identity validation expression must match the whole aud', async () => {
  const { sign, authorize } = await setup({ identityValidationExpression: 'web-[0-9]+' });
  assert.equal(typeof (await authorize(await sign({ token_use: 'id', aud: 'web-12' }))), 'object');
  assert.equal(await authorize(await sign({ token_use: 'id', aud: 'web-12x' })), 'UNAUTHORIZED');
  assert.equal(await authorize(await sign({ token_use: 'id' })), 'UNAUTHORIZED');
});
