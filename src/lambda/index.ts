export { type BuiltFunction, buildFunction, parseHandler } from './build.ts';
export type { InvocationOutcome, Invoker, LambdaError } from './invoker.ts';
export { type LambdaServiceOptions, createLambdaService } from './service.ts';
