/** The @connections management API (CONN-1..21), served on each WebSocket API's own port. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../internal/clock.ts';
import { readBody } from '../internal/http-io.ts';
import { GATEWAY_ID_PATTERN, type Ids } from '../internal/ids.ts';
import type { Log } from '../internal/log.ts';
import { decodePercentEncoded } from '../internal/percent-decoding.ts';
import { parseAuthorization, verifySignature } from '../internal/sigv4.ts';
import { MAX_POST_TO_CONNECTION_BYTES } from '../limits.ts';
import type { ConnectionPort } from './port.ts';
import { sendError, sendOk } from './responses.ts';

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
  handle(request: IncomingMessage, response: ServerResponse): void;
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

  /** CONN-10: the body, or `undefined` once a 413 has been sent. */
  async function readPostBody(request: IncomingMessage, response: ServerResponse, requestId: string): Promise<Buffer | undefined> {
    const read = await readBody(request, MAX_POST_TO_CONNECTION_BYTES);
    if (read.kind === 'ok') return read.body ?? Buffer.alloc(0);
    if (read.kind === 'too-large') {
      sendError(response, requestId, 'PayloadTooLargeException', 'Message too long', true);
      request.destroy();
    }
    return undefined;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = ids.uuid();
    const rawPath = request.url ?? '/';
    const queryAt = rawPath.indexOf('?');
    const path = queryAt === -1 ? rawPath : rawPath.slice(0, queryAt);
    const segment = connectionSegment(path, stage);
    const method = request.method ?? '';
    // WS-1, CONN-21: anything but GET/POST/DELETE on /{stage}/@connections/{id}.
    if (segment === undefined || (method !== 'POST' && method !== 'GET' && method !== 'DELETE')) {
      request.resume();
      return sendError(response, requestId, 'ForbiddenException', FORBIDDEN);
    }
    if (refusesRemote && !isTrusted(request.socket.remoteAddress ?? '')) {
      request.resume();
      return sendError(response, requestId, 'ForbiddenException', REMOTE_CLIENT_REFUSED);
    }
    // CONN-4. UNVERIFIED: AWS's body for an unsigned request; ForbiddenException as the SDK model allows.
    const authorization = parseAuthorization(request.headers.authorization);
    if (!authorization) {
      request.resume();
      return sendError(response, requestId, 'ForbiddenException', FORBIDDEN);
    }
    let body: Buffer | undefined = Buffer.alloc(0);
    if (method === 'POST' || secrets) {
      body = await readPostBody(request, response, requestId);
      if (body === undefined) return;
    } else {
      request.resume();
    }
    if (secrets) {
      const secretAccessKey = secrets.get(authorization.accessKeyId);
      if (secretAccessKey === undefined) return sendError(response, requestId, 'ForbiddenException', 'The security token included in the request is invalid.');
      const verdict = await verifySignature({
        authorization,
        secretAccessKey,
        expectedRegion: options.region,
        method,
        rawPath,
        headers: request.headers,
        body,
        nowMs: clock.now(),
      });
      if (!verdict.ok) return sendError(response, requestId, 'ForbiddenException', verdict.message);
    }
    const connectionId = decodePercentEncoded(segment);
    if (connectionId === undefined || !GATEWAY_ID_PATTERN.test(connectionId)) {
      return sendError(response, requestId, 'BadRequestException', `Invalid connectionId: ${connectionId ?? segment}`);
    }

    if (method === 'POST') {
      const result = await port.post(connectionId, body);
      if (result === 'ok') return sendOk(response, requestId, 200);
      if (result === 'limit') return sendError(response, requestId, 'LimitExceededException', 'Too many messages are waiting for this connection');
      return sendError(response, requestId, 'GoneException', '');
    }
    if (method === 'GET') {
      const info = await port.describe(connectionId);
      if (!info) return sendError(response, requestId, 'GoneException', '');
      const identity = info.userAgent === undefined ? { sourceIp: info.sourceIp } : { sourceIp: info.sourceIp, userAgent: info.userAgent };
      return sendOk(response, requestId, 200, JSON.stringify({ connectedAt: toIso(info.connectedAt), identity, lastActiveAt: toIso(info.lastActiveAt) }));
    }
    if (await port.disconnect(connectionId)) return sendOk(response, requestId, 204);
    return sendError(response, requestId, 'GoneException', '');
  }

  // Calls name no function: asked once whether such lines are kept.
  const logged = options.log.wantsRequestLines(undefined);
  function logCall(request: IncomingMessage, response: ServerResponse): void {
    if (!response.headersSent) return;
    const segment = connectionSegment((request.url ?? '/').split('?', 1)[0] as string, stage);
    const connectionId = segment === undefined ? undefined : (decodePercentEncoded(segment) ?? segment);
    const at = { api: options.apiName, stage, epochMs: clock.now() };
    options.log.requestLine({ kind: 'connections', ...at, method: request.method ?? '', connectionId, status: response.statusCode });
  }

  return {
    handle(request, response) {
      const handled = handle(request, response).catch(() => {
        if (!response.headersSent) response.writeHead(500, { 'Content-Length': '0' });
        response.end();
      });
      if (logged) handled.then(() => logCall(request, response));
    },
  };
}
