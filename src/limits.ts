/**
 * AWS quotas the gateway enforces, one table, each with its source.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
 */
export const WEBSOCKET_LIMITS = {
  /** WS-80: one frame. */
  maxFrameBytes: 32 * 1024,
  /** WS-80: one message, all fragments reassembled. */
  maxMessageBytes: 128 * 1024,
  /** WS-82: no data message in either direction for this long closes the connection. */
  idleTimeoutMs: 10 * 60 * 1000,
  /** WS-83: every connection is closed this long after it was accepted. */
  maxConnectionDurationMs: 2 * 60 * 60 * 1000,
  /** WS-72: new connections per second for the account and region. */
  newConnectionsPerSecond: 500,
  /** WS-72: URL length of the upgrade request. */
  maxUrlLength: 4096,
} as const;

export type WebSocketLimits = { -readonly [K in keyof typeof WEBSOCKET_LIMITS]: number };

/** WS-71: the integration timeout a route may set, and its default. */
export const INTEGRATION_TIMEOUT_RANGE_MS = { min: 50, max: 29_000, default: 29_000 } as const;

/** HTTP-70: the integration timeout an HTTP API route may set, and its default. */
export const HTTP_INTEGRATION_TIMEOUT_RANGE_MS = { min: 50, max: 30_000, default: 30_000 } as const;

/** AUTH-30: how long an HTTP API waits for its Lambda authorizer. */
export const HTTP_AUTHORIZER_TIMEOUT_MS = 10_000;

/** HTTP-70: request body size. */
export const HTTP_MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * RT-9, HTTP-70 Choice: Lambda's synchronous invocation payload (the event), 6 MB; also applied to Lambda routes.
 * https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html ("For synchronous invocations, the maximum payload size is 6 MB.");
 * Lambda's refusal names it: "… byte payload is too large for the RequestResponse invocation type (limit 6291456 bytes)".
 */
export const LAMBDA_MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

/**
 * RT-9: the event of an asynchronous (`Event`) invocation, 1 MB (raised from 256 KB).
 * https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html ("For asynchronous invocations, the maximum payload size is 1 MB.")
 */
export const LAMBDA_MAX_ASYNC_PAYLOAD_BYTES = 1024 * 1024;

/**
 * RT-8: a synchronous invocation's response. The quota says 6 MB; the byte count is the one Lambda's error states:
 * "Response payload size exceeded maximum allowed payload size (6291556 bytes)." (`Function.ResponseSizeTooLarge`).
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html (invocation payload, request and response).
 * UNVERIFIED: whether the 100 bytes over 6 MiB are a margin for framing; the limit applies to the result's JSON here.
 */
export const LAMBDA_MAX_RESPONSE_BYTES = 6_291_556;

/** CONN-10: the SDK model caps PostToConnection data at 128 KB. */
export const MAX_POST_TO_CONNECTION_BYTES = 131_072;

/** WS-72: per API. */
export const MAX_ROUTES_PER_API = 300;

/** Lambda: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const LAMBDA_LIMITS = {
  timeoutSeconds: { min: 1, max: 900, default: 3 },
  memoryMb: { min: 128, max: 10_240, default: 128 },
} as const;

/**
 * HTTP-80: a `$request.body.<path>` mapping reads at most this much of the body (truncated, then parsed).
 * Source: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
 */
export const PARAMETER_MAPPING_MAX_BODY_BYTES = 100 * 1024;

/** The retention periods CloudWatch Logs accepts for a log group (AWS::Logs::LogGroup RetentionInDays), in days. */
export const LOG_RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
