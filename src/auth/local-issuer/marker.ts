/**
 * The issuer a JWT authorizer names to trust the gateway's own local issuer: plain data in the model, resolved at
 * run time to the URL the gateway serves the issuer at (beside its Lambda Invoke API).
 */
export const LOCAL_ISSUER = 'hoplite:local-issuer';

/** Where the gateway serves the issuer on its Lambda Invoke API port: `{lambdaEndpoint}/local-issuer`. */
export const LOCAL_ISSUER_PATH = '/local-issuer';
export const DISCOVERY_PATH = '/.well-known/openid-configuration';
export const JWKS_PATH = '/.well-known/jwks.json';
/** The token endpoint a sign-in form posts to (the local issuer's only; see token-endpoint.ts). */
export const TOKEN_PATH = '/token';
