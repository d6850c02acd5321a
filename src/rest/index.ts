export { mapResponseParameters, passthroughEvent, selectIntegrationResponse } from './custom-integration.ts';
export { GATEWAY_RESPONSE_TYPE_NAMES, GATEWAY_RESPONSE_TYPES } from './gateway-response-types.ts';
export { defaultGatewayResponse, type GatewayError, gatewayResponder } from './gateway-responses.ts';
export { restCustomAnswer, restProxyAnswer } from './outcome.ts';
export { REST_ERRORS } from './responses.ts';
export { createRestApi, type RestRuntimeOptions } from './runtime.ts';
export { type UsagePlanMeter, usagePlanMeter } from './usage-plans.ts';
