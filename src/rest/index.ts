export { mapResponseParameters, passthroughEvent, selectIntegrationResponse } from './custom-integration.ts';
export { restCustomAnswer, restProxyAnswer } from './outcome.ts';
export { REST_RESPONSES } from './responses.ts';
export { createRestApi, type RestRuntimeOptions } from './runtime.ts';
