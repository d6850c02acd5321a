/** AUTH-22 in fake time: token lifetimes, the 1,500 ms JWKS limit and the hour of cache on the gateway's clock, through gateway.fetch. */
import assert from 'node:assert/strict';
import type { webcrypto } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { jwtService } from '../../test/fixtures/services/jwt/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../../test/helpers/gateway.ts';
import { mintToken, readSigningKey, type SigningKey } from '../auth/local-issuer/index.ts';
import type { ApiEndpoint } from '../gateway.ts';
import { ManualClock } from '../internal/manual-clock.ts';

const clock = new ManualClock(Date.UTC(2026, 0, 1));
let started: StartedGateway;
let api: ApiEndpoint;
let localKey: SigningKey;
let server: Server;
let base: string;
let privateKey: webcrypto.CryptoKey;
const hits: string[] = [];

before(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
  // `/hang` never answers its discovery document; `/fast` answers at once.
  server = createServer((request, response) => {
    hits.push(request.url ?? '');
    if (request.url?.startsWith('/hang/')) return;
    response.setHeader('content-type', 'application/json');
    if (request.url === '/fast/.well-known/openid-configuration') response.end(JSON.stringify({ jwks_uri: `${base}/fast/jwks` }));
    else response.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  started = await startGateway(null, jwtService({ hang: `${base}/hang`, fast: `${base}/fast` }), { clock });
  api = started.urls.apis[0] as ApiEndpoint;
  localKey = (await readSigningKey(started.urls.localIssuer?.signingKeyFile as string)) as SigningKey;
});

after(async () => {
  await started.gateway.dispose();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const status = async (path: string, token: string) =>
  (await started.gateway.fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).status;

test('AUTH-22 exp on the gateway clock: valid until its second, expired from it, no skew', async () => {
  const token = await mintToken(localKey, {
    issuer: started.urls.localIssuer?.issuer as string,
    subject: 'alice',
    audience: 'todo-web',
    expiresInSeconds: 60,
    nowMs: clock.now(),
  });
  assert.equal(await status('/me', token), 200);
  await clock.advance(59_999);
  assert.equal(await status('/me', token), 200);
  await clock.advance(1);
  assert.equal(await status('/me', token), 401);
});

test('AUTH-22 a JWKS fetch is aborted 1,500 ms after it starts, on the gateway clock', async () => {
  const token = await new SignJWT({ iss: `${base}/hang`, aud: 'todo-web', exp: clock.now() / 1000 + 600 })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .sign(privateKey);
  const answer = started.gateway.fetch(`${api.url}/remote/hang`, { headers: { authorization: `Bearer ${token}` } });
  while (!hits.includes('/hang/.well-known/openid-configuration')) await new Promise((resolve) => setTimeout(resolve, 10));
  await clock.advance(1_499);
  let settled = false;
  void answer.then(() => {
    settled = true;
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(settled, false);
  await clock.advance(1);
  const response = await answer;
  assert.equal(response.status, 401);
  assert.equal(
    response.headers.get('www-authenticate'),
    'Bearer scope="" error="invalid_token" error_description="the issuer signing keys could not be retrieved"',
  );
});

test('AUTH-22 a remote key set is cached for an hour on the gateway clock', async () => {
  const token = () =>
    new SignJWT({ iss: `${base}/fast`, aud: 'todo-web', exp: clock.now() / 1000 + 7200 }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(privateKey);
  const fetches = () => hits.filter((url) => url === '/fast/jwks').length;
  assert.equal(await status('/remote/fast', await token()), 200);
  assert.equal(fetches(), 1);
  await clock.advance(3_599_999);
  assert.equal(await status('/remote/fast', await token()), 200);
  assert.equal(fetches(), 1);
  await clock.advance(1);
  assert.equal(await status('/remote/fast', await token()), 200);
  assert.equal(fetches(), 2);
});
