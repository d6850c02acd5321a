/**
 * REST-40..45: a REST API's TOKEN or REQUEST Lambda authorizer, one per authorizer and shared by the methods that
 * name it (so they share its cache). Every refusal is a gateway error (REST-30), customizable as any other.
 */
import {
  type AuthorizerResult,
  AuthorizerResultCache,
  checkAuthorizerResult,
  evaluatePolicy,
  type IdentitySource,
  identitySourceValues,
  parseRestIdentitySource,
} from '../auth/index.ts';
import { type Integration, lambdaIntegration } from '../integrations/index.ts';
import type { Clock } from '../internal/clock.ts';
import type { Log } from '../internal/log.ts';
import type { Invoker } from '../lambda/invoker.ts';
import { HTTP_AUTHORIZER_TIMEOUT_MS } from '../limits.ts';
import type { RestLambdaAuthorizerModel } from '../model/types.ts';
import { lastHeader, type RestAuthorizationRequest, type RestAuthorizationVerdict, type RestMethodAuthorizer, UNAUTHORIZED } from './authorization.ts';
import { requestAuthorizerEvent, restIdentityRequest, tokenAuthorizerEvent } from './authorizer-events.ts';

export interface RestLambdaAuthorizerOptions {
  model: RestLambdaAuthorizerModel;
  apiName: string;
  invoker: Invoker;
  clock: Clock;
  log: Log;
}

/** A result kept in the cache (REST-44): the policy is evaluated again for each method ARN. */
interface CheckedResult {
  result: AuthorizerResult;
  usageIdentifierKey: string | undefined;
}

const IMPLICIT_DENY: RestAuthorizationVerdict = { kind: 'deny', error: { type: 'ACCESS_DENIED' } };
const EXPLICIT_DENY: RestAuthorizationVerdict = {
  kind: 'deny',
  error: { type: 'ACCESS_DENIED', message: 'User is not authorized to access this resource with an explicit deny' },
};
/** GEN-5: the longest method ARN a Lambda authorizer is given. */
export const MAX_METHOD_ARN_BYTES = 1600;
// UNVERIFIED: AWS's guide says only "414 Request URI too long"; Hoplite answers it as a DEFAULT_4XX response.
const URI_TOO_LONG: RestAuthorizationVerdict = { kind: 'deny', error: { type: 'DEFAULT_4XX', statusCode: 414, message: 'Request URI too long' } };
const CONFIGURATION_ERROR: RestAuthorizationVerdict = { kind: 'deny', error: { type: 'AUTHORIZER_CONFIGURATION_ERROR' } };

/** REST-40: the gateway waits for an authorizer as long as HTTP APIs do. UNVERIFIED for REST: AWS documents no separate limit. */
const AUTHORIZER_TIMEOUT_MS = HTTP_AUTHORIZER_TIMEOUT_MS;

export class RestLambdaAuthorizer implements RestMethodAuthorizer {
  private readonly options: RestLambdaAuthorizerOptions;
  private readonly sources: IdentitySource[];
  private readonly readsContext: boolean;
  private readonly tokenHeader: string | undefined;
  private readonly validation: RegExp | undefined;
  private readonly integration: Integration;
  /** REST-44: absent when the TTL is 0 or there is nothing to key the cache on. */
  private readonly cache: AuthorizerResultCache<CheckedResult> | undefined;

  constructor(options: RestLambdaAuthorizerOptions) {
    const { model, invoker, clock } = options;
    this.options = options;
    // The model's validator checked every source (REST-40, REST-42).
    this.sources = model.type === 'REQUEST' ? model.identitySource.map((source) => parseRestIdentitySource(source) as IdentitySource) : [];
    this.readsContext = this.sources.some((source) => source.kind === 'context');
    this.tokenHeader = model.type === 'TOKEN' ? (model.identitySource[0] as string).slice('method.request.header.'.length).toLowerCase() : undefined;
    // REST-41: the whole token must match. UNVERIFIED: JavaScript's syntax stands in for the Java expressions AWS runs.
    this.validation = model.identityValidationExpression === undefined ? undefined : new RegExp(`^(?:${model.identityValidationExpression})$`);
    this.integration = lambdaIntegration({ type: 'AWS_PROXY', invoker, functionName: model.function, timeoutMs: AUTHORIZER_TIMEOUT_MS, clock });
    const keyed = model.type === 'TOKEN' || this.sources.length > 0;
    this.cache = model.authorizerResultTtlInSeconds > 0 && keyed ? new AuthorizerResultCache(model.authorizerResultTtlInSeconds, clock) : undefined;
  }

  async authorize(request: RestAuthorizationRequest): Promise<RestAuthorizationVerdict> {
    // GEN-5: a method ARN over 1600 bytes (long path parameters) is refused before the authorizer runs.
    if (Buffer.byteLength(request.methodArn, 'utf8') > MAX_METHOD_ARN_BYTES) return URI_TOO_LONG;
    let key: string;
    let event: () => unknown;
    if (this.tokenHeader !== undefined) {
      const token = lastHeader(request.rawHeaders, this.tokenHeader);
      // REST-41: no token, or one the validation expression refuses, is a 401 without invoking.
      if (token === undefined || token === '') return UNAUTHORIZED;
      if (this.validation && !this.validation.test(token)) return UNAUTHORIZED;
      key = token;
      event = () => tokenAuthorizerEvent(token, request.methodArn);
    } else {
      const shape = request.shape();
      const values = identitySourceValues(this.sources, restIdentityRequest(shape, this.readsContext));
      // REST-42: every identity source is required: one missing or empty is a 401 without invoking.
      if (values === undefined) return UNAUTHORIZED;
      key = AuthorizerResultCache.keyOf(values);
      event = () => requestAuthorizerEvent(shape, request.methodArn);
    }
    let checked = this.cache?.get(key);
    // UNVERIFIED: a cached result reports an integrationLatency of 0.
    let latencyMs = 0;
    if (checked === undefined) {
      const startedAt = this.options.clock.now();
      const outcome = await this.integration.call(event());
      latencyMs = this.options.clock.now() - startedAt;
      if (outcome.kind === 'failed' || outcome.kind === 'refused') {
        // REST-40: the error message `Unauthorized` is the authorizer's way to answer 401.
        if (outcome.error.errorMessage === 'Unauthorized') return UNAUTHORIZED;
        return this.failure(request, `the authorizer failed: ${outcome.error.errorType}: ${outcome.error.errorMessage}`);
      }
      if (outcome.kind === 'timed-out') return this.failure(request, 'the authorizer timed out');
      const result = checkAuthorizerResult(outcome.payload);
      if (!result.ok) return this.failure(request, result.problem);
      const usageIdentifierKey = (outcome.payload as Record<string, unknown>).usageIdentifierKey;
      checked = { result: result.result, usageIdentifierKey: typeof usageIdentifierKey === 'string' ? usageIdentifierKey : undefined };
      this.cache?.set(key, checked);
    }
    // REST-44: a cached policy is evaluated again for this method's ARN (AUTH-5).
    const decision = evaluatePolicy(checked.result.statements, request.methodArn);
    if (decision === 'explicit-deny') return EXPLICIT_DENY;
    if (decision === 'implicit-deny') return IMPLICIT_DENY;
    return { kind: 'allow', context: integrationAuthorizer(checked.result, latencyMs), usageIdentifierKey: checked.usageIdentifierKey };
  }

  private failure(request: RestAuthorizationRequest, problem: string): RestAuthorizationVerdict {
    this.options.log.warn(`authorizer "${this.options.model.name}" of REST API ${this.options.apiName}, request ${request.requestId}: ${problem}`);
    return CONFIGURATION_ERROR;
  }
}

/** REST-43: the context's values as strings, the principalId and the authorizer's latency in milliseconds. */
export function integrationAuthorizer(result: AuthorizerResult, latencyMs: number): Record<string, string | number> {
  const authorizer: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(result.context)) authorizer[name] = String(value);
  authorizer.principalId = result.principalId;
  authorizer.integrationLatency = latencyMs;
  return authorizer;
}
