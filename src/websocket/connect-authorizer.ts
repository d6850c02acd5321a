/** AUTH-1..6: the Lambda REQUEST authorizer of a WebSocket API's `$connect`, run before its integration. */
import {
  authorizerContext,
  authorizerEvent,
  connectMethodArn,
  decideAuthorizer,
  type IdentitySource,
  missingIdentitySource,
  parseIdentitySource,
  UNAUTHORIZED,
} from '../auth/index.ts';
import { type Integration, lambdaIntegration } from '../integrations/index.ts';
import type { Clock } from '../internal/clock.ts';
import type { Log } from '../internal/log.ts';
import type { Invoker } from '../lambda/invoker.ts';
import { INTEGRATION_TIMEOUT_RANGE_MS } from '../limits.ts';
import type { WebSocketApiModel, WebSocketAuthorizerModel } from '../model/types.ts';
import type { ConnectionFacts, WebSocketEvent } from './events.ts';

/** Allowed with the `requestContext.authorizer` every event of the connection carries (WS-36), or refused (AUTH-6). */
/** `usageIdentifierKey`: what the result named as the connection's API key, for `$context.authorizer.usageIdentifierKey` (AUTH-8). */
export type Authorization =
  | { kind: 'allow'; context: Record<string, string>; latencyMs: number; usageIdentifierKey: unknown }
  | { kind: 'refuse'; status: number; body: string };

/** The gateway adds these to the upgrade's headers; the authorizer sees them as the CONNECT event does (AUTH-3). */
const ADDED_HEADERS = ['X-Amzn-Trace-Id', 'X-Forwarded-For', 'X-Forwarded-Port', 'X-Forwarded-Proto'];

export interface ConnectAuthorizerOptions {
  api: WebSocketApiModel;
  invoker: Invoker;
  clock: Clock;
  log: Log;
  region: string;
  accountId: string;
  apiId: string;
}

export class ConnectAuthorizer {
  private readonly model: WebSocketAuthorizerModel;
  private readonly sources: IdentitySource[];
  private readonly integration: Integration;
  private readonly methodArn: string;
  private readonly options: ConnectAuthorizerOptions;

  /** The `$connect` authorizer of `api`, or undefined when `$connect` has none (and pays nothing for it). */
  static of(options: ConnectAuthorizerOptions): ConnectAuthorizer | undefined {
    const route = options.api.routes.find((candidate) => candidate.key === '$connect');
    if (route?.authorizationType !== 'CUSTOM') return undefined;
    const model = options.api.authorizers?.find((authorizer) => authorizer.name === route.authorizerId);
    return model ? new ConnectAuthorizer(model, options) : undefined;
  }

  private constructor(model: WebSocketAuthorizerModel, options: ConnectAuthorizerOptions) {
    this.model = model;
    this.options = options;
    // The model's validator checked every source (AUTH-2).
    this.sources = model.identitySource.map((source) => parseIdentitySource(source) as IdentitySource);
    // UNVERIFIED: the gateway waits for an authorizer as long as for an integration; the function's own timeout applies too.
    this.integration = lambdaIntegration({
      type: 'AWS_PROXY',
      invoker: options.invoker,
      functionName: model.function,
      timeoutMs: INTEGRATION_TIMEOUT_RANGE_MS.default,
      clock: options.clock,
    });
    this.methodArn = connectMethodArn(options.region, options.accountId, options.apiId, options.api.stage.name);
  }

  /** AUTH-2 then AUTH-3..6 for one upgrade, whose CONNECT event is already built (the authorizer shares its requestContext). */
  async authorize(facts: ConnectionFacts, rawHeaders: readonly string[], connect: WebSocketEvent): Promise<Authorization> {
    const { clock, log } = this.options;
    const stageVariables = facts.stageVariables ?? {};
    const context = contextVariables(connect);
    // AUTH-2: a missing source is a 401 without invoking the authorizer.
    if (missingIdentitySource(this.sources, { rawHeaders, query: connect.queryStringParameters, stageVariables, context })) return UNAUTHORIZED_REFUSAL;
    const headers = connect.headers ?? {};
    const event = authorizerEvent({
      methodArn: this.methodArn,
      rawHeaders,
      addedHeaders: ADDED_HEADERS.map((name) => [name, headers[name] ?? ''] as const),
      query: connect.queryStringParameters ? { single: connect.queryStringParameters, multi: connect.multiValueQueryStringParameters ?? {} } : undefined,
      stageVariables,
      requestContext: { ...connect.requestContext },
    });
    const startedAt = clock.now();
    const outcome = await this.integration.call(event);
    const decision = decideAuthorizer(outcome, this.methodArn);
    if (decision.kind === 'allow') {
      const usageIdentifierKey = outcome.kind === 'answered' ? (outcome.payload as { usageIdentifierKey?: unknown }).usageIdentifierKey : undefined;
      return { kind: 'allow', context: authorizerContext(decision.result), latencyMs: clock.now() - startedAt, usageIdentifierKey };
    }
    if (decision.problem) log.warn(`$connect authorizer "${this.model.name}" of WebSocket API ${this.options.api.name}: ${decision.problem}`);
    return { kind: 'refuse', status: decision.status, body: decision.body };
  }
}

const UNAUTHORIZED_REFUSAL: Authorization = { kind: 'refuse', ...UNAUTHORIZED };

/** AUTH-2: the `$context` variables a `context.<name>` source can read. */
function contextVariables(connect: WebSocketEvent): Record<string, string> {
  const { requestContext } = connect;
  const variables: Record<string, string> = {
    apiId: requestContext.apiId,
    connectionId: requestContext.connectionId,
    domainName: requestContext.domainName,
    eventType: requestContext.eventType,
    extendedRequestId: requestContext.extendedRequestId,
    messageDirection: requestContext.messageDirection,
    requestId: requestContext.requestId,
    requestTime: requestContext.requestTime,
    requestTimeEpoch: String(requestContext.requestTimeEpoch),
    routeKey: requestContext.routeKey,
    stage: requestContext.stage,
    connectedAt: String(requestContext.connectedAt),
    'identity.sourceIp': requestContext.identity.sourceIp,
  };
  if (requestContext.identity.userAgent !== undefined) variables['identity.userAgent'] = requestContext.identity.userAgent;
  return variables;
}
