export { type BodyCheck, type BodyProblems, type ModelCompilation, type ModelCompiler, modelCompiler } from './json-schema.ts';
export { DEFAULT_MODEL_KEY, RequestValidator, selectModel } from './request-models.ts';
