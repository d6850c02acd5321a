export { type ApiBody, readApiBody, stageRelativePath } from './body.ts';
export { type ApiFacts, type ApiRuntimeSettings, apiFactsOf, type HttpRequestFacts, LOOPBACK_DOMAIN_NAMES, requestFacts } from './facts.ts';
export { type ApiSurfaceOptions, type RequestTrace, serveApi, withGatewayHeader } from './serve.ts';
