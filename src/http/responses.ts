/** Responses the HTTP API gateway sends itself, with exact bodies (HTTP-40). */
import type { GatewayResponse } from '../internal/edge/values.ts';

export type { GatewayResponse } from '../internal/edge/values.ts';

function json(statusCode: number, message: string): GatewayResponse {
  // HTTP-40: compact JSON, e.g. 26 bytes for {"message":"Unauthorized"}.
  return { statusCode, headers: [['content-type', 'application/json']], body: Buffer.from(`{"message":"${message}"}`) };
}

/** AUTH-22: the `www-authenticate` header of a token that failed a check. */
function invalidToken(reason: string): GatewayResponse {
  const response = json(401, 'Unauthorized');
  response.headers.push(['www-authenticate', `Bearer scope="" error="invalid_token" error_description="${reason}"`]);
  return response;
}

export const GATEWAY_RESPONSES = {
  notFound: () => json(404, 'Not Found'),
  /** AUTH-21, AUTH-30, AUTH-33: no identity, or an authorizer that answered `Unauthorized`. */
  unauthorized: () => json(401, 'Unauthorized'),
  /**
   * AUTH-21: a JWT route without a token. UNVERIFIED: the bare `Bearer` challenge RFC 6750 section 3 gives a
   * request without credentials (no error code), as AWS's text for this case is not documented.
   */
  missingToken: () => {
    const response = json(401, 'Unauthorized');
    response.headers.push(['www-authenticate', 'Bearer']);
    return response;
  },
  /** AUTH-22. */
  invalidToken,
  /** AUTH-23, AUTH-33, AUTH-40: the authorizer, the token's scopes or the caller's signature deny the route. UNVERIFIED: the body. */
  forbidden: () => json(403, 'Forbidden'),
  /** HTTP-40. UNVERIFIED: status and body. */
  tooLarge: () => json(413, 'Request Entity Too Large'),
  throttled: () => json(429, 'Too Many Requests'),
  internalError: () => json(500, 'Internal Server Error'),
  /** HTTP-33: the integration timed out. */
  unavailable: () => json(503, 'Service Unavailable'),
} as const;
