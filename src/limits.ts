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

/** HTTP-70: request body size. */
export const HTTP_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** HTTP-70 Choice: Lambda's synchronous payload limit applies to Lambda routes. */
export const LAMBDA_MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

/** CONN-10: the SDK model caps PostToConnection data at 128 KB. */
export const MAX_POST_TO_CONNECTION_BYTES = 131_072;

/** WS-72: per API. */
export const MAX_ROUTES_PER_API = 300;

/** Lambda: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const LAMBDA_LIMITS = {
  timeoutSeconds: { min: 1, max: 900, default: 3 },
  memoryMb: { min: 128, max: 10_240, default: 128 },
} as const;
