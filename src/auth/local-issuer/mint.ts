/** Tokens the local issuer accepts: what `hoplite token` prints, and what tests sign. */
import { importJWK, type JWTPayload, SignJWT } from 'jose';
import type { SigningKey } from './signing-key.ts';
import { SIGNING_ALGORITHM } from './signing-key.ts';

export interface TokenRequest {
  /** The `iss`: the local issuer's URL. */
  issuer: string;
  subject: string;
  /** Absent: no `aud` claim. */
  audience?: string | undefined;
  /** Space-separated, as the `scope` claim carries them; absent: no `scope` claim. */
  scope?: string | undefined;
  /** Further claims; they override the ones above. */
  claims?: Record<string, unknown>;
  expiresInSeconds: number;
  nowMs: number;
}

export async function mintToken(key: SigningKey, request: TokenRequest): Promise<string> {
  const iat = Math.floor(request.nowMs / 1000);
  const payload: JWTPayload = {
    iss: request.issuer,
    sub: request.subject,
    ...(request.audience !== undefined ? { aud: request.audience } : {}),
    ...(request.scope !== undefined ? { scope: request.scope } : {}),
    iat,
    exp: iat + request.expiresInSeconds,
    ...request.claims,
  };
  const privateKey = await importJWK(key.privateJwk, SIGNING_ALGORITHM);
  return new SignJWT(payload).setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: 'JWT' }).sign(privateKey);
}
