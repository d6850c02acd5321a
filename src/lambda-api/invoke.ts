/** Lambda's Invoke API (`POST /2015-03-31/functions/{name}/invocations`), so LambdaClient and `aws lambda invoke` work unchanged. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../internal/http-io.ts';
import type { Ids } from '../internal/ids.ts';
import type { Log } from '../internal/log.ts';
import type { Invoker } from '../lambda/invoker.ts';
import { LAMBDA_MAX_PAYLOAD_BYTES } from '../limits.ts';

export interface InvokeApiOptions {
  invoker: Invoker;
  ids: Ids;
  region: string;
  accountId: string;
  log: Log;
}

export interface InvokeApi {
  handle(request: IncomingMessage, response: ServerResponse): void;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
/** Lambda returns the last 4 KB of the log with `LogType: Tail`. */
const TAIL_BYTES = 4096;

/** `name`, `name:qualifier`, `123456789012:function:name` or the full ARN → the function name. */
export function functionNameOf(identifier: string): string {
  const parts = identifier.split(':');
  if (parts[0] === 'arn') return parts[6] ?? '';
  if (parts.length >= 3 && parts[1] === 'function') return parts[2] ?? '';
  return parts[0] ?? '';
}

/** `undefined` for a malformed percent-encoding (`%E0%A4%A`), which decodeURIComponent throws on. */
function decodePathSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer = ''): void {
  response.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  response.end(body);
}

function sendError(response: ServerResponse, requestId: string, status: number, type: string, message: string): void {
  send(
    response,
    status,
    { 'content-type': 'application/json', 'x-amzn-ErrorType': type, 'x-amzn-RequestId': requestId },
    JSON.stringify({ Type: 'User', message }),
  );
}

function tail(lines: readonly string[] | undefined): string {
  const text = Buffer.from((lines ?? []).map((line) => `${line}\n`).join(''));
  return text.subarray(Math.max(0, text.length - TAIL_BYTES)).toString('base64');
}

export function createInvokeApi(options: InvokeApiOptions): InvokeApi {
  const { invoker } = options;
  const arnOf = (name: string) => `arn:aws:lambda:${options.region}:${options.accountId}:function:${name}`;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0] as string;
    const match = INVOKE_PATH.exec(path);
    const requestId = options.ids.uuid();
    if (!match || request.method !== 'POST') {
      request.resume();
      return sendError(response, requestId, 404, 'UnknownOperationException', `No operation at ${request.method} ${path}; this endpoint serves Invoke only`);
    }
    const identifier = decodePathSegment(match[1] as string);
    if (identifier === undefined) {
      request.resume();
      // UNVERIFIED: Lambda's answer to a malformed percent-encoding in the function name.
      return sendError(response, requestId, 400, 'InvalidParameterValueException', `Malformed percent-encoding in the function name: ${match[1]}`);
    }
    const name = functionNameOf(identifier);
    if (!invoker.has(name)) {
      request.resume();
      return sendError(response, requestId, 404, 'ResourceNotFoundException', `Function not found: ${arnOf(name)}`);
    }
    const read = await readBody(request, LAMBDA_MAX_PAYLOAD_BYTES);
    if (read.kind === 'aborted') return;
    if (read.kind === 'too-large') {
      return sendError(
        response,
        requestId,
        413,
        'RequestTooLargeException',
        `Request must be smaller than ${LAMBDA_MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation`,
      );
    }
    const body = read.body;
    let event: unknown = {};
    if (body) {
      try {
        event = JSON.parse(body.toString('utf8'));
      } catch (error) {
        return sendError(response, requestId, 400, 'InvalidRequestContentException', `Could not parse request body into json: ${(error as Error).message}`);
      }
    }
    const invocationType = (request.headers['x-amz-invocation-type'] as string | undefined) ?? 'RequestResponse';
    if (invocationType === 'DryRun') return send(response, 204, { 'x-amzn-RequestId': requestId });
    if (invocationType === 'Event') {
      // Asynchronous: accepted now, run in the background; its outcome only reaches the logs.
      void invoker.invoke(name, event);
      return send(response, 202, { 'x-amzn-RequestId': requestId });
    }
    if (invocationType !== 'RequestResponse') {
      return sendError(response, requestId, 400, 'InvalidParameterValueException', `Unsupported invocation type: ${invocationType}`);
    }
    const wantsTail = request.headers['x-amz-log-type'] === 'Tail';
    const outcome = await invoker.invoke(name, event, { captureLogs: wantsTail });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-RequestId': outcome.requestId, 'x-amz-executed-version': '$LATEST' };
    if (wantsTail) headers['x-amz-log-result'] = tail(outcome.logs);
    if (outcome.kind === 'ok') return send(response, 200, headers, JSON.stringify(outcome.payload));
    if (outcome.kind === 'throttled') {
      const body = JSON.stringify({ Reason: outcome.reason, Type: 'User', message: outcome.error.errorMessage });
      return send(
        response,
        429,
        { 'content-type': 'application/json', 'x-amzn-ErrorType': 'TooManyRequestsException', 'x-amzn-RequestId': outcome.requestId },
        body,
      );
    }
    // A function error is a 200 with X-Amz-Function-Error and Lambda's error JSON.
    headers['x-amz-function-error'] = 'Unhandled';
    send(response, 200, headers, JSON.stringify(outcome.error));
  }

  return {
    handle(request, response) {
      handle(request, response).catch((error: unknown) => {
        options.log.error(`internal error in the Lambda Invoke API: ${(error as Error).stack ?? error}`);
        if (!response.headersSent) send(response, 500, { 'content-type': 'application/json' }, '{"Type":"Service","message":"internal error"}');
      });
    },
  };
}
