export { type BuiltFunction, buildFunction } from './build.ts';
export { INTEGRATION_TIMEOUT, type IntegrationResult, invokeWithin } from './integration-timeout.ts';
export type { InvocationOutcome, Invoker, LambdaError } from './invoker.ts';
export { createLambdaService, type LambdaServiceOptions } from './service.ts';
