/** The @connections API's answers in AWS's wire format (CONN-20): status, `x-amzn-ErrorType`, JSON message. */
import type { GatewayResponse } from '../internal/edge/values.ts';

export type ManagementErrorType = 'BadRequestException' | 'ForbiddenException' | 'GoneException' | 'PayloadTooLargeException' | 'LimitExceededException';

const STATUS: Record<ManagementErrorType, number> = {
  BadRequestException: 400,
  ForbiddenException: 403,
  GoneException: 410,
  PayloadTooLargeException: 413,
  LimitExceededException: 429,
};

export function managementError(requestId: string, type: ManagementErrorType, message: string): GatewayResponse {
  // CONN-20 Choice: a 410 carries no body, as real GoneException responses.
  const body = type === 'GoneException' ? '' : JSON.stringify({ message });
  const headers: Array<[string, string]> = [
    ['x-amzn-RequestId', requestId],
    ['x-amzn-ErrorType', type],
  ];
  if (body) headers.push(['Content-Type', 'application/json']);
  return { statusCode: STATUS[type], headers, body: Buffer.from(body) };
}

export function managementOk(requestId: string, status: 200 | 204, json?: string): GatewayResponse {
  const headers: Array<[string, string]> = [['x-amzn-RequestId', requestId]];
  if (json !== undefined) headers.push(['Content-Type', 'application/json']);
  return { statusCode: status, headers, body: Buffer.from(json ?? '') };
}
