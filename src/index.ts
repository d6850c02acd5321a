/** Hoplite's public API: re-exports only. */
export { ConfigError, type ErrorCode, ERRORS, HopliteError, isHopliteError } from './errors.ts';
export * from './define/index.ts';
export { type ApiEndpoint, Gateway, type GatewayUrls, apiIdFor } from './gateway.ts';
export type { Clock } from './internal/clock.ts';
export type { Ids } from './internal/ids.ts';
export { type Log, consoleLog, memoryLog, silentLog } from './internal/log.ts';
export type { TlsMaterial } from './internal/tls.ts';
export { WEBSOCKET_LIMITS, type WebSocketLimits } from './limits.ts';
export type * from './model/types.ts';
export { validateService } from './model/index.ts';
export { type Credentials, type GatewayOptions, LOCAL_CREDENTIALS } from './options.ts';
