/** serverless.yml onto the ServiceModel: the mapping of a ServerlessService, and the ports serverless-offline uses. */
export { SERVERLESS_OFFLINE_PORTS, serverlessOfflineFirstPort } from './dev-port.ts';
export { OFFLINE_VARIABLE } from './map-environment.ts';
export { DEFAULT_HTTP_API_CORS } from './map-http-api.ts';
export { describeIssue } from './report.ts';
export { type MappedService, serverlessToModel } from './to-service-model.ts';
