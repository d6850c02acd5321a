/** Lambda's Invoke API (`POST /2015-03-31/functions/{name}/invocations`), so LambdaClient and `aws lambda invoke` work unchanged. */
import type { Clock } from '../internal/clock.ts';
import { type EdgeHandler, type EdgeRequest, type GatewayResponse, splitTarget } from '../internal/edge/values.ts';
import type { Ids } from '../internal/ids.ts';
import { stringifyJson } from '../internal/json.ts';
import type { Log } from '../internal/log.ts';
import { decodePercentEncoded } from '../internal/percent-decoding.ts';
import { eventPayloadError } from '../lambda/event-payload.ts';
import { type Invoker, type LambdaError, RESPONSE_TOO_LARGE } from '../lambda/invoker.ts';
import { LAMBDA_MAX_ASYNC_PAYLOAD_BYTES, LAMBDA_MAX_PAYLOAD_BYTES } from '../limits.ts';
import { type AccessRefusal, createInvokeAccess } from './access.ts';

export interface InvokeApiOptions {
  invoker: Invoker;
  ids: Ids;
  region: string;
  accountId: string;
  log: Log;
  clock: Clock;
  /** When set, every request must be signed (SigV4, service `lambda`) by one of these. */
  credentials?: ReadonlyArray<{ accessKeyId: string; secretAccessKey: string }>;
  /** Without credentials, clients this does not trust are refused (403) unless `allowRemote`. @default every client */
  isTrustedClient?: (address: string) => boolean;
  allowRemote?: boolean;
}

export interface InvokeApi {
  handle: EdgeHandler;
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

/**
 * The FunctionName constraint of Lambda's API reference (API_Invoke: length 1 to 170, this pattern), matched in full.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_RequestSyntax
 */
const FUNCTION_NAME_PATTERN =
  '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';
const FUNCTION_NAME = new RegExp(`^(?:${FUNCTION_NAME_PATTERN})$`);
const FUNCTION_NAME_MAX_LENGTH = 170;

/** Lambda's validation message for a FunctionName outside its constraint, or `undefined` for a valid one. */
export function functionNameViolation(identifier: string): string | undefined {
  const constraint = !FUNCTION_NAME.test(identifier)
    ? `Member must satisfy regular expression pattern: ${FUNCTION_NAME_PATTERN}`
    : identifier.length > FUNCTION_NAME_MAX_LENGTH
      ? `Member must have length less than or equal to ${FUNCTION_NAME_MAX_LENGTH}`
      : undefined;
  return constraint && `1 validation error detected: Value '${identifier}' at 'functionName' failed to satisfy constraint: ${constraint}`;
}

function send(status: number, headers: Record<string, string>, body: string | Buffer = ''): GatewayResponse {
  return { statusCode: status, headers: Object.entries(headers), body: Buffer.from(body) };
}

function sendError(requestId: string, status: number, type: string, message: string): GatewayResponse {
  return send(
    status,
    { 'content-type': 'application/json', 'x-amzn-ErrorType': type, 'x-amzn-RequestId': requestId },
    JSON.stringify({ Type: 'User', message }),
  );
}

/** A refused signature or client: AWS's `{ message }` body with `x-amzn-ErrorType`, as its front door answers. */
function sendRefusal(requestId: string, refusal: AccessRefusal): GatewayResponse {
  return send(
    refusal.status,
    { 'content-type': 'application/json', 'x-amzn-ErrorType': refusal.type, 'x-amzn-RequestId': requestId },
    JSON.stringify({ message: refusal.message }),
  );
}

/**
 * RT-9: Lambda's refusal of an event over its quota. The status, type and message are as Lambda answers;
 * UNVERIFIED: the body's shape, `{"Message": …}` as one capture shows it.
 */
function sendPayloadTooLarge(requestId: string, message: string): GatewayResponse {
  return send(
    413,
    { 'content-type': 'application/json', 'x-amzn-ErrorType': 'RequestEntityTooLargeException', 'x-amzn-RequestId': requestId },
    JSON.stringify({ Message: message }),
  );
}

/** The error JSON of a function error; Lambda's own `Function.ResponseSizeTooLarge` carries no `trace` (RT-8). */
function functionErrorBody(error: LambdaError): string {
  if (error.errorType !== RESPONSE_TOO_LARGE.errorType) return JSON.stringify(error);
  return JSON.stringify({ errorMessage: error.errorMessage, errorType: error.errorType });
}

/** Lambda's framework-level validation error: no `Type` in the body. */
function sendValidationError(requestId: string, message: string): GatewayResponse {
  // UNVERIFIED: the header carries the bare type, as the SDK reads it; the body is `{"message": …}` as AWS's errors show.
  return send(
    400,
    { 'content-type': 'application/json', 'x-amzn-ErrorType': 'ValidationException', 'x-amzn-RequestId': requestId },
    JSON.stringify({ message }),
  );
}

function tail(lines: readonly string[] | undefined): string {
  const text = Buffer.from((lines ?? []).map((line) => `${line}\n`).join(''));
  return text.subarray(Math.max(0, text.length - TAIL_BYTES)).toString('base64');
}

export function createInvokeApi(options: InvokeApiOptions): InvokeApi {
  const { invoker } = options;
  const checkAccess = createInvokeAccess({
    region: options.region,
    clock: options.clock,
    maxBodyBytes: LAMBDA_MAX_PAYLOAD_BYTES,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.isTrustedClient ? { isTrustedClient: options.isTrustedClient } : {}),
    ...(options.allowRemote ? { allowRemote: true } : {}),
  });
  const arnOf = (name: string) => `arn:aws:lambda:${options.region}:${options.accountId}:function:${name}`;

  async function handle(request: EdgeRequest): Promise<GatewayResponse | undefined> {
    const path = splitTarget(request.target).rawPath;
    const match = INVOKE_PATH.exec(path);
    const requestId = options.ids.uuid();
    if (!match || request.method !== 'POST') {
      return sendError(requestId, 404, 'UnknownOperationException', `No operation at ${request.method} ${path}; this endpoint serves Invoke only`);
    }
    const access = await checkAccess(request);
    if (access.kind === 'refused') {
      return sendRefusal(requestId, access.refusal);
    }
    // UNVERIFIED: a malformed percent-encoding (`%E0%A4%A`) is validated as the raw text, which the pattern refuses.
    const identifier = decodePercentEncoded(match[1] as string) ?? (match[1] as string);
    const violation = functionNameViolation(identifier);
    if (violation) {
      return sendValidationError(requestId, violation);
    }
    const name = functionNameOf(identifier);
    if (!invoker.has(name)) {
      return sendError(requestId, 404, 'ResourceNotFoundException', `Function not found: ${arnOf(name)}`);
    }
    const invocationType = (request.headers['x-amz-invocation-type'] as string | undefined) ?? 'RequestResponse';
    const read = access.read ?? (await request.body.read(LAMBDA_MAX_PAYLOAD_BYTES));
    if (read.kind === 'aborted') return undefined;
    const declaredBytes = Number(request.headers['content-length']);
    if (read.kind === 'too-large' && !Number.isFinite(declaredBytes)) {
      // A chunked body past the operation's limit: its size is unknown, so the operation-level refusal.
      return sendError(
        requestId,
        413,
        'RequestTooLargeException',
        `Request must be smaller than ${LAMBDA_MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation`,
      );
    }
    // RT-9: the event's quota by invocation type; DryRun is checked as the synchronous call it stands for.
    const limitBytes = invocationType === 'Event' ? LAMBDA_MAX_ASYNC_PAYLOAD_BYTES : LAMBDA_MAX_PAYLOAD_BYTES;
    const payloadBytes = read.kind === 'too-large' ? declaredBytes : (read.body?.length ?? 0);
    if (payloadBytes > limitBytes) {
      const label = invocationType === 'Event' ? 'Event' : 'RequestResponse';
      return sendPayloadTooLarge(requestId, `${payloadBytes} byte payload is too large for the ${label} invocation type (limit ${limitBytes} bytes)`);
    }
    if (read.kind === 'too-large') return undefined;
    const body = read.body;
    let event: unknown = {};
    if (body) {
      try {
        event = JSON.parse(body.toString('utf8'));
      } catch (error) {
        return sendError(requestId, 400, 'InvalidRequestContentException', `Could not parse request body into json: ${(error as Error).message}`);
      }
    }
    // Refused before an Event invocation is accepted, as Lambda parses the payload first.
    const unparsable = eventPayloadError(event);
    if (unparsable) return sendError(requestId, 400, unparsable.errorType, unparsable.errorMessage);
    if (invocationType === 'DryRun') return send(204, { 'x-amzn-RequestId': requestId });
    if (invocationType === 'Event') {
      // Asynchronous: accepted now, run in the background; its outcome only reaches the logs.
      void invoker.invoke(name, event);
      return send(202, { 'x-amzn-RequestId': requestId });
    }
    if (invocationType !== 'RequestResponse') {
      return sendError(requestId, 400, 'InvalidParameterValueException', `Unsupported invocation type: ${invocationType}`);
    }
    const wantsTail = request.headers['x-amz-log-type'] === 'Tail';
    const outcome = await invoker.invoke(name, event, { captureLogs: wantsTail });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-RequestId': outcome.requestId, 'x-amz-executed-version': '$LATEST' };
    if (wantsTail) headers['x-amz-log-result'] = tail(outcome.logs);
    if (outcome.kind === 'ok') return send(200, headers, stringifyJson(outcome.payload));
    if (outcome.kind === 'rejected') return sendError(outcome.requestId, 400, outcome.error.errorType, outcome.error.errorMessage);
    if (outcome.kind === 'throttled') {
      const body = JSON.stringify({ Reason: outcome.reason, Type: 'User', message: outcome.error.errorMessage });
      return send(429, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'TooManyRequestsException', 'x-amzn-RequestId': outcome.requestId }, body);
    }
    // A function error is a 200 with X-Amz-Function-Error and Lambda's error JSON.
    headers['x-amz-function-error'] = 'Unhandled';
    return send(200, headers, functionErrorBody(outcome.error));
  }

  return {
    handle: (request) =>
      handle(request).catch((error: unknown) => {
        options.log.error(`internal error in the Lambda Invoke API: ${(error as Error).stack ?? error}`);
        return send(500, { 'content-type': 'application/json' }, '{"Type":"Service","message":"internal error"}');
      }),
  };
}
