export type { Integration, IntegrationOutcome, IntegrationType } from './contract.ts';
export { TIMED_OUT } from './contract.ts';
export { type HttpBackendAnswer, type HttpIntegrationOptions, httpIntegration, type OutboundHttpRequest } from './http.ts';
export { type LambdaIntegrationOptions, lambdaIntegration, outcomeOfInvocation } from './lambda.ts';
export { compileMockRoute, type MockIntegrationDefinition, mockIntegration } from './mock.ts';
export {
  type BackendAnswer,
  type ContentHandling,
  compileTemplatedRoute,
  type IntegrationResponseDefinition,
  TemplateDefinitionError,
  type TemplatedBackend,
  type TemplatedIntegrationDefinition,
  type TemplatedReply,
  type TemplatedRoute,
  type UnsupportedDirectiveWarning,
} from './templated-route.ts';
