/** The REST gateway's own responses (REST-2, REST-3, REST-20, THR-4): note the space after the colon in some bodies. */
import type { GatewayResponse } from '../internal/edge/values.ts';

function rest(statusCode: number, body: string, errorType?: string): GatewayResponse {
  const headers: Array<[string, string]> = [['content-type', 'application/json']];
  if (errorType) headers.push(['x-amzn-ErrorType', errorType]);
  return { statusCode, headers, body: Buffer.from(body) };
}

export const REST_RESPONSES = {
  /** REST-3: no resource or method matches. */
  missingAuthenticationToken: () => rest(403, '{"message":"Missing Authentication Token"}', 'MissingAuthenticationTokenException'),
  /** REST-2: a function error or a malformed proxy result. */
  badGateway: () => rest(502, '{"message": "Internal server error"}'),
  /** REST-2: Lambda refused the invocation (throttled); also a configuration problem found at run time. */
  internalError: () => rest(500, '{"message": "Internal server error"}', 'InternalServerErrorException'),
  /** REST-2: the integration timed out. */
  timeout: () => rest(504, '{"message": "Endpoint request timed out"}'),
  /** REST-20. UNVERIFIED: text. */
  tooLarge: () => rest(413, '{"message":"Request Too Long"}'),
  /** THR-4. UNVERIFIED: the error type, as the THROTTLED gateway response names it. */
  throttled: () => rest(429, '{"message":"Too Many Requests"}', 'TooManyRequestsException'),
} as const;
