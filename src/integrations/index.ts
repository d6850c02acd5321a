export type { Integration, IntegrationOutcome, IntegrationType } from './contract.ts';
export { TIMED_OUT } from './contract.ts';
export { type LambdaIntegrationOptions, lambdaIntegration, outcomeOfInvocation } from './lambda.ts';
export {
  compileMockRoute,
  type MockIntegrationDefinition,
  type MockIntegrationResponseDefinition,
  type MockReply,
  type MockRoute,
  mockIntegration,
  TemplateDefinitionError,
} from './mock.ts';
