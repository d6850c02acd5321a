export { bearerToken } from './bearer.ts';
export { hasRouteScope, type JwtClaims, jwtAuthorizerContext, renderClaims, tokenScopes } from './claims.ts';
export { createJwtIssuers, type JwtIssuers, type JwtIssuersOptions, type TrustedIssuer } from './issuers.ts';
export { fixedKeySource, type JsonWebKeySet, type KeyLookup, type KeySource } from './keys.ts';
export { JWKS_CACHE_TTL_MS, JWKS_FETCH_TIMEOUT_MS, JWKS_MAX_BYTES, JWKS_REFETCH_INTERVAL_MS, remoteKeySource } from './remote-keys.ts';
export { JWT_REASONS, type JwtExpectations, type JwtVerdict, verifyJwt } from './verify.ts';
