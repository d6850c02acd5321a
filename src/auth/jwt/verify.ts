/**
 * AUTH-22: a token's checks in API Gateway's order; the first that fails gives the reason sent in the
 * `www-authenticate` header. Only the audience text is observed from AWS; the other reasons are UNVERIFIED.
 */
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type { JwtClaims } from './claims.ts';
import type { KeySource } from './keys.ts';

/** AUTH-22 step 3: RSA signatures only. */
const RSA_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);

export const JWT_REASONS = {
  malformed: 'the token is malformed',
  keysUnavailable: 'the issuer signing keys could not be retrieved',
  algorithm: 'the token signing algorithm is not supported',
  unknownKey: 'the token signing key was not found',
  signature: 'the token signature is invalid',
  issuer: 'the token does not have a valid issuer',
  audience: 'the token does not have a valid audience',
  expired: 'the token has expired',
  notBefore: 'the token is not valid yet',
  issuedAt: 'the token was issued in the future',
} as const;

export interface JwtExpectations {
  /** The issuer URL `iss` must equal exactly. */
  issuer: string;
  /** Absent: not checked (REST-46: a Cognito user pool authorizer accepts any app client of its pools). */
  audience?: readonly string[];
  keys: KeySource;
  nowMs: number;
}

export type JwtVerdict =
  | { ok: true; claims: JwtClaims }
  /** `detail`: what the log says beyond the reason (a fetch failure). */
  | { ok: false; reason: string; detail?: string };

type VerifyKey = Awaited<ReturnType<typeof importJWK>>;

/** Keys imported once per published JWK and algorithm: a key set's objects live as long as its cache entry. */
const importedKeys = new WeakMap<JWK, Map<string, Promise<VerifyKey>>>();

function verifyKey(jwk: JWK, alg: string): Promise<VerifyKey> {
  let byAlg = importedKeys.get(jwk);
  if (!byAlg) {
    byAlg = new Map();
    importedKeys.set(jwk, byAlg);
  }
  let key = byAlg.get(alg);
  if (!key) {
    key = importJWK(jwk, alg);
    byAlg.set(alg, key);
  }
  return key;
}

const fail = (reason: string, detail?: string): JwtVerdict => ({ ok: false, reason, ...(detail ? { detail } : {}) });

/** Step 6: `aud` (a string or an array) names a configured audience; `client_id` only when there is no `aud`. */
function audienceMatches(claims: JwtClaims, audience: readonly string[]): boolean {
  const { aud } = claims;
  if (aud === undefined) return typeof claims.client_id === 'string' && audience.includes(claims.client_id);
  const values = Array.isArray(aud) ? aud : [aud];
  return values.some((value) => typeof value === 'string' && audience.includes(value));
}

/** Step 7, with no clock skew allowance: `exp` in the future, `nbf` and `iat` (when present) not. */
function timeReason(claims: JwtClaims, nowSeconds: number): string | undefined {
  const { exp, nbf, iat } = claims;
  // UNVERIFIED: a token without a numeric `exp` is refused as expired.
  if (typeof exp !== 'number' || exp <= nowSeconds) return JWT_REASONS.expired;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds)) return JWT_REASONS.notBefore;
  if (iat !== undefined && (typeof iat !== 'number' || iat > nowSeconds)) return JWT_REASONS.issuedAt;
  return undefined;
}

export async function verifyJwt(token: string, expected: JwtExpectations): Promise<JwtVerdict> {
  // Step 1: three base64url parts, a JSON header and a JSON payload.
  let header: { alg?: string; kid?: string };
  let claims: JwtClaims;
  try {
    if (token.split('.').length !== 3) return fail(JWT_REASONS.malformed);
    header = decodeProtectedHeader(token);
    claims = decodeJwt(token);
  } catch {
    return fail(JWT_REASONS.malformed);
  }
  // Step 3 before the keys are fetched: an algorithm no key can have needs no key set.
  if (typeof header.alg !== 'string' || !RSA_ALGORITHMS.has(header.alg)) return fail(JWT_REASONS.algorithm);
  if (typeof header.kid !== 'string') return fail(JWT_REASONS.unknownKey);
  // Steps 2-3: the issuer's key set holds the key the token names.
  const lookup = await expected.keys.keyFor(header.kid);
  if (lookup.kind === 'unavailable') return fail(JWT_REASONS.keysUnavailable, lookup.detail);
  if (lookup.kind === 'unknown-kid' || lookup.key.kty !== 'RSA') return fail(JWT_REASONS.unknownKey);
  // Step 4: a key published for one algorithm does not verify another.
  if (lookup.key.alg !== undefined && lookup.key.alg !== header.alg) return fail(JWT_REASONS.signature);
  try {
    const key = await verifyKey(lookup.key, header.alg);
    await compactVerify(token, key, { algorithms: [header.alg] });
  } catch {
    return fail(JWT_REASONS.signature);
  }
  // Steps 5-7.
  if (claims.iss !== expected.issuer) return fail(JWT_REASONS.issuer);
  if (expected.audience && !audienceMatches(claims, expected.audience)) return fail(JWT_REASONS.audience);
  const late = timeReason(claims, Math.floor(expected.nowMs / 1000));
  if (late) return fail(late);
  return { ok: true, claims };
}
