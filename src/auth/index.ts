export { authorizerEvent, connectMethodArn, type WebSocketAuthorizerEvent } from './authorizer-event.ts';
export { type AuthorizerResult, authorizerContext, checkAuthorizerResult, MAX_AUTHORIZER_RESULT_BYTES } from './authorizer-result.ts';
export {
  type CheckedHttpResult,
  checkHttpAuthorizerOutcome,
  type HttpAuthorizerFormat,
  type HttpAuthorizerResult,
  httpAuthorizerAllows,
} from './http-authorizer-result.ts';
export {
  iamIdentity,
  nodeHeadersOf,
  type SignatureCheck,
  type SignatureCheckOptions,
  type SignatureVerdict,
  type SignedRequest,
  signatureCheck,
} from './iam-signature.ts';
export {
  IDENTITY_SOURCE_FORMS,
  type IdentityRequest,
  type IdentitySource,
  identitySourceValues,
  missingIdentitySource,
  parseHttpIdentitySource,
  parseIdentitySource,
  parseRestIdentitySource,
} from './identity-source.ts';
export {
  AUTHORIZER_FAILURE,
  type AuthorizerDecision,
  type AuthorizerOutcome,
  decideAuthorizer,
  EXPLICIT_DENY,
  IMPLICIT_DENY,
  UNAUTHORIZED,
} from './outcome.ts';
export { evaluatePolicy, matchesPattern, type PolicyDecision } from './policy.ts';
export { AuthorizerResultCache, MAX_CACHED_RESULTS } from './result-cache.ts';
