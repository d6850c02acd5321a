export { mapResponseParameters, passthroughEvent, selectIntegrationResponse } from './custom-integration.ts';
export { REST_RESPONSES } from './responses.ts';
export { RestRuntime, type RestRuntimeOptions } from './runtime.ts';
