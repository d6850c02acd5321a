export { HTTP_METHODS, type HttpMethod, type ParsedRouteKey, type PathSegment, parseHttpRouteKey } from './http-route-key.ts';
export { localIssuerAudiences, trustsLocalIssuer } from './local-issuer-audiences.ts';
export { namesStageVariable, resolveFunctionName } from './stage-variable-function.ts';
export type * from './types.ts';
export { validateService } from './validate.ts';
