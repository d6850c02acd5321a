/** The local issuer's OpenID discovery document and JWKS, answered on the port of the gateway's Lambda Invoke API. */
import type { EdgeHandler, EdgeRequest, GatewayResponse } from '../../internal/edge/values.ts';
import { splitTarget } from '../../internal/edge/values.ts';
import type { JsonWebKeySet } from '../jwt/keys.ts';
import { DISCOVERY_PATH, JWKS_PATH, LOCAL_ISSUER_PATH } from './marker.ts';
import { SIGNING_ALGORITHM } from './signing-key.ts';

function json(value: unknown): GatewayResponse {
  return { statusCode: 200, headers: [['content-type', 'application/json']], body: Buffer.from(JSON.stringify(value)) };
}

/** What an OpenID provider publishes, cut to what a resource server reads. */
export function discoveryDocument(issuer: string): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: `${issuer}${JWKS_PATH}`,
    response_types_supported: ['token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [SIGNING_ALGORITHM],
  };
}

/**
 * Answers the issuer's two documents and hands any other request to `next`. `issuer()` is the issuer URL of
 * the origin the gateway prints (the documents name it, as the tokens' `iss` does).
 */
export function withLocalIssuer(next: EdgeHandler, issuer: () => string, keys: JsonWebKeySet): EdgeHandler {
  const discoveryPath = `${LOCAL_ISSUER_PATH}${DISCOVERY_PATH}`;
  const jwksPath = `${LOCAL_ISSUER_PATH}${JWKS_PATH}`;
  return (request: EdgeRequest) => {
    if (request.method === 'GET' || request.method === 'HEAD') {
      const { rawPath } = splitTarget(request.target);
      if (rawPath === discoveryPath) return json(discoveryDocument(issuer()));
      if (rawPath === jwksPath) return json(keys);
    }
    return next(request);
  };
}
