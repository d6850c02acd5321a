import assert from 'node:assert/strict';
import type { webcrypto } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import { fixedKeySource, type KeySource } from './keys.ts';
import { JWT_REASONS, verifyJwt } from './verify.ts';

type CryptoKey = webcrypto.CryptoKey;

const ISSUER = 'https://issuer.example.com';
const NOW_S = 1_800_000_000;
const base = { iss: ISSUER, aud: 'todo-web', sub: 'alice', iat: NOW_S - 10, exp: NOW_S + 60 };

let privateKey: CryptoKey;
let otherKey: CryptoKey;
let keys: KeySource;
let privateJwk: JWK;

before(async () => {
  ({ privateKey } = await generateKeyPair('RS256', { extractable: true }));
  ({ privateKey: otherKey } = await generateKeyPair('RS256'));
  privateJwk = await exportJWK(privateKey);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  keys = fixedKeySource({
    keys: [
      { ...(publicJwk as JWK), kid: 'k1', alg: 'RS256' },
      { kty: 'EC', kid: 'ec', crv: 'P-256', x: 'x', y: 'y' },
    ],
  });
});

function sign(payload: JWTPayload, header: { alg?: string; kid?: string } = {}, key: CryptoKey = privateKey): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'k1', ...header } as { alg: string }).sign(key);
}

const verify = (token: string, audience = ['todo-web']) => verifyJwt(token, { issuer: ISSUER, audience, keys, nowMs: NOW_S * 1000 });

describe('AUTH-22 validation order', () => {
  test('AUTH-22 a valid token gives its claims', async () => {
    assert.deepStrictEqual(await verify(await sign(base)), { ok: true, claims: base });
  });

  test('AUTH-22 step 1: not three base64url parts of JSON is malformed', async () => {
    for (const token of ['abc', 'a.b', 'a.b.c', 'e30.e30', `${Buffer.from('{').toString('base64url')}.e30.x`]) {
      assert.deepStrictEqual(await verify(token), { ok: false, reason: JWT_REASONS.malformed }, token);
    }
  });

  test('AUTH-22 step 3: HS256 (and any non-RSA algorithm) is refused, whatever kid it names', async () => {
    const hs = await new SignJWT(base).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).sign(new TextEncoder().encode('secret-secret-secret-secret-1234'));
    assert.deepStrictEqual(await verify(hs), { ok: false, reason: JWT_REASONS.algorithm });
  });

  test('AUTH-22 step 3: a kid missing, unknown, or naming a key that is not RSA', async () => {
    assert.deepStrictEqual(await verify(await sign(base, { kid: 'nope' })), { ok: false, reason: JWT_REASONS.unknownKey });
    const noKid = await new SignJWT(base).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    assert.deepStrictEqual(await verify(noKid), { ok: false, reason: JWT_REASONS.unknownKey });
    assert.deepStrictEqual(await verify(await sign(base, { kid: 'ec' })), { ok: false, reason: JWT_REASONS.unknownKey });
  });

  test('AUTH-22 step 4: a signature by another key, or for an algorithm the key is not published for', async () => {
    assert.deepStrictEqual(await verify(await sign(base, {}, otherKey)), { ok: false, reason: JWT_REASONS.signature });
    const sameKeyAsRs512 = (await importJWK(privateJwk, 'RS512')) as CryptoKey;
    assert.deepStrictEqual(await verify(await sign(base, { alg: 'RS512' }, sameKeyAsRs512)), { ok: false, reason: JWT_REASONS.signature });
  });

  test('AUTH-22 step 4 comes before the claims: a wrong issuer with a bad signature is a bad signature', async () => {
    assert.deepStrictEqual(await verify(await sign({ ...base, iss: 'x' }, {}, otherKey)), { ok: false, reason: JWT_REASONS.signature });
  });

  test('AUTH-22 step 5: iss must equal the issuer exactly', async () => {
    for (const iss of [`${ISSUER}/`, 'https://ISSUER.example.com', undefined]) {
      assert.deepStrictEqual(await verify(await sign({ ...base, iss })), { ok: false, reason: JWT_REASONS.issuer }, String(iss));
    }
  });

  test('AUTH-22 step 6: aud (string or array) names an audience; client_id only when aud is absent', async () => {
    assert.equal((await verify(await sign({ ...base, aud: ['other', 'todo-web'] }))).ok, true);
    assert.deepStrictEqual(await verify(await sign({ ...base, aud: 'other' })), { ok: false, reason: 'the token does not have a valid audience' });
    assert.deepStrictEqual(await verify(await sign({ ...base, aud: 'other', client_id: 'todo-web' })), { ok: false, reason: JWT_REASONS.audience });
    const { aud: _aud, ...noAud } = base;
    assert.equal((await verify(await sign({ ...noAud, client_id: 'todo-web' }))).ok, true);
    assert.deepStrictEqual(await verify(await sign({ ...noAud, client_id: 'other' })), { ok: false, reason: JWT_REASONS.audience });
    assert.deepStrictEqual(await verify(await sign(noAud)), { ok: false, reason: JWT_REASONS.audience });
  });

  test('AUTH-22 step 7: exp in the future, nbf and iat not, no skew', async () => {
    assert.deepStrictEqual(await verify(await sign({ ...base, exp: NOW_S })), { ok: false, reason: JWT_REASONS.expired });
    assert.equal((await verify(await sign({ ...base, exp: NOW_S + 1 }))).ok, true);
    const { exp: _exp, ...noExp } = base;
    assert.deepStrictEqual(await verify(await sign(noExp)), { ok: false, reason: JWT_REASONS.expired });
    assert.deepStrictEqual(await verify(await sign({ ...base, nbf: NOW_S + 1 })), { ok: false, reason: JWT_REASONS.notBefore });
    assert.equal((await verify(await sign({ ...base, nbf: NOW_S }))).ok, true);
    assert.deepStrictEqual(await verify(await sign({ ...base, iat: NOW_S + 1 })), { ok: false, reason: JWT_REASONS.issuedAt });
    // The audience is checked before the times.
    assert.deepStrictEqual(await verify(await sign({ ...base, aud: 'other', exp: 1 })), { ok: false, reason: JWT_REASONS.audience });
  });

  test('AUTH-22 step 2: keys that cannot be had refuse the token and say why for the log', async () => {
    const unavailable: KeySource = { keyFor: async () => ({ kind: 'unavailable', detail: 'http://x did not answer within 1500 ms' }) };
    const verdict = await verifyJwt(await sign(base), { issuer: ISSUER, audience: ['todo-web'], keys: unavailable, nowMs: NOW_S * 1000 });
    assert.deepStrictEqual(verdict, { ok: false, reason: JWT_REASONS.keysUnavailable, detail: 'http://x did not answer within 1500 ms' });
  });
});
