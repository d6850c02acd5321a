export { discoveryDocument, withLocalIssuer } from './documents.ts';
export { DISCOVERY_PATH, JWKS_PATH, LOCAL_ISSUER, LOCAL_ISSUER_PATH } from './marker.ts';
export { mintToken, type TokenRequest } from './mint.ts';
export { loadOrCreateSigningKey, readSigningKey, SIGNING_ALGORITHM, type SigningKey, signingKeyPath } from './signing-key.ts';
