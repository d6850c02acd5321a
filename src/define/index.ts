export { type FunctionOptions, FunctionDefinition, fn } from './function.ts';
export { type ServiceOptions, ServiceDefinition, isServiceDefinition, service } from './service.ts';
export { type TableOptions, TableDefinition, table } from './table.ts';
export {
  type ConnectionTableOptions,
  type RouteOptions,
  type WebSocketApiOptions,
  type WebSocketRouteKey,
  WebSocketApiDefinition,
  websocketApi,
} from './websocket-api.ts';
