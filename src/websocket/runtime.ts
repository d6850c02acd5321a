/** A WebSocket API at run time: `$connect` decisions, message dispatch, route responses, `$disconnect`, on any socket. */
import { type ConnectionInfo, type ConnectionRegistry, memoryRegistry, type PostResult } from '../cluster/index.ts';
import { compileSelectionExpression, type SelectionExpression, selectRoute } from '../expressions/index.ts';
import { type Integration, type IntegrationOutcome, lambdaIntegration, type TemplatedReply } from '../integrations/index.ts';
import { type Clock, delay } from '../internal/clock.ts';
import { createDomainNameOf, type DomainNameOf } from '../internal/domain-name.ts';
import type { Ids } from '../internal/ids.ts';
import type { Log } from '../internal/log.ts';
import { normaliseIp, traceHeader } from '../internal/net.ts';
import { ACCEPTED_UPGRADE_STATUS } from '../internal/request-lines.ts';
import type { Invoker } from '../lambda/invoker.ts';
import type { WebSocketLimits } from '../limits.ts';
import type { WebSocketApiModel, WebSocketRouteModel } from '../model/types.ts';
import { TokenBucket } from '../throttle/token-bucket.ts';
import { type BodyCheck, modelCompiler, RequestValidator } from '../validation/index.ts';
import { type ApiKeyGate, apiKeyGate, type IssuedApiKey } from './api-key.ts';
import { type CloseCause, clientCloseCause, GATEWAY_CLOSES } from './close-codes.ts';
import { ConnectAuthorizer } from './connect-authorizer.ts';
import { Connection, MAX_BUFFERED_BYTES } from './connection.ts';
import { errorFrame, FRAME_MESSAGES, type FrameMessage } from './error-frames.ts';
import { type ConnectionFacts, connectEvent, disconnectEvent, identityOf, messageEvent } from './events.ts';
import { isValidUpgrade, protocolFromConnectResult } from './handshake.ts';
import { type IamGate, iamGate } from './iam-authorization.ts';
import { type IntegrationRoute, integrationRoutes, messageTemplateInputs } from './integration-routes.ts';
import { routeReply } from './route-reply.ts';
import type { PeerSocket } from './socket.ts';
import type { Admitted, UpgradeDecision, UpgradeFacts } from './upgrade.ts';

export interface WebSocketRuntimeOptions {
  api: WebSocketApiModel;
  /** GEN-4: the 10-character API id used in events. */
  apiId: string;
  invoker: Invoker;
  limits: WebSocketLimits;
  clock: Clock;
  ids: Ids;
  log: Log;
  /** GEN-4: the `domainName` for the Host a client sent. @default the names of a gateway on 127.0.0.1 */
  domainNameOf?: DomainNameOf;
  /** Where open connections are found by id (the `@connections` API asks it). @default a registry of this runtime alone */
  registry?: ConnectionRegistry;
  /** AUTH-8: the service's API keys, for a `$connect` that requires one. @default none */
  apiKeys?: readonly IssuedApiKey[];
  /** For the `$connect` authorizer's method ARN (AUTH-3). @default 'us-east-1' */
  region?: string;
  /** For the `$connect` authorizer's method ARN (AUTH-3) and an `AWS_IAM` caller's identity (AUTH-7). @default '000000000000' */
  accountId?: string;
  /** AUTH-7: the gateway's `credentials`, which an `AWS_IAM` `$connect` verifies signatures with. @default none: any well-formed signature */
  credentials?: ReadonlyArray<{ accessKeyId: string; secretAccessKey: string }>;
}

const LOOPBACK_DOMAIN_NAMES: DomainNameOf = createDomainNameOf({ host: '127.0.0.1', aliases: [], networkHosts: [] });

/** How long shutdown waits for clients to answer the close frame and for `$disconnect` to finish. */
const SHUTDOWN_GRACE_MS = 3_000;

const JSON_FORBIDDEN = '{"message":"Forbidden"}';
const INTERNAL_ERROR = '{"message": "Internal server error"}';

function ignore(): void {}

/** WS-22: an expression that reads nothing from the body gives every message the same key; likely a mistake, so said once at start. */
export function constantSelectionWarning(apiName: string, selection: SelectionExpression): string {
  return `WebSocket API ${apiName}: routeSelectionExpression "${selection.source}" has no $request.body reference, so every message selects the route key "${selection.evaluate('')}"`;
}

export class WebSocketRuntime {
  readonly registry: ConnectionRegistry;
  private readonly options: WebSocketRuntimeOptions;
  /** The connections this runtime holds the sockets of, for shutdown. */
  private readonly connections = new Map<string, Connection>();
  /** Ids handed out, open or still in `$connect`: GEN-1 never reuses one. */
  private readonly issuedIds = new Set<string>();
  private readonly routes = new Map<string, WebSocketRouteModel>();
  private readonly integrations = new Map<string, Integration>();
  private readonly routeKeys: ReadonlySet<string>;
  private readonly selection: SelectionExpression;
  private readonly connectRate: TokenBucket;
  /** THR-2: one bucket per route with throttling settings (its own, else the stage's). */
  private readonly routeBuckets = new Map<string, TokenBucket>();
  /** MAP-10: the routes that validate their messages; absent when none does, so other APIs pay nothing. */
  private readonly validators: ReadonlyMap<string, RequestValidator> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  /** Asked of the log once per route: a route nobody logs builds no request line. */
  private readonly loggedRoutes = new Map<string, boolean>();
  private readonly logsUnrouted: boolean;
  /** AUTH-8: absent unless `$connect` requires an API key. */
  private readonly apiKeyGate: ApiKeyGate | undefined;
  private closing = false;
  /** MAP-20..22: undefined when every route is a Lambda proxy. */
  private readonly integrationRoutes: Map<string, IntegrationRoute> | undefined;
  /** AUTH-1: undefined when `$connect` has no authorizer. */
  private readonly connectAuthorizer: ConnectAuthorizer | undefined;
  /** AUTH-7: undefined unless `$connect` is `AWS_IAM`. */
  private readonly iamGate: IamGate | undefined;

  constructor(options: WebSocketRuntimeOptions) {
    this.options = options;
    this.registry = options.registry ?? memoryRegistry();
    const { invoker, clock } = options;
    for (const route of options.api.routes) {
      this.routes.set(route.key, route);
      this.loggedRoutes.set(route.key, options.log.wantsRequestLines(route.function));
      // A route with an integration of its own (MAP-20..22) is built with the other integration routes.
      if (route.function === undefined || route.integration !== undefined) continue;
      // GEN-11: the gateway stops waiting at the integration timeout; a late result is discarded.
      this.integrations.set(
        route.key,
        lambdaIntegration({ type: 'AWS_PROXY', invoker, functionName: route.function, timeoutMs: route.integrationTimeoutMs, clock }),
      );
    }
    this.logsUnrouted = options.log.wantsRequestLines(undefined);
    this.apiKeyGate = apiKeyGate(options.api, this.routes.get('$connect'), options.apiKeys ?? []);
    this.routeKeys = new Set(this.routes.keys());
    this.selection = compileSelectionExpression(options.api.routeSelectionExpression);
    if (!this.selection.readsBody) options.log.warn(constantSelectionWarning(options.api.name, this.selection));
    this.connectAuthorizer = ConnectAuthorizer.of({
      api: options.api,
      invoker,
      clock,
      log: options.log,
      region: options.region ?? 'us-east-1',
      accountId: options.accountId ?? '000000000000',
      apiId: options.apiId,
    });
    this.iamGate = iamGate(this.routes.get('$connect'), {
      credentials: options.credentials,
      region: options.region ?? 'us-east-1',
      accountId: options.accountId ?? '000000000000',
      clock,
    });
    this.connectRate = new TokenBucket(options.limits.newConnectionsPerSecond, options.limits.newConnectionsPerSecond, clock);
    for (const route of options.api.routes) {
      const throttling = route.throttling ?? options.api.stage.throttling;
      if (throttling) this.routeBuckets.set(route.key, new TokenBucket(throttling.rateLimit, throttling.burstLimit, clock));
    }
    this.validators = requestValidators(options.api);
    this.integrationRoutes = integrationRoutes(options.api, { invoker, clock, warn: (message) => options.log.warn(message) });
  }

  get limits(): WebSocketLimits {
    return this.options.limits;
  }

  get openConnectionCount(): number {
    return this.connections.size;
  }

  /**
   * WS-3: decides an upgrade; the client waits while `$connect` runs and gets 101 or the status decided.
   * `hasLeft` tells whether the client went away meanwhile.
   */
  async decide(upgrade: UpgradeFacts, hasLeft: () => boolean): Promise<UpgradeDecision> {
    const { api, limits, clock, ids } = this.options;
    const { url } = upgrade;
    const sourceIp = normaliseIp(upgrade.remoteAddress);
    if (this.closing) return this.refuse(sourceIp, 503, '{"message":"Service Unavailable"}');
    // WS-72. UNVERIFIED: status for an over-long URL.
    if (url.length > limits.maxUrlLength) return this.refuse(sourceIp, 414, '{"message":"Request-URI Too Long"}');
    const queryAt = url.indexOf('?');
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
    // WS-1: the stage is the only path segment.
    if (pathname !== `/${api.stage.name}`) return this.refuse(sourceIp, 403, JSON_FORBIDDEN);
    if (!isValidUpgrade(upgrade.method, upgrade.headers)) return this.refuse(sourceIp, 400, '{"message":"Bad Request"}');
    // WS-72. UNVERIFIED: body of the 429.
    if (!this.connectRate.take()) return this.refuse(sourceIp, 429, '{"message":"Too Many Requests"}');

    const userAgent = upgrade.headers['user-agent'];
    const host = upgrade.headers.host;
    const facts: ConnectionFacts = {
      connectionId: this.newConnectionId(),
      connectedAt: clock.now(),
      sourceIp,
      userAgent: typeof userAgent === 'string' ? userAgent : undefined,
      domainName: (this.options.domainNameOf ?? LOOPBACK_DOMAIN_NAMES)(typeof host === 'string' ? host : undefined, upgrade.localPort),
      stage: api.stage.name,
      apiId: this.options.apiId,
      stageVariables: Object.keys(api.stage.variables).length > 0 ? api.stage.variables : undefined,
    };

    const connectRoute = this.routes.get('$connect');
    if (!connectRoute) return { kind: 'accept', protocol: undefined, admitted: { facts, connected: false } };
    const event = connectEvent(
      facts,
      {
        rawHeaders: upgrade.rawHeaders,
        rawQuery: queryAt === -1 ? '' : url.slice(queryAt + 1),
        localPort: upgrade.localPort,
        secure: upgrade.secure,
        traceId: traceHeader(facts.connectedAt, ids),
      },
      ids.gatewayId(),
      clock.now(),
    );
    if (this.iamGate) {
      // AUTH-7: like a refused authorizer, a refused signature never reaches `$connect` (AUTH-6).
      const signer = await this.iamGate(upgrade, queryAt === -1 ? '' : url.slice(queryAt + 1));
      if (signer.kind === 'refuse') return this.refuseConnect(facts, signer.status, signer.body);
      facts.iam = signer.identity;
      event.requestContext.identity = identityOf(facts);
    }
    let usageIdentifierKey: unknown;
    if (this.connectAuthorizer) {
      // AUTH-6: a refused authorization never reaches `$connect`, and no `$disconnect` follows.
      const authorization = await this.connectAuthorizer.authorize(facts, upgrade.rawHeaders, event);
      if (authorization.kind === 'refuse') return this.refuseConnect(facts, authorization.status, authorization.body);
      // WS-36: the context stays with the connection; the latency only on CONNECT (a choice, see the spec).
      facts.authorizer = authorization.context;
      event.requestContext.authorizer = { ...authorization.context, integrationLatency: authorization.latencyMs };
      usageIdentifierKey = authorization.usageIdentifierKey;
    }
    if (this.apiKeyGate) {
      // AUTH-8: after the authorizer, which may name the key itself. UNVERIFIED: the body of the 403.
      const key = this.apiKeyGate(upgrade.headers, this.connectAuthorizer ? { usageIdentifierKey } : undefined);
      if (key === undefined) return this.refuseConnect(facts, 403, JSON_FORBIDDEN);
      facts.apiKey = { value: key.value, id: key.id };
      event.requestContext.identity = identityOf(facts);
    }
    const outcome = await this.call(connectRoute, event);
    if (outcome.kind === 'timed-out') return this.refuseConnect(facts, 504, '{"message": "Endpoint request timed out"}');
    // WS-12: a function error or an unusable result.
    if (outcome.kind !== 'answered') return this.refuseConnect(facts, 502, INTERNAL_ERROR);
    const payload = outcome.payload as { statusCode?: unknown; headers?: unknown } | null;
    const statusCode = typeof payload === 'object' && payload !== null ? payload.statusCode : undefined;
    if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
      return this.refuseConnect(facts, 502, INTERNAL_ERROR);
    }
    // WS-11: the client sees exactly the status the handler chose; no `$disconnect` follows.
    if (statusCode < 200 || statusCode > 299) return this.refuseConnect(facts, statusCode, '');
    if (hasLeft()) {
      // `$connect` succeeded but the client is gone: WS-50 still owes it one `$disconnect`.
      this.abandon({ facts, connected: true });
      return { kind: 'gone' };
    }
    // WS-13: only Sec-WebSocket-Protocol is relayed from the result.
    return { kind: 'accept', protocol: protocolFromConnectResult(payload?.headers), admitted: { facts, connected: true } };
  }

  /** The socket could not take an accepted connection: its id is free again and a successful `$connect` still owes its `$disconnect` (WS-50). */
  abandon(admitted: Admitted): void {
    this.issuedIds.delete(admitted.facts.connectionId);
    if (admitted.connected) this.dispatchDisconnect(admitted.facts, clientCloseCause(1006, ''));
  }

  /** Opens an accepted connection on its socket and registers it, so `@connections` finds it. */
  open(socket: PeerSocket, admitted: Admitted): void {
    const { facts } = admitted;
    const { limits, clock } = this.options;
    const connection = new Connection(socket, facts, limits, clock, (timedOut, cause) =>
      timedOut.close(cause === 'idle' ? GATEWAY_CLOSES.idleTimeout : GATEWAY_CLOSES.maxDurationReached),
    );
    this.connections.set(facts.connectionId, connection);
    this.registry.register(facts.connectionId, {
      post: (data) => this.post(connection, data),
      describe: () => describe(connection),
      disconnect: () => {
        if (!connection.isOpen) return false;
        connection.close(GATEWAY_CLOSES.deletedByBackend);
        return true;
      },
    });
    if (this.connectLogged) this.logConnect(facts.connectionId, facts.sourceIp, ACCEPTED_UPGRADE_STATUS);
    socket.listen({
      message: (data, isBinary) => this.guard(() => this.onMessage(connection, data, isBinary)),
      error: (cause) => connection.markClosedBy(cause),
      close: (code, reason) => this.guard(() => this.onClose(connection, code, reason)),
    });
    if (this.closing) connection.close(GATEWAY_CLOSES.gatewayShutdown);
  }

  /** Closes every connection (1001), runs their `$disconnect`s and waits for in-flight invocations, within a grace period. */
  async close(): Promise<void> {
    this.closing = true;
    const closed = [...this.connections.values()].map(
      (connection) =>
        new Promise<void>((resolve) => {
          connection.onClosed = resolve;
          connection.close(GATEWAY_CLOSES.gatewayShutdown);
        }),
    );
    const grace = delay(this.options.clock, SHUTDOWN_GRACE_MS);
    await Promise.race([Promise.all(closed), grace]);
    for (const connection of this.connections.values()) connection.terminate();
    await Promise.race([Promise.all([...this.inFlight]), grace]);
  }

  private post(connection: Connection, data: Buffer): PostResult {
    if (!connection.isOpen) return 'gone';
    if (connection.bufferedBytes > MAX_BUFFERED_BYTES) return 'limit';
    connection.send(data);
    return 'ok';
  }

  /** Refused before a connection id was handed out. */
  private refuse(sourceIp: string, status: number, body: string): UpgradeDecision {
    if (this.connectLogged) this.logConnect(undefined, sourceIp, status);
    return { kind: 'refuse', status, body };
  }

  private refuseConnect(facts: ConnectionFacts, status: number, body: string): UpgradeDecision {
    this.issuedIds.delete(facts.connectionId);
    if (this.connectLogged) this.logConnect(facts.connectionId, facts.sourceIp, status);
    return { kind: 'refuse', status, body };
  }

  private get connectLogged(): boolean {
    return this.loggedRoutes.get('$connect') ?? this.logsUnrouted;
  }

  private logConnect(connectionId: string | undefined, sourceIp: string, status: number): void {
    const { api, clock, log } = this.options;
    log.requestLine({ kind: 'connect', api: api.name, stage: api.stage.name, epochMs: clock.now(), connectionId, sourceIp, status });
  }

  private logMessage(connection: Connection, routeKey: string | undefined, functionName: string | undefined, errorFrame: string | undefined): void {
    const { api, clock, log } = this.options;
    log.requestLine({
      kind: 'message',
      api: api.name,
      stage: api.stage.name,
      epochMs: clock.now(),
      connectionId: connection.id,
      routeKey,
      functionName,
      errorFrame,
    });
  }

  private onMessage(connection: Connection, data: Buffer, isBinary: boolean): void {
    // WS-81: binary frames are not supported.
    if (isBinary) {
      connection.close(GATEWAY_CLOSES.binaryNotSupported);
      return;
    }
    if (!connection.isOpen) return;
    const { clock, ids } = this.options;
    connection.touch();
    const text = data.toString('utf8');
    const requestId = ids.gatewayId();
    const routeKey = selectRoute(this.selection, text, this.routeKeys);
    // WS-25: no route and no `$default`.
    if (routeKey === undefined) {
      if (this.logsUnrouted) this.logMessage(connection, undefined, undefined, FRAME_MESSAGES.noRoute);
      connection.send(errorFrame(FRAME_MESSAGES.noRoute, connection.id, requestId));
      return;
    }
    // WS-48, THR-4: a throttled message reaches no integration; the connection stays open.
    if (this.routeBuckets.get(routeKey)?.take() === false) {
      if (this.loggedRoutes.get(routeKey)) this.logMessage(connection, routeKey, undefined, FRAME_MESSAGES.throttled);
      connection.send(errorFrame(FRAME_MESSAGES.throttled, connection.id, requestId));
      return;
    }
    // MAP-10, WS-47: a message its route's model rejects reaches no integration. UNVERIFIED: validation follows throttling.
    if (this.validators?.get(routeKey)?.accepts(text) === false) {
      if (this.loggedRoutes.get(routeKey)) this.logMessage(connection, routeKey, undefined, FRAME_MESSAGES.invalidBody);
      connection.send(errorFrame(FRAME_MESSAGES.invalidBody, connection.id, requestId));
      return;
    }
    const route = this.routes.get(routeKey) as WebSocketRouteModel;
    const mapped = this.integrationRoutes?.get(routeKey);
    if (mapped) {
      const inputs = messageTemplateInputs(connection.facts, routeKey, text, requestId, ids.gatewayId(), clock.now());
      this.track(mapped.respond(inputs).then((reply) => this.respondMapped(connection, route, reply, requestId)));
      return;
    }
    const event = messageEvent(connection.facts, routeKey, text, ids.gatewayId(), requestId, clock.now());
    this.track(this.call(route, event).then((outcome) => this.respond(connection, route, outcome, requestId)));
  }

  /** WS-40..46: what the client receives after a message's integration finished. */
  private respond(connection: Connection, route: WebSocketRouteModel, outcome: IntegrationOutcome, requestId: string): void {
    const reply = routeReply(route, outcome, this.options.limits.maxMessageBytes);
    if (this.loggedRoutes.get(route.key)) this.logMessage(connection, route.key, route.function, connection.isOpen ? reply.frame : undefined);
    if (!connection.isOpen) return;
    if (reply.frame) connection.send(errorFrame(reply.frame, connection.id, requestId));
    else if (reply.body !== undefined) connection.send(reply.body);
  }

  /**
   * MAP-20..22: a mapped route's reply is its route response (WS-40); a failure is WS-45's frame, a timeout WS-46's,
   * a message no request template takes the unsupported-media frame.
   */
  private respondMapped(connection: Connection, route: WebSocketRouteModel, reply: TemplatedReply, requestId: string): void {
    const frame = mappedFrame(reply);
    if (reply.kind === 'failed') {
      this.options.log.warn(`WebSocket API ${this.options.api.name}: route "${route.key}" on connection ${connection.id}: ${reply.error.errorMessage}`);
    }
    if (this.loggedRoutes.get(route.key)) this.logMessage(connection, route.key, route.function, connection.isOpen ? frame : undefined);
    if (!connection.isOpen) return;
    if (frame) connection.send(errorFrame(frame, connection.id, requestId));
    else if (reply.kind === 'reply' && route.routeResponseSelectionExpression === '$default') {
      const bytes = typeof reply.data === 'string' ? Buffer.byteLength(reply.data) : reply.data.length;
      // WS-80: a route response over the message limit cannot be delivered (as routeReply decides for proxies).
      if (bytes > this.options.limits.maxMessageBytes) connection.send(errorFrame(FRAME_MESSAGES.handlerError, connection.id, requestId));
      else connection.send(reply.data);
    }
  }

  private onClose(connection: Connection, code: number, reason: string): void {
    connection.stopTimers();
    this.connections.delete(connection.id);
    this.registry.unregister(connection.id);
    this.issuedIds.delete(connection.id);
    this.dispatchDisconnect(connection.facts, connection.closeCause ?? clientCloseCause(code, reason));
    connection.onClosed?.();
  }

  /** WS-50: exactly once per connection whose `$connect` succeeded; the result is ignored. */
  private dispatchDisconnect(facts: ConnectionFacts, cause: CloseCause): void {
    const { api, clock, log } = this.options;
    if (this.loggedRoutes.get('$disconnect') ?? this.logsUnrouted) {
      const at = { api: api.name, stage: api.stage.name, epochMs: clock.now() };
      log.requestLine({ kind: 'disconnect', ...at, connectionId: facts.connectionId, closeCode: cause.code, closeReason: cause.reason });
    }
    const route = this.routes.get('$disconnect');
    if (!route) return;
    const { ids } = this.options;
    const event = disconnectEvent(facts, cause.code, cause.reason, ids.gatewayId(), clock.now());
    this.track(this.call(route, event).then(ignore));
  }

  private call(route: WebSocketRouteModel, event: unknown): Promise<IntegrationOutcome> {
    return (this.integrations.get(route.key) as Integration).call(event);
  }

  /** An exception in a socket listener fails only that message or connection, never the process. */
  private guard(listener: () => void): void {
    try {
      listener();
    } catch (error) {
      this.options.log.error(`internal error in the WebSocket runtime: ${(error as Error).stack ?? error}`);
    }
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.options.log.error(`internal error in the WebSocket runtime: ${(error as Error).stack ?? error}`));
    this.inFlight.add(tracked);
    tracked.finally(() => this.inFlight.delete(tracked));
  }

  private newConnectionId(): string {
    let id = this.options.ids.gatewayId();
    while (this.issuedIds.has(id)) id = this.options.ids.gatewayId();
    this.issuedIds.add(id);
    return id;
  }
}

function mappedFrame(reply: TemplatedReply): FrameMessage | undefined {
  switch (reply.kind) {
    case 'failed':
      return FRAME_MESSAGES.handlerError;
    case 'timed-out':
      return FRAME_MESSAGES.integrationTimeout;
    case 'unsupported':
      return FRAME_MESSAGES.unsupportedMediaType;
    default:
      return undefined;
  }
}

/** MAP-10: each route's model selection and its models, compiled once; the model check already accepted them. */
function requestValidators(api: WebSocketApiModel): Map<string, RequestValidator> | undefined {
  const routes = api.routes.filter((route) => route.modelSelectionExpression !== undefined && route.requestModels !== undefined);
  if (routes.length === 0) return undefined;
  const compile = modelCompiler();
  const compiled = new Map<string, BodyCheck>();
  const checkOf = (name: string): BodyCheck => {
    let check = compiled.get(name);
    if (check === undefined) {
      const result = compile(api.models?.[name]?.schema);
      if (!result.ok) throw new Error(`model "${name}" of WebSocket API ${api.name} does not compile: ${result.problem}`);
      check = result.check;
      compiled.set(name, check);
    }
    return check;
  };
  const validators = new Map<string, RequestValidator>();
  for (const route of routes) {
    const models = new Map(Object.entries(route.requestModels ?? {}).map(([key, name]) => [key, checkOf(name)] as const));
    validators.set(route.key, new RequestValidator(compileSelectionExpression(route.modelSelectionExpression as string), models));
  }
  return validators;
}

function describe(connection: Connection): ConnectionInfo | undefined {
  if (!connection.isOpen) return undefined;
  const { facts } = connection;
  const info: ConnectionInfo = { connectedAt: facts.connectedAt, lastActiveAt: connection.lastActiveAt, sourceIp: facts.sourceIp };
  if (facts.userAgent !== undefined) info.userAgent = facts.userAgent;
  return info;
}
