export { type BuiltFunction, buildFunction } from './build.ts';
export type { InvocationOutcome, Invoker, LambdaError } from './invoker.ts';
export { createLambdaService, type LambdaServiceOptions } from './service.ts';
