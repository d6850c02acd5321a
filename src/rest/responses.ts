/**
 * The REST gateway's own errors (REST-2, REST-3, REST-20, THR-4), each a gateway response type (REST-30) so that an
 * API's customizations apply to every one of them.
 */
import type { GatewayError } from './gateway-responses.ts';

export const REST_ERRORS = {
  /** REST-3: no resource or method matches. */
  missingAuthenticationToken: { type: 'MISSING_AUTHENTICATION_TOKEN' },
  /** REST-2: a function error or a malformed proxy result: 502 as observed, of the INTEGRATION_FAILURE type. */
  badGateway: { type: 'INTEGRATION_FAILURE', statusCode: 502 },
  /** REST-2: Lambda refused the invocation (throttled); also a configuration problem found at run time. UNVERIFIED: the type. */
  internalError: { type: 'API_CONFIGURATION_ERROR' },
  /** REST-2: the integration timed out. */
  timeout: { type: 'INTEGRATION_TIMEOUT' },
  /** REST-53: an HTTP backend that cannot be reached (refused, unknown host, reset). UNVERIFIED: 500, as AWS's execution logs call it a configuration error. */
  integrationFailure: { type: 'INTEGRATION_FAILURE', statusCode: 500 },
  /** REST-10: no request template for the Content-Type and a passthroughBehavior that refuses it. */
  unsupportedMediaType: { type: 'UNSUPPORTED_MEDIA_TYPE' },
  /** REST-20. UNVERIFIED: text. */
  tooLarge: { type: 'REQUEST_TOO_LARGE' },
  /** THR-4. UNVERIFIED: the error type. */
  throttled: { type: 'THROTTLED' },
} as const satisfies Record<string, GatewayError>;
