/** The @connections management API (CONN-1..21), served on each WebSocket API's own port. */
import type { Clock } from '../internal/clock.ts';
import { type EdgeHandler, type EdgeRequest, type GatewayResponse, splitTarget } from '../internal/edge/values.ts';
import { GATEWAY_ID_PATTERN, type Ids } from '../internal/ids.ts';
import type { Log } from '../internal/log.ts';
import { decodePercentEncoded } from '../internal/percent-decoding.ts';
import { type ParsedAuthorization, parseAuthorization, verifySignature } from '../internal/sigv4.ts';
import { MAX_POST_TO_CONNECTION_BYTES } from '../limits.ts';
import type { ThrottlingModel } from '../model/types.ts';
import { TokenBucket } from '../throttle/token-bucket.ts';
import type { ConnectionPort } from './port.ts';
import { type ManagementErrorType, managementError, managementOk } from './responses.ts';

export interface ManagementApiOptions {
  /** Requests must be `/{stage}/@connections/{id}`. */
  stage: string;
  /** The WebSocket API's name, for its log lines. */
  apiName: string;
  log: Log;
  /** Expected in the SigV4 scope when verifying. */
  region: string;
  port: ConnectionPort;
  ids: Ids;
  clock: Clock;
  /** THR-1, THR-2: the WebSocket API's stage throttling; every call takes a token. Absent: calls are not throttled. */
  throttling?: ThrottlingModel;
  /** CONN-4: when set, signatures are verified against these; otherwise any well-formed SigV4 header passes. */
  credentials?: ReadonlyArray<{ accessKeyId: string; secretAccessKey: string }>;
  /**
   * Without `credentials`, clients this does not trust are refused (403) unless `allowRemote` is set: any well-formed
   * signature would pass, so anyone on the network could post to and delete connections. @default every client
   */
  isTrustedClient?: (address: string) => boolean;
  allowRemote?: boolean;
}

/** DIFF: AWS has no notion of a local client; the message says how to let this one in. */
export const REMOTE_CLIENT_REFUSED =
  'Forbidden: @connections takes requests from this machine only unless credentials are configured (then requests must be signed with them) or allowRemoteManagement (--allow-remote) is set';

export interface ManagementApi {
  /** Answers every plain (non-upgrade) request that reaches the API's port. */
  handle: EdgeHandler;
}

const FORBIDDEN = 'Forbidden';

/** `/{stage}/@connections/{id}` with `@` literal or `%40` (CONN-3); the id is still percent-encoded. */
function connectionSegment(path: string, stage: string): string | undefined {
  const prefix = `/${stage}/`;
  if (!path.startsWith(prefix)) return undefined;
  const rest = path.slice(prefix.length);
  let idStart: number;
  if (rest.startsWith('@connections/')) idStart = 13;
  else if (rest.startsWith('%40connections/')) idStart = 15;
  else return undefined;
  const segment = rest.slice(idStart);
  return segment === '' || segment.includes('/') ? undefined : segment;
}

function toIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

export function createManagementApi(options: ManagementApiOptions): ManagementApi {
  const { port, ids, clock, stage } = options;
  const secrets = options.credentials ? new Map(options.credentials.map((c) => [c.accessKeyId, c.secretAccessKey])) : undefined;
  const refusesRemote = !secrets && !options.allowRemote && options.isTrustedClient !== undefined;
  const isTrusted = options.isTrustedClient ?? (() => true);

  const bucket = options.throttling && new TokenBucket(options.throttling.rateLimit, options.throttling.burstLimit, clock);

  /** The checks that need no body answer at once (CONN-21, CONN-4 without credentials), before node reads further. */
  function answer(request: EdgeRequest): GatewayResponse | Promise<GatewayResponse | undefined> {
    const requestId = ids.uuid();
    const segment = connectionSegment(splitTarget(request.target).rawPath, stage);
    const { method } = request;
    const fail = (type: ManagementErrorType, message: string) => managementError(requestId, type, message);
    // WS-1, CONN-21: anything but GET/POST/DELETE on /{stage}/@connections/{id}.
    if (segment === undefined || (method !== 'POST' && method !== 'GET' && method !== 'DELETE')) return fail('ForbiddenException', FORBIDDEN);
    if (refusesRemote && !isTrusted(request.remoteAddress)) return fail('ForbiddenException', REMOTE_CLIENT_REFUSED);
    // THR-1, THR-4: a throttled call consumes nothing. UNVERIFIED: the message.
    if (bucket && !bucket.take()) return fail('LimitExceededException', 'Too Many Requests');
    // CONN-4. UNVERIFIED: AWS's body for an unsigned request; ForbiddenException as the SDK model allows.
    const authorization = parseAuthorization(request.headers.authorization);
    if (!authorization) return fail('ForbiddenException', FORBIDDEN);
    return act(request, requestId, segment, authorization);
  }

  async function act(request: EdgeRequest, requestId: string, segment: string, authorization: ParsedAuthorization): Promise<GatewayResponse | undefined> {
    const { method } = request;
    const fail = (type: ManagementErrorType, message: string) => managementError(requestId, type, message);
    let body: Buffer = Buffer.alloc(0);
    if (method === 'POST' || secrets) {
      // CONN-10: the connection closes after a 413: the rest of the body is never read.
      const read = await request.body.read(MAX_POST_TO_CONNECTION_BYTES);
      if (read.kind === 'aborted') return undefined;
      if (read.kind === 'too-large') return { ...fail('PayloadTooLargeException', 'Message too long'), closeConnection: true };
      body = read.body ?? body;
    }
    if (secrets) {
      const secretAccessKey = secrets.get(authorization.accessKeyId);
      if (secretAccessKey === undefined) return fail('ForbiddenException', 'The security token included in the request is invalid.');
      const verdict = await verifySignature({
        authorization,
        secretAccessKey,
        expectedRegion: options.region,
        method,
        rawPath: request.target,
        headers: request.headers,
        body,
        nowMs: clock.now(),
      });
      if (!verdict.ok) return fail('ForbiddenException', verdict.message);
    }
    const connectionId = decodePercentEncoded(segment);
    if (connectionId === undefined || !GATEWAY_ID_PATTERN.test(connectionId)) {
      return fail('BadRequestException', `Invalid connectionId: ${connectionId ?? segment}`);
    }

    if (method === 'POST') {
      const result = await port.post(connectionId, body);
      if (result === 'ok') return managementOk(requestId, 200);
      if (result === 'limit') return fail('LimitExceededException', 'Too many messages are waiting for this connection');
      return fail('GoneException', '');
    }
    if (method === 'GET') {
      const info = await port.describe(connectionId);
      if (!info) return fail('GoneException', '');
      const identity = info.userAgent === undefined ? { sourceIp: info.sourceIp } : { sourceIp: info.sourceIp, userAgent: info.userAgent };
      return managementOk(requestId, 200, JSON.stringify({ connectedAt: toIso(info.connectedAt), identity, lastActiveAt: toIso(info.lastActiveAt) }));
    }
    if (await port.disconnect(connectionId)) return managementOk(requestId, 204);
    return fail('GoneException', '');
  }

  // Calls name no function: asked once whether such lines are kept.
  const logged = options.log.wantsRequestLines(undefined);
  function logCall(request: EdgeRequest, response: GatewayResponse): void {
    const segment = connectionSegment(splitTarget(request.target).rawPath, stage);
    const connectionId = segment === undefined ? undefined : (decodePercentEncoded(segment) ?? segment);
    const at = { api: options.apiName, stage, epochMs: clock.now() };
    options.log.requestLine({ kind: 'connections', ...at, method: request.method, connectionId, status: response.statusCode });
  }

  const internalError = (): GatewayResponse => ({ statusCode: 500, headers: [], body: Buffer.alloc(0) });
  const withLine = (request: EdgeRequest, response: GatewayResponse | undefined) => {
    if (response && logged) logCall(request, response);
    return response;
  };
  return {
    handle(request) {
      let response: ReturnType<typeof answer>;
      try {
        response = answer(request);
      } catch {
        response = internalError();
      }
      if (!(response instanceof Promise)) return withLine(request, response);
      return response.catch(internalError).then((settled) => withLine(request, settled));
    },
  };
}
