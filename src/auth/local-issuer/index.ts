export { discoveryDocument, type LocalIssuerSurface, withLocalIssuer } from './documents.ts';
export { DISCOVERY_PATH, JWKS_PATH, LOCAL_ISSUER, LOCAL_ISSUER_PATH, TOKEN_PATH } from './marker.ts';
export { mintToken, type TokenRequest } from './mint.ts';
export { loadOrCreateSigningKey, readSigningKey, SIGNING_ALGORITHM, type SigningKey, signingKeyPath } from './signing-key.ts';
export { answerTokenRequest, PASSWORD_GRANT, REMOTE_TOKEN_REFUSED, TOKEN_EXPIRES_IN_SECONDS, type TokenEndpointOptions } from './token-endpoint.ts';
