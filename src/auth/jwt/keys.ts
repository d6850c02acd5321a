/** AUTH-22 step 2-3: where a JWT authorizer finds the key a token names. */
import type { JWK } from 'jose';

export interface JsonWebKeySet {
  keys: JWK[];
}

export type KeyLookup =
  | { kind: 'found'; key: JWK }
  | { kind: 'unknown-kid' }
  /** The issuer's discovery document or key set could not be had; `detail` is for the log. */
  | { kind: 'unavailable'; detail: string };

export interface KeySource {
  keyFor(kid: string): Promise<KeyLookup>;
}

/** The key named `kid` in a key set. */
export function findKey(set: JsonWebKeySet, kid: string): JWK | undefined {
  return set.keys.find((key) => key.kid === kid);
}

/** A key set known in advance: the local issuer's, which the gateway holds itself. */
export function fixedKeySource(set: JsonWebKeySet): KeySource {
  return {
    keyFor: (kid) => {
      const key = findKey(set, kid);
      return Promise.resolve(key ? { kind: 'found', key } : { kind: 'unknown-kid' });
    },
  };
}
