/** AUTH-30..35: an HTTP API's Lambda REQUEST authorizer, one per authorizer and shared by the routes that name it. */
import {
  AuthorizerResultCache,
  checkHttpAuthorizerOutcome,
  type HttpAuthorizerResult,
  httpAuthorizerAllows,
  type IdentitySource,
  identitySourceValues,
  parseHttpIdentitySource,
} from '../auth/index.ts';
import { type Integration, lambdaIntegration } from '../integrations/index.ts';
import type { Clock } from '../internal/clock.ts';
import type { Log } from '../internal/log.ts';
import type { Invoker } from '../lambda/invoker.ts';
import { HTTP_AUTHORIZER_TIMEOUT_MS } from '../limits.ts';
import type { HttpLambdaAuthorizerModel } from '../model/types.ts';
import type { AuthorizationRequest, AuthorizationVerdict, RouteAuthorization } from './authorization.ts';
import { authorizerEventV1, authorizerEventV2, identityRequestOf, routeArnOf } from './authorizer-events.ts';
import { GATEWAY_RESPONSES } from './responses.ts';

export interface LambdaAuthorizerOptions {
  model: HttpLambdaAuthorizerModel;
  apiName: string;
  region: string;
  invoker: Invoker;
  clock: Clock;
  log: Log;
}

export class HttpLambdaAuthorizer implements RouteAuthorization {
  private readonly options: LambdaAuthorizerOptions;
  private readonly sources: IdentitySource[];
  private readonly readsContext: boolean;
  private readonly integration: Integration;
  /** AUTH-35: absent when the TTL is 0 or there is no identity source. */
  private readonly cache: AuthorizerResultCache<HttpAuthorizerResult> | undefined;

  constructor(options: LambdaAuthorizerOptions) {
    const { model, invoker, clock } = options;
    this.options = options;
    // The model's validator checked every source (AUTH-30).
    this.sources = model.identitySource.map((source) => parseHttpIdentitySource(source) as IdentitySource);
    this.readsContext = this.sources.some((source) => source.kind === 'context');
    // AUTH-30: the gateway waits 10 s for an authorizer, on its clock.
    this.integration = lambdaIntegration({ type: 'AWS_PROXY', invoker, functionName: model.function, timeoutMs: HTTP_AUTHORIZER_TIMEOUT_MS, clock });
    const caches = model.authorizerResultTtlInSeconds > 0 && this.sources.length > 0;
    this.cache = caches ? new AuthorizerResultCache(model.authorizerResultTtlInSeconds, clock) : undefined;
  }

  async authorize(request: AuthorizationRequest): Promise<AuthorizationVerdict> {
    const { model, clock } = this.options;
    const values = identitySourceValues(this.sources, identityRequestOf(request, this.readsContext));
    // AUTH-30: a missing or empty source is a 401 without invoking the authorizer.
    if (values === undefined) return UNAUTHORIZED;
    const routeArn = routeArnOf(this.options.region, request);
    // GEN-5: a route ARN over 1600 bytes (long path parameters) is refused before the authorizer runs.
    if (Buffer.byteLength(routeArn, 'utf8') > MAX_ROUTE_ARN_BYTES) return URI_TOO_LONG;
    // AUTH-35: one key per tuple of values, for every route; `$context.routeKey` as a source makes it per route.
    const key = this.cache && AuthorizerResultCache.keyOf(values);
    let result = key === undefined ? undefined : this.cache?.get(key);
    // UNVERIFIED: a cached result reports an integrationLatency of 0.
    let latencyMs = 0;
    if (result === undefined) {
      const event =
        model.authorizerPayloadFormatVersion === '2.0' ? authorizerEventV2(request, routeArn, values) : authorizerEventV1(request, routeArn, values);
      const startedAt = clock.now();
      const outcome = await this.integration.call(event);
      latencyMs = clock.now() - startedAt;
      const checked = checkHttpAuthorizerOutcome(outcome, {
        payloadFormatVersion: model.authorizerPayloadFormatVersion,
        enableSimpleResponses: model.enableSimpleResponses,
      });
      if (checked.kind === 'unauthorized') return UNAUTHORIZED;
      if (checked.kind === 'failure') {
        this.options.log.warn(`authorizer "${model.name}" of HTTP API ${this.options.apiName}, request ${request.facts.requestId}: ${checked.problem}`);
        return INTERNAL_ERROR;
      }
      result = checked.result;
      if (key !== undefined) this.cache?.set(key, result);
    }
    // AUTH-33, AUTH-35: a cached policy is evaluated again for this route's ARN.
    if (!httpAuthorizerAllows(result, routeArn)) return FORBIDDEN;
    const allowed = result;
    return { kind: 'allow', authorizer: (payloadFormatVersion) => integrationAuthorizer(allowed, payloadFormatVersion, latencyMs) };
  }
}

/** GEN-5: the longest method or route ARN a Lambda authorizer is given. */
export const MAX_ROUTE_ARN_BYTES = 1600;

// UNVERIFIED: the body; AWS's guide says only "414 Request URI too long".
const URI_TOO_LONG: AuthorizationVerdict = {
  kind: 'deny',
  response: { statusCode: 414, headers: [['content-type', 'application/json']], body: Buffer.from('{"message":"Request URI too long"}') },
};
const UNAUTHORIZED: AuthorizationVerdict = { kind: 'deny', response: GATEWAY_RESPONSES.unauthorized() };
const FORBIDDEN: AuthorizationVerdict = { kind: 'deny', response: GATEWAY_RESPONSES.forbidden() };
const INTERNAL_ERROR: AuthorizationVerdict = { kind: 'deny', response: GATEWAY_RESPONSES.internalError() };

/**
 * AUTH-34: 2.0 integrations get `{ lambda: context }` with JSON types kept (`null` without a context); 1.0 ones the
 * context stringified, the principalId and the authorizer's latency.
 */
export function integrationAuthorizer(result: HttpAuthorizerResult, payloadFormatVersion: '1.0' | '2.0', latencyMs: number): Record<string, unknown> {
  if (payloadFormatVersion === '2.0') return { lambda: result.context };
  const authorizer: Record<string, unknown> = {};
  // UNVERIFIED: objects and arrays of a 2.0 authorizer's context reach 1.0 integrations as JSON text.
  for (const [name, value] of Object.entries(result.context ?? {}))
    authorizer[name] = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  authorizer.principalId = result.kind === 'policy' ? result.principalId : '';
  authorizer.integrationLatency = latencyMs;
  return authorizer;
}
