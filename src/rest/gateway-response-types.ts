/**
 * REST-30: every gateway response type with its default status, message and `x-amzn-ErrorType`. Source:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
import type { RestGatewayResponseType } from '../model/types.ts';

export interface ResponseTypeDefaults {
  /** The documented default status; DEFAULT_4XX/5XX have none of their own. */
  statusCode: number;
  /** What `$context.error.message` is when the runtime gives no message of its own. */
  message: string;
  /** UNVERIFIED where REST-20 does not name it. */
  errorType?: string;
  /** The observed default bodies of integration failures have a space after the colon (REST-2). */
  spaced?: true;
}

export const GATEWAY_RESPONSE_TYPES: Readonly<Record<RestGatewayResponseType, ResponseTypeDefaults>> = {
  ACCESS_DENIED: { statusCode: 403, message: 'User is not authorized to access this resource', errorType: 'AccessDeniedException' },
  API_CONFIGURATION_ERROR: { statusCode: 500, message: 'Internal server error', errorType: 'InternalServerErrorException', spaced: true },
  AUTHORIZER_CONFIGURATION_ERROR: { statusCode: 500, message: 'Internal server error', errorType: 'AuthorizerConfigurationException' },
  AUTHORIZER_FAILURE: { statusCode: 500, message: 'Internal server error', errorType: 'AuthorizerFailureException' },
  BAD_REQUEST_PARAMETERS: { statusCode: 400, message: 'Missing required request parameters: []', errorType: 'BadRequestException' },
  BAD_REQUEST_BODY: { statusCode: 400, message: 'Invalid request body', errorType: 'BadRequestException' },
  DEFAULT_4XX: { statusCode: 400, message: 'Bad request' },
  DEFAULT_5XX: { statusCode: 500, message: 'Internal server error' },
  EXPIRED_TOKEN: { statusCode: 403, message: 'Signature expired', errorType: 'InvalidSignatureException' },
  // REST-2: a failed Lambda integration answers 502 (observed), although the documented default is 504.
  INTEGRATION_FAILURE: { statusCode: 504, message: 'Internal server error', spaced: true },
  INTEGRATION_TIMEOUT: { statusCode: 504, message: 'Endpoint request timed out', spaced: true },
  INVALID_API_KEY: { statusCode: 403, message: 'Forbidden', errorType: 'ForbiddenException' },
  INVALID_SIGNATURE: { statusCode: 403, message: 'Invalid signature', errorType: 'InvalidSignatureException' },
  MISSING_AUTHENTICATION_TOKEN: { statusCode: 403, message: 'Missing Authentication Token', errorType: 'MissingAuthenticationTokenException' },
  QUOTA_EXCEEDED: { statusCode: 429, message: 'Limit Exceeded', errorType: 'LimitExceededException' },
  REQUEST_TOO_LARGE: { statusCode: 413, message: 'Request Too Long' },
  RESOURCE_NOT_FOUND: { statusCode: 404, message: 'Resource not found', errorType: 'ResourceNotFoundException' },
  THROTTLED: { statusCode: 429, message: 'Too Many Requests', errorType: 'TooManyRequestsException' },
  UNAUTHORIZED: { statusCode: 401, message: 'Unauthorized', errorType: 'UnauthorizedException' },
  UNSUPPORTED_MEDIA_TYPE: { statusCode: 415, message: 'Unsupported Media Type', errorType: 'UnsupportedMediaTypeException' },
  WAF_FILTERED: { statusCode: 403, message: 'Forbidden', errorType: 'ForbiddenException' },
};

export const GATEWAY_RESPONSE_TYPE_NAMES = Object.keys(GATEWAY_RESPONSE_TYPES) as RestGatewayResponseType[];

/** REST-31: the fallback a type takes its customization from: DEFAULT_4XX or DEFAULT_5XX by its default status. */
export function fallbackOf(type: RestGatewayResponseType): 'DEFAULT_4XX' | 'DEFAULT_5XX' {
  return GATEWAY_RESPONSE_TYPES[type].statusCode >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
}
