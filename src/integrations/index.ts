export type { Integration, IntegrationOutcome, IntegrationType } from './contract.ts';
export { TIMED_OUT } from './contract.ts';
export { type LambdaIntegrationOptions, lambdaIntegration, outcomeOfInvocation } from './lambda.ts';
