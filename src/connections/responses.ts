/** The @connections API's answers in AWS's wire format (CONN-20): status, `x-amzn-ErrorType`, JSON message. */
import type { ServerResponse } from 'node:http';

export type ManagementErrorType = 'BadRequestException' | 'ForbiddenException' | 'GoneException' | 'PayloadTooLargeException' | 'LimitExceededException';

const STATUS: Record<ManagementErrorType, number> = {
  BadRequestException: 400,
  ForbiddenException: 403,
  GoneException: 410,
  PayloadTooLargeException: 413,
  LimitExceededException: 429,
};

export function sendError(response: ServerResponse, requestId: string, type: ManagementErrorType, message: string, closeConnection = false): void {
  // CONN-20 Choice: a 410 carries no body, as real GoneException responses.
  const body = type === 'GoneException' ? '' : JSON.stringify({ message });
  const headers: Record<string, string> = { 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': type, 'Content-Length': String(Buffer.byteLength(body)) };
  if (body) headers['Content-Type'] = 'application/json';
  if (closeConnection) headers.Connection = 'close';
  response.writeHead(STATUS[type], headers);
  response.end(body);
}

export function sendOk(response: ServerResponse, requestId: string, status: 200 | 204, json?: string): void {
  if (json === undefined) {
    response.writeHead(status, { 'x-amzn-RequestId': requestId, 'Content-Length': '0' });
    response.end();
    return;
  }
  response.writeHead(status, { 'x-amzn-RequestId': requestId, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(json)) });
  response.end(json);
}
