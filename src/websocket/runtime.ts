/** A WebSocket API at run time: upgrades, `$connect` gating, message dispatch, route responses, `$disconnect`. */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { type WebSocket, WebSocketServer } from 'ws';
import type { ConnectionInfo, ConnectionPort, PostResult } from '../connections/port.ts';
import { compileSelectionExpression, type SelectionExpression, selectRoute } from '../expressions/index.ts';
import type { Clock } from '../internal/clock.ts';
import { createDomainNameOf, type DomainNameOf } from '../internal/domain-name.ts';
import type { Ids } from '../internal/ids.ts';
import type { Log } from '../internal/log.ts';
import { normaliseIp, traceHeader } from '../internal/net.ts';
import { ACCEPTED_UPGRADE_STATUS } from '../internal/request-lines.ts';
import { INTEGRATION_TIMEOUT, type IntegrationResult, invokeWithin } from '../lambda/integration-timeout.ts';
import type { Invoker } from '../lambda/invoker.ts';
import type { WebSocketLimits } from '../limits.ts';
import type { WebSocketApiModel, WebSocketRouteModel } from '../model/types.ts';
import { TokenBucket } from '../throttle/token-bucket.ts';
import { type CloseCause, clientCloseCause, GATEWAY_CLOSES } from './close-codes.ts';
import { Connection, MAX_BUFFERED_BYTES } from './connection.ts';
import { errorFrame, FRAME_MESSAGES, type FrameMessage } from './error-frames.ts';
import { type ConnectionFacts, connectEvent, disconnectEvent, messageEvent } from './events.ts';
import { installFrameLimit } from './frame-limit.ts';
import { isValidUpgrade, protocolFromConnectResult, refuseUpgrade } from './handshake.ts';

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
}

const LOOPBACK_DOMAIN_NAMES: DomainNameOf = createDomainNameOf({ host: '127.0.0.1', aliases: [], networkHosts: [] });

/** The protocol a `$connect` result asked to relay, carried from the decision to ws's `headers` event. */
const RELAYED_PROTOCOL = Symbol('hoplite.relayedProtocol');
type UpgradeRequest = IncomingMessage & { [RELAYED_PROTOCOL]?: string };

/** How long shutdown waits for clients to answer the close frame and for `$disconnect` to finish. */
const SHUTDOWN_GRACE_MS = 3_000;

const JSON_FORBIDDEN = '{"message":"Forbidden"}';

function ignore(): void {}

/** WS-22: an expression that reads nothing from the body gives every message the same key; likely a mistake, so said once at start. */
export function constantSelectionWarning(apiName: string, selection: SelectionExpression): string {
  return `WebSocket API ${apiName}: routeSelectionExpression "${selection.source}" has no $request.body reference, so every message selects the route key "${selection.evaluate('')}"`;
}

export class WebSocketRuntime implements ConnectionPort {
  private readonly options: WebSocketRuntimeOptions;
  private readonly server: WebSocketServer;
  private readonly connections = new Map<string, Connection>();
  /** Ids handed out, open or still in `$connect`: GEN-1 never reuses one. */
  private readonly issuedIds = new Set<string>();
  private readonly routes = new Map<string, WebSocketRouteModel>();
  private readonly routeKeys: ReadonlySet<string>;
  private readonly selection: SelectionExpression;
  private readonly connectRate: TokenBucket;
  /** THR-2: one bucket per route with throttling settings (its own, else the stage's). */
  private readonly routeBuckets = new Map<string, TokenBucket>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Asked of the log once per route: a route nobody logs builds no request line. */
  private readonly loggedRoutes = new Map<string, boolean>();
  private readonly logsUnrouted: boolean;
  private closing = false;

  constructor(options: WebSocketRuntimeOptions) {
    this.options = options;
    for (const route of options.api.routes) {
      this.routes.set(route.key, route);
      this.loggedRoutes.set(route.key, options.log.wantsRequestLines(route.function));
    }
    this.logsUnrouted = options.log.wantsRequestLines(undefined);
    this.routeKeys = new Set(this.routes.keys());
    this.selection = compileSelectionExpression(options.api.routeSelectionExpression);
    if (!this.selection.readsBody) options.log.warn(constantSelectionWarning(options.api.name, this.selection));
    this.connectRate = new TokenBucket(options.limits.newConnectionsPerSecond, options.limits.newConnectionsPerSecond, options.clock);
    for (const route of options.api.routes) {
      const throttling = route.throttling ?? options.api.stage.throttling;
      if (throttling) this.routeBuckets.set(route.key, new TokenBucket(throttling.rateLimit, throttling.burstLimit, options.clock));
    }
    this.server = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      clientTracking: false,
      maxPayload: options.limits.maxMessageBytes,
      // WS-15: the gateway never picks a subprotocol itself; `$connect` decides (see the headers hook).
      handleProtocols: () => false,
    });
    this.server.on('headers', (headers, request: UpgradeRequest) => {
      const protocol = request[RELAYED_PROTOCOL];
      if (protocol) headers.push(`Sec-WebSocket-Protocol: ${protocol}`);
    });
  }

  get openConnectionCount(): number {
    return this.connections.size;
  }

  /** WS-3: the upgrade stays pending while `$connect` runs; the client gets 101 or the status it decided. */
  async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', ignore);
    const { api, limits, clock, ids } = this.options;
    const url = request.url ?? '/';
    if (this.closing) return this.refuse(request, socket, 503, '{"message":"Service Unavailable"}');
    // WS-72. UNVERIFIED: status for an over-long URL.
    if (url.length > limits.maxUrlLength) return this.refuse(request, socket, 414, '{"message":"Request-URI Too Long"}');
    const queryAt = url.indexOf('?');
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
    // WS-1: the stage is the only path segment.
    if (pathname !== `/${api.stage.name}`) return this.refuse(request, socket, 403, JSON_FORBIDDEN);
    if (!isValidUpgrade(request.method, request.headers)) return this.refuse(request, socket, 400, '{"message":"Bad Request"}');
    // WS-72. UNVERIFIED: body of the 429.
    if (!this.connectRate.take()) return this.refuse(request, socket, 429, '{"message":"Too Many Requests"}');

    const facts: ConnectionFacts = {
      connectionId: this.newConnectionId(),
      connectedAt: clock.now(),
      sourceIp: normaliseIp(request.socket.remoteAddress),
      userAgent: request.headers['user-agent'],
      domainName: (this.options.domainNameOf ?? LOOPBACK_DOMAIN_NAMES)(request.headers.host, request.socket.localPort ?? 0),
      stage: api.stage.name,
      apiId: this.options.apiId,
      stageVariables: Object.keys(api.stage.variables).length > 0 ? api.stage.variables : undefined,
    };

    const connectRoute = this.routes.get('$connect');
    if (!connectRoute) return this.accept(request as UpgradeRequest, socket, head, facts, undefined);

    let clientLeft = false;
    socket.once('close', () => {
      clientLeft = true;
    });
    const event = connectEvent(
      facts,
      {
        rawHeaders: request.rawHeaders,
        rawQuery: queryAt === -1 ? '' : url.slice(queryAt + 1),
        localPort: request.socket.localPort ?? 0,
        secure: Boolean((request.socket as TLSSocket).encrypted),
        traceId: traceHeader(facts.connectedAt, ids),
      },
      ids.gatewayId(),
      clock.now(),
    );
    const result = await this.runIntegration(connectRoute, event);
    if (result === INTEGRATION_TIMEOUT) return this.refuseConnect(facts, socket, 504, '{"message": "Endpoint request timed out"}');
    // WS-12: a function error or an unusable result.
    if (result.kind !== 'ok') return this.refuseConnect(facts, socket, 502, '{"message": "Internal server error"}');
    const payload = result.payload as { statusCode?: unknown; headers?: unknown } | null;
    const statusCode = typeof payload === 'object' && payload !== null ? payload.statusCode : undefined;
    if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
      return this.refuseConnect(facts, socket, 502, '{"message": "Internal server error"}');
    }
    // WS-11: the client sees exactly the status the handler chose; no `$disconnect` follows.
    if (statusCode < 200 || statusCode > 299) return this.refuseConnect(facts, socket, statusCode, '');
    if (clientLeft || socket.destroyed) {
      // `$connect` succeeded but the client is gone: WS-50 still owes it one `$disconnect`.
      this.issuedIds.delete(facts.connectionId);
      this.dispatchDisconnect(facts, clientCloseCause(1006, ''));
      return;
    }
    // WS-13: only Sec-WebSocket-Protocol is relayed from the result.
    this.accept(request as UpgradeRequest, socket, head, facts, protocolFromConnectResult(payload?.headers), true);
  }

  // ConnectionPort, used by the @connections API.

  post(connectionId: string, data: Buffer): PostResult {
    const connection = this.connections.get(connectionId);
    if (!connection?.isOpen) return 'gone';
    if (connection.bufferedBytes > MAX_BUFFERED_BYTES) return 'limit';
    connection.send(data, this.options.clock.now());
    return 'ok';
  }

  describe(connectionId: string): ConnectionInfo | undefined {
    const connection = this.connections.get(connectionId);
    if (!connection?.isOpen) return undefined;
    const { facts } = connection;
    const info: ConnectionInfo = { connectedAt: facts.connectedAt, lastActiveAt: connection.lastActiveAt, sourceIp: facts.sourceIp };
    if (facts.userAgent !== undefined) info.userAgent = facts.userAgent;
    return info;
  }

  disconnect(connectionId: string): boolean {
    const connection = this.connections.get(connectionId);
    if (!connection?.isOpen) return false;
    connection.close(GATEWAY_CLOSES.deletedByBackend);
    return true;
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
    const grace = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
    await Promise.race([Promise.all(closed), grace]);
    for (const connection of this.connections.values()) connection.terminate();
    await Promise.race([Promise.all([...this.inFlight]), grace]);
    this.server.close();
  }

  private accept(request: UpgradeRequest, socket: Duplex, head: Buffer, facts: ConnectionFacts, protocol: string | undefined, connected = false): void {
    if (protocol) request[RELAYED_PROTOCOL] = protocol;
    let opened = false;
    // ws completes or refuses the upgrade synchronously.
    this.server.handleUpgrade(request, socket, head, (ws) => {
      opened = true;
      this.open(ws, facts);
    });
    if (opened) return;
    this.issuedIds.delete(facts.connectionId);
    // isValidUpgrade refuses first what ws would refuse; should ws refuse anyway, a `$connect` that succeeded still owes its `$disconnect` (WS-50).
    if (connected) this.dispatchDisconnect(facts, clientCloseCause(1006, ''));
  }

  /** Refused before a connection id was handed out. */
  private refuse(request: IncomingMessage, socket: Duplex, status: number, body: string): void {
    if (this.connectLogged) this.logConnect(undefined, normaliseIp(request.socket.remoteAddress), status);
    refuseUpgrade(socket, status, body);
  }

  private refuseConnect(facts: ConnectionFacts, socket: Duplex, status: number, body: string): void {
    this.issuedIds.delete(facts.connectionId);
    if (this.connectLogged) this.logConnect(facts.connectionId, facts.sourceIp, status);
    refuseUpgrade(socket, status, body);
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

  private open(ws: WebSocket, facts: ConnectionFacts): void {
    const { clock, limits } = this.options;
    const connection = new Connection(ws, facts, limits, clock.now(), (timedOut, cause) =>
      timedOut.close(cause === 'idle' ? GATEWAY_CLOSES.idleTimeout : GATEWAY_CLOSES.maxDurationReached),
    );
    this.connections.set(facts.connectionId, connection);
    if (this.connectLogged) this.logConnect(facts.connectionId, facts.sourceIp, ACCEPTED_UPGRADE_STATUS);
    installFrameLimit(ws, limits.maxFrameBytes);
    ws.on('message', (data: Buffer, isBinary: boolean) => this.guard(() => this.onMessage(connection, data, isBinary)));
    ws.on('error', (error: Error & { code?: string }) => {
      // ws closes the socket itself after a protocol error; remember why for `$disconnect`.
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') connection.markClosedBy(GATEWAY_CLOSES.messageTooBig);
      else connection.markClosedBy({ code: closeCodeOf(error), reason: error.message });
    });
    ws.once('close', (code: number, reason: Buffer) => this.guard(() => this.onClose(connection, code, reason.toString())));
    if (this.closing) connection.close(GATEWAY_CLOSES.gatewayShutdown);
  }

  private onMessage(connection: Connection, data: Buffer, isBinary: boolean): void {
    // WS-81: binary frames are not supported.
    if (isBinary) {
      connection.close(GATEWAY_CLOSES.binaryNotSupported);
      return;
    }
    if (!connection.isOpen) return;
    const { clock, ids } = this.options;
    const now = clock.now();
    connection.touch(now);
    const text = data.toString('utf8');
    const requestId = ids.gatewayId();
    const routeKey = selectRoute(this.selection, text, this.routeKeys);
    // WS-25: no route and no `$default`.
    if (routeKey === undefined) {
      if (this.logsUnrouted) this.logMessage(connection, undefined, undefined, FRAME_MESSAGES.noRoute);
      connection.send(errorFrame(FRAME_MESSAGES.noRoute, connection.id, requestId), now);
      return;
    }
    // WS-48, THR-4: a throttled message reaches no integration; the connection stays open.
    if (this.routeBuckets.get(routeKey)?.take() === false) {
      if (this.loggedRoutes.get(routeKey)) this.logMessage(connection, routeKey, undefined, FRAME_MESSAGES.throttled);
      connection.send(errorFrame(FRAME_MESSAGES.throttled, connection.id, requestId), now);
      return;
    }
    const route = this.routes.get(routeKey) as WebSocketRouteModel;
    const event = messageEvent(connection.facts, routeKey, text, ids.gatewayId(), requestId, now);
    this.track(this.runIntegration(route, event).then((result) => this.respond(connection, route, result, requestId)));
  }

  /** WS-40..46: what the client receives after a message's integration finished. */
  private respond(connection: Connection, route: WebSocketRouteModel, result: IntegrationResult, requestId: string): void {
    const reply = routeReply(route, result, this.options.limits.maxMessageBytes);
    if (this.loggedRoutes.get(route.key)) this.logMessage(connection, route.key, route.function, connection.isOpen ? reply.frame : undefined);
    if (!connection.isOpen) return;
    const now = this.options.clock.now();
    if (reply.frame) connection.send(errorFrame(reply.frame, connection.id, requestId), now);
    else if (reply.body !== undefined) connection.send(reply.body, now);
  }

  private onClose(connection: Connection, code: number, reason: string): void {
    connection.stopTimers();
    this.connections.delete(connection.id);
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
    this.track(this.runIntegration(route, event).then(ignore));
  }

  /** GEN-11: the gateway stops waiting at the integration timeout; a late result is discarded. */
  private runIntegration(route: WebSocketRouteModel, event: unknown): Promise<IntegrationResult> {
    return invokeWithin(this.options.invoker, route.function, event, route.integrationTimeoutMs);
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

/**
 * What a message's integration result sends: an error frame (WS-45, WS-46), the route response body (WS-41), or
 * nothing (WS-40). A body over the message limit cannot be delivered (WS-80), so it counts as an unusable result.
 * UNVERIFIED: AWS does not document a route response over 128 KB; Choice: the WS-45 frame, the connection stays open.
 */
function routeReply(route: WebSocketRouteModel, result: IntegrationResult, maxMessageBytes: number): { frame?: FrameMessage; body?: string | Buffer } {
  if (result === INTEGRATION_TIMEOUT) return { frame: FRAME_MESSAGES.integrationTimeout };
  if (result.kind !== 'ok') return { frame: FRAME_MESSAGES.handlerError };
  if (route.routeResponseSelectionExpression !== '$default') return {};
  const payload = result.payload as { body?: unknown; isBase64Encoded?: unknown } | null;
  // WS-41: only a non-empty string body is sent; statusCode does not matter.
  if (typeof payload !== 'object' || payload === null || typeof payload.body !== 'string' || payload.body === '') return {};
  const body = payload.isBase64Encoded === true ? Buffer.from(payload.body, 'base64') : payload.body;
  const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  return bytes > maxMessageBytes ? { frame: FRAME_MESSAGES.handlerError } : { body };
}

function closeCodeOf(error: Error): number {
  const code = (error as unknown as Record<symbol, unknown>)[
    Object.getOwnPropertySymbols(error).find((symbol) => symbol.description === 'status-code') as symbol
  ];
  return typeof code === 'number' ? code : 1002;
}
