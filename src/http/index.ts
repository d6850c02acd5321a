export { applyCors, isPreflight, originAllowed, preflightResponse } from './cors.ts';
export { httpAnswer } from './outcome.ts';
export { type ProxyEventV1Options, proxyResultV1ToResponse, requestToProxyEventV1 } from './payload-v1.ts';
export { type ProxyEventV2, proxyResultV2ToResponse, requestToProxyEventV2 } from './payload-v2.ts';
export { type ApiFacts, type HttpRequestFacts, headerValue, queryEntries } from './request.ts';
export { GATEWAY_RESPONSES, type GatewayResponse } from './responses.ts';
export { createRouter, type RouteMatch, type Router } from './router.ts';
export { createHttpApi, type HttpRuntimeOptions } from './runtime.ts';
