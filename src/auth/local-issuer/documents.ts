/** The local issuer's surface on the port of the gateway's Lambda Invoke API: discovery, JWKS and the token endpoint. */
import type { EdgeHandler, EdgeRequest, GatewayResponse } from '../../internal/edge/values.ts';
import { splitTarget } from '../../internal/edge/values.ts';
import type { JsonWebKeySet } from '../jwt/keys.ts';
import { DISCOVERY_PATH, JWKS_PATH, LOCAL_ISSUER_PATH, TOKEN_PATH } from './marker.ts';
import { SIGNING_ALGORITHM } from './signing-key.ts';
import { answerTokenRequest, PASSWORD_GRANT, type TokenEndpointOptions } from './token-endpoint.ts';

function json(value: unknown): GatewayResponse {
  return { statusCode: 200, headers: [['content-type', 'application/json']], body: Buffer.from(JSON.stringify(value)) };
}

/** What an OpenID provider publishes, cut to what a resource server and a sign-in form read. */
export function discoveryDocument(issuer: string): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: `${issuer}${JWKS_PATH}`,
    token_endpoint: `${issuer}${TOKEN_PATH}`,
    grant_types_supported: [PASSWORD_GRANT],
    token_endpoint_auth_methods_supported: ['none'],
    response_types_supported: ['token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [SIGNING_ALGORITHM],
  };
}

export interface LocalIssuerSurface extends TokenEndpointOptions {
  keys: JsonWebKeySet;
}

/**
 * Answers the issuer's documents and its token endpoint and hands any other request to `next`. `issuer()` is the
 * issuer URL of the origin the gateway prints (the documents name it, as the tokens' `iss` does).
 */
export function withLocalIssuer(next: EdgeHandler, surface: LocalIssuerSurface): EdgeHandler {
  const discoveryPath = `${LOCAL_ISSUER_PATH}${DISCOVERY_PATH}`;
  const jwksPath = `${LOCAL_ISSUER_PATH}${JWKS_PATH}`;
  const tokenPath = `${LOCAL_ISSUER_PATH}${TOKEN_PATH}`;
  return (request: EdgeRequest) => {
    // The Invoke API's own requests (`/2015-03-31/…`) pass on without being parsed.
    if (!request.target.startsWith(LOCAL_ISSUER_PATH)) return next(request);
    const { rawPath } = splitTarget(request.target);
    if (rawPath === tokenPath) return answerTokenRequest(request, surface);
    if (request.method === 'GET' || request.method === 'HEAD') {
      if (rawPath === discoveryPath) return json(discoveryDocument(surface.issuer()));
      if (rawPath === jwksPath) return json(surface.keys);
    }
    return next(request);
  };
}
