/** The one place node:http meets the surfaces: IncomingMessage → request value, response value → ServerResponse. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { readBody } from '../http-io.ts';
import type { Log } from '../log.ts';
import { type BodyResult, type EdgeHandler, type EdgeRequest, type GatewayResponse, wireHeaders } from './values.ts';

export function requestFromNode(request: IncomingMessage): { value: EdgeRequest; bodyRead: () => boolean } {
  let read: Promise<BodyResult> | undefined;
  const value: EdgeRequest = {
    method: request.method ?? 'GET',
    target: request.url ?? '/',
    rawHeaders: request.rawHeaders,
    headers: request.headers,
    remoteAddress: request.socket.remoteAddress ?? '',
    localPort: request.socket.localPort ?? 0,
    secure: Boolean((request.socket as TLSSocket).encrypted),
    body: { read: (limitBytes) => (read ??= readBody(request, limitBytes)) },
  };
  return { value, bodyRead: () => read !== undefined };
}

/** Writes the value as it is, unless the client already left. */
export function writeToNode(response: ServerResponse, result: GatewayResponse): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(result.statusCode, wireHeaders(result));
  response.end(result.body);
}

/** A listener's `onRequest` for a surface: an unread body is discarded, a too-large one cut off after the answer. */
export function nodeHandler(handler: EdgeHandler, log: Log, surface: string): (request: IncomingMessage, response: ServerResponse) => void {
  const fail = (response: ServerResponse, error: unknown) => {
    // Surfaces answer their own failures; this is the last guard, as the listener's.
    log.error(`internal error in ${surface}: ${(error as Error).stack ?? error}`);
    if (response.headersSent) response.destroy();
    else writeToNode(response, { statusCode: 500, headers: [['content-type', 'application/json']], body: Buffer.from('{"message":"Internal Server Error"}') });
  };
  return (request, response) => {
    const { value, bodyRead } = requestFromNode(request);
    const write = (result: GatewayResponse | undefined) => {
      if (!result) return;
      if (!bodyRead()) request.resume();
      writeToNode(response, result);
      if (result.closeConnection) request.destroy();
    };
    let answer: ReturnType<EdgeHandler>;
    try {
      answer = handler(value);
    } catch (error) {
      return fail(response, error);
    }
    if (answer instanceof Promise) answer.then(write, (error: unknown) => fail(response, error));
    else write(answer);
  };
}
