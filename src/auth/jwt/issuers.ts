/** AUTH-22: one key source per issuer for a whole gateway, so every API and route trusting an issuer shares its cached keys. */
import type { Clock } from '../../internal/clock.ts';
import { LOCAL_ISSUER } from '../local-issuer/marker.ts';
import { fixedKeySource, type JsonWebKeySet, type KeySource } from './keys.ts';
import { remoteKeySource } from './remote-keys.ts';

export interface TrustedIssuer {
  /** The URL `iss` must equal; the local issuer's is known once its port listens. */
  url(): string;
  keys: KeySource;
}

export interface JwtIssuers {
  /** The issuer an authorizer's `jwtConfiguration.issuer` names (a URL, or `LOCAL_ISSUER`). */
  trusted(configured: string): TrustedIssuer;
}

export interface JwtIssuersOptions {
  clock: Clock;
  /** The gateway's local issuer, when one of its authorizers names it. */
  local?: { url(): string; keys: JsonWebKeySet };
}

export function createJwtIssuers(options: JwtIssuersOptions): JwtIssuers {
  const issuers = new Map<string, TrustedIssuer>();
  return {
    trusted(configured) {
      let issuer = issuers.get(configured);
      if (issuer) return issuer;
      if (configured === LOCAL_ISSUER) {
        const { local } = options;
        if (!local) throw new Error('a JWT authorizer names the local issuer, but this gateway serves none');
        issuer = { url: local.url, keys: fixedKeySource(local.keys) };
      } else {
        issuer = { url: () => configured, keys: remoteKeySource({ issuer: configured, clock: options.clock }) };
      }
      issuers.set(configured, issuer);
      return issuer;
    },
  };
}
