export { FunctionDefinition, type FunctionOptions, fn } from './function.ts';
export { isServiceDefinition, ServiceDefinition, type ServiceOptions, service } from './service.ts';
export { TableDefinition, type TableOptions, table } from './table.ts';
export {
  type ConnectionTableOptions,
  type RouteOptions,
  WebSocketApiDefinition,
  type WebSocketApiOptions,
  type WebSocketRouteKey,
  websocketApi,
} from './websocket-api.ts';
