/**
 * The local issuer's RSA signing key, kept in the project's `.hoplite/` folder so that `hoplite token`, in another
 * process, signs tokens the running gateway accepts, and restarts keep accepting them.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

export const SIGNING_KEY_FILE = 'local-issuer-key.json';
export const SIGNING_ALGORITHM = 'RS256';

export interface SigningKey {
  kid: string;
  /** The private key as a JWK, for signing. */
  privateJwk: JWK;
  /** What the JWKS publishes. */
  publicJwk: JWK;
}

export function signingKeyPath(rootDir: string): string {
  return join(rootDir, '.hoplite', SIGNING_KEY_FILE);
}

function publicPart(privateJwk: JWK): JWK {
  const { kty, n, e, kid } = privateJwk;
  return { kty, n, e, kid, alg: SIGNING_ALGORITHM, use: 'sig' } as JWK;
}

function asSigningKey(privateJwk: JWK): SigningKey {
  return { kid: privateJwk.kid as string, privateJwk, publicJwk: publicPart(privateJwk) };
}

/** The key in `file`, or undefined when there is none. */
export async function readSigningKey(file: string): Promise<SigningKey | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return asSigningKey(JSON.parse(text) as JWK);
}

/** The project's key; the first gateway to need one creates it (exclusively: two starting together keep one key). */
export async function loadOrCreateSigningKey(rootDir: string): Promise<SigningKey> {
  const file = signingKeyPath(rootDir);
  const existing = await readSigningKey(file);
  if (existing) return existing;
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const privateJwk: JWK = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: SIGNING_ALGORITHM };
  await mkdir(join(rootDir, '.hoplite'), { recursive: true });
  try {
    await writeFile(file, `${JSON.stringify(privateJwk)}\n`, { flag: 'wx', mode: 0o600 });
    return asSigningKey(privateJwk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readSigningKey(file)) as SigningKey;
  }
}
