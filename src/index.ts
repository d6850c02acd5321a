/** Hoplite's public API: re-exports only. */

export * from './define/index.ts';
export { type DescribeEdge, type DescribeGraph, type DescribeNode, type DescribeOptions, describeGraph, describeHtml, describeText } from './describe/index.ts';
export { ConfigError, ERRORS, type ErrorCode, HopliteError, isHopliteError } from './errors.ts';
export { type ApiEndpoint, apiIdFor, Gateway, type GatewayUrls, type LocalIssuerEndpoint, type SiteEndpoint } from './gateway.ts';
export type { Clock, Timer } from './internal/clock.ts';
export type { Ids } from './internal/ids.ts';
export { consoleLog, type Log, type LogFormat, memoryLog, type RequestLine, silentLog } from './internal/log.ts';
export { ManualClock } from './internal/manual-clock.ts';
export type { TlsMaterial } from './internal/tls.ts';
export type { InspectorEndpoint } from './lambda/inspect.ts';
export { WEBSOCKET_LIMITS, type WebSocketLimits } from './limits.ts';
export { validateService } from './model/index.ts';
export type * from './model/types.ts';
export { type Credentials, type GatewayOptions, type InspectOption, LOCAL_CREDENTIALS } from './options/index.ts';
export { type ConnectOptions, MemoryWebSocket, type ReceivedMessage, UnexpectedResponse } from './websocket/index.ts';
