/** Pure builders of the CONNECT, MESSAGE and DISCONNECT events a Lambda proxy integration receives (WS-30..36). */
import { formatClfTime } from '../internal/clock.ts';
import { addValue } from '../internal/multi-value.ts';

/** What stays the same for every event of one connection (WS-33). */
export interface ConnectionFacts {
  connectionId: string;
  /** GEN-3: epoch ms when the upgrade was accepted into `$connect`. */
  connectedAt: number;
  sourceIp: string;
  userAgent: string | undefined;
  /** GEN-4: the host the client used, e.g. `127.0.0.1:3001`. */
  domainName: string;
  stage: string;
  apiId: string;
  /** WS-30: only when the stage defines variables. */
  stageVariables: Record<string, string> | undefined;
  /** AUTH-8: the key `$connect` accepted, when it required one. */
  apiKey?: { value: string; id: string } | undefined;
  /** WS-36: set when a `$connect` authorizer allowed the connection; every later event carries it. */
  authorizer?: Record<string, string>;
  /** AUTH-7: the signer of an `AWS_IAM` `$connect`; every later event carries it. */
  iam?: IamIdentity;
}

/** AUTH-7: what `requestContext.identity` says of the signer of an `AWS_IAM` upgrade. */
export interface IamIdentity {
  accessKey: string;
  accountId: string;
  caller: string;
  user: string;
  userArn: string;
}

export interface WebSocketRequestContext {
  routeKey: string;
  messageId?: string;
  disconnectStatusCode?: number;
  eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
  extendedRequestId: string;
  requestTime: string;
  messageDirection: 'IN';
  disconnectReason?: string;
  stage: string;
  connectedAt: number;
  requestTimeEpoch: number;
  identity: Partial<IamIdentity> & { apiKey?: string; apiKeyId?: string; userAgent?: string; sourceIp: string };
  requestId: string;
  domainName: string;
  connectionId: string;
  apiId: string;
  /** WS-36: principalId and the authorizer's context, stringified; `integrationLatency` on CONNECT only. */
  authorizer?: Record<string, string | number>;
}

export interface WebSocketEvent {
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  queryStringParameters?: Record<string, string>;
  multiValueQueryStringParameters?: Record<string, string[]>;
  stageVariables?: Record<string, string>;
  requestContext: WebSocketRequestContext;
  body?: string;
  isBase64Encoded: false;
}

/** The upgrade request as the gateway saw it. */
export interface UpgradeRequest {
  /** Node's `rawHeaders`: name, value, name, value… with the client's casing. */
  rawHeaders: readonly string[];
  /** The query string without `?`, or `''`. */
  rawQuery: string;
  /** Port the client connected to, for `X-Forwarded-Port`. */
  localPort: number;
  secure: boolean;
  traceId: string;
}

/** WS-30: hop-by-hop headers are not passed to the integration. */
const HOP_BY_HOP = new Set(['connection', 'upgrade']);

/** The identity every event of the connection carries. */
export function identityOf(facts: ConnectionFacts): WebSocketRequestContext['identity'] {
  // AUTH-8: the accepted key on every event of the connection, as REST events carry it. UNVERIFIED: key order.
  if (facts.iam !== undefined) return signedIdentityOf(facts, facts.iam);
  if (facts.apiKey !== undefined) return keyedIdentityOf(facts, facts.apiKey);
  // WS-33: userAgent only when the upgrade had a User-Agent header; before sourceIp, as in AWS's captured events.
  return facts.userAgent === undefined ? { sourceIp: facts.sourceIp } : { userAgent: facts.userAgent, sourceIp: facts.sourceIp };
}

/** AUTH-7: the signer first, as AWS's IAM identities list it, then the key (AUTH-8). UNVERIFIED: key order. */
function signedIdentityOf(facts: ConnectionFacts, iam: IamIdentity): WebSocketRequestContext['identity'] {
  const { apiKey, userAgent, sourceIp } = facts;
  return {
    ...iam,
    ...(apiKey === undefined ? {} : { apiKey: apiKey.value, apiKeyId: apiKey.id }),
    ...(userAgent === undefined ? {} : { userAgent }),
    sourceIp,
  };
}

function keyedIdentityOf(facts: ConnectionFacts, key: { value: string; id: string }): WebSocketRequestContext['identity'] {
  const { userAgent, sourceIp } = facts;
  return userAgent === undefined ? { apiKey: key.value, apiKeyId: key.id, sourceIp } : { apiKey: key.value, apiKeyId: key.id, userAgent, sourceIp };
}

function context(
  facts: ConnectionFacts,
  eventType: WebSocketRequestContext['eventType'],
  routeKey: string,
  requestId: string,
  requestTimeEpoch: number,
): WebSocketRequestContext {
  return {
    routeKey,
    eventType,
    extendedRequestId: requestId,
    requestTime: formatClfTime(requestTimeEpoch),
    messageDirection: 'IN',
    stage: facts.stage,
    connectedAt: facts.connectedAt,
    requestTimeEpoch,
    identity: identityOf(facts),
    requestId,
    domainName: facts.domainName,
    connectionId: facts.connectionId,
    apiId: facts.apiId,
  };
}

/** WS-30: query values are URL-decoded; a repeated key keeps its last value in the single-value map. */
export function parseQuery(rawQuery: string): { single: Record<string, string>; multi: Record<string, string[]> } | undefined {
  if (rawQuery === '') return undefined;
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    single[key] = value;
    addValue(multi, key, value);
  }
  return { single, multi };
}

/** WS-30: the CONNECT event. */
export function connectEvent(facts: ConnectionFacts, request: UpgradeRequest, requestId: string, requestTimeEpoch: number): WebSocketEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  const add = (name: string, value: string) => {
    headers[name] = value;
    addValue(multiValueHeaders, name, value);
  };
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i] as string;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || lower.startsWith('x-forwarded-') || lower === 'x-amzn-trace-id') continue;
    add(name, request.rawHeaders[i + 1] as string);
  }
  add('X-Amzn-Trace-Id', request.traceId);
  add('X-Forwarded-For', facts.sourceIp);
  add('X-Forwarded-Port', String(request.localPort));
  add('X-Forwarded-Proto', request.secure ? 'https' : 'http');

  // Built field by field to keep AWS's key order: headers, query maps, stage variables, context.
  const event = { headers, multiValueHeaders } as Partial<WebSocketEvent> as WebSocketEvent;
  const query = parseQuery(request.rawQuery);
  if (query) {
    event.queryStringParameters = query.single;
    event.multiValueQueryStringParameters = query.multi;
  }
  if (facts.stageVariables) event.stageVariables = facts.stageVariables;
  event.requestContext = context(facts, 'CONNECT', '$connect', requestId, requestTimeEpoch);
  event.isBase64Encoded = false;
  return event;
}

/** WS-31: the MESSAGE event; `body` is the message text exactly as received. Built as one literal: it is the hot path. */
export function messageEvent(
  facts: ConnectionFacts,
  routeKey: string,
  body: string,
  messageId: string,
  requestId: string,
  requestTimeEpoch: number,
): WebSocketEvent {
  const requestContext: WebSocketRequestContext = {
    routeKey,
    messageId,
    eventType: 'MESSAGE',
    extendedRequestId: requestId,
    requestTime: formatClfTime(requestTimeEpoch),
    messageDirection: 'IN',
    stage: facts.stage,
    connectedAt: facts.connectedAt,
    requestTimeEpoch,
    identity: identityOf(facts),
    requestId,
    domainName: facts.domainName,
    connectionId: facts.connectionId,
    apiId: facts.apiId,
  };
  if (facts.authorizer) requestContext.authorizer = facts.authorizer;
  if (facts.stageVariables) return { stageVariables: facts.stageVariables, requestContext, body, isBase64Encoded: false };
  return { requestContext, body, isBase64Encoded: false };
}

/** WS-32: the DISCONNECT event, with its four synthetic headers. */
export function disconnectEvent(facts: ConnectionFacts, statusCode: number, reason: string, requestId: string, requestTimeEpoch: number): WebSocketEvent {
  const base = context(facts, 'DISCONNECT', '$disconnect', requestId, requestTimeEpoch);
  const requestContext: WebSocketRequestContext = {
    routeKey: base.routeKey,
    disconnectStatusCode: statusCode,
    eventType: base.eventType,
    extendedRequestId: base.extendedRequestId,
    requestTime: base.requestTime,
    messageDirection: base.messageDirection,
    disconnectReason: reason,
    stage: base.stage,
    connectedAt: base.connectedAt,
    requestTimeEpoch: base.requestTimeEpoch,
    identity: base.identity,
    requestId: base.requestId,
    domainName: base.domainName,
    connectionId: base.connectionId,
    apiId: base.apiId,
  };
  if (facts.authorizer) requestContext.authorizer = facts.authorizer;
  const event = {
    headers: { Host: facts.domainName, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' },
    multiValueHeaders: { Host: [facts.domainName], 'x-api-key': [''], 'X-Forwarded-For': [''], 'x-restapi': [''] },
  } as Partial<WebSocketEvent> as WebSocketEvent;
  if (facts.stageVariables) event.stageVariables = facts.stageVariables;
  event.requestContext = requestContext;
  event.isBase64Encoded = false;
  return event;
}
