export { ApiKeyDefinition, type ApiKeyOptions, apiKey } from './api-key.ts';
export { FunctionDefinition, type FunctionOptions, fn } from './function.ts';
export {
  HttpApiDefinition,
  type HttpApiOptions,
  type HttpProxyRouteOptions,
  type HttpRouteKey,
  type HttpRouteOptions,
  httpApi,
  type JwtAuthorizerOptions,
  localIssuer,
} from './http-api.ts';
export {
  type GatewayResponseOptions,
  type RequestValidatorOptions,
  RestApiDefinition,
  type RestApiOptions,
  type RestAuthorizerOptions,
  type RestCognitoAuthorizerOptions,
  type RestHttpOptions,
  type RestIntegrationResponseOptions,
  type RestMethodOptions,
  type RestMockOptions,
  RestResourceDefinition,
  restApi,
} from './rest-api.ts';
export type { RestCorsOptions } from './rest-cors.ts';
export { isServiceDefinition, ServiceDefinition, type ServiceOptions, service } from './service.ts';
export { SiteDefinition, site } from './site.ts';
export { TableDefinition, type TableOptions, table } from './table.ts';
export { UsagePlanDefinition, type UsagePlanOptions, usagePlan } from './usage-plan.ts';
export {
  type ConnectionTableOptions,
  type ConnectRouteOptions,
  type RouteOptions,
  WebSocketApiDefinition,
  type WebSocketApiOptions,
  type WebSocketRouteKey,
  websocketApi,
} from './websocket-api.ts';
