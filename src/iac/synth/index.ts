export type { FunctionCode, SynthOptions } from './context.ts';
export { ARTIFACT_BUCKET_PARAMETER, DEFAULT_RUNTIME } from './context.ts';
export { type SynthResult, synthesize } from './synthesize.ts';
export { type CfnTemplate, type CfnValue, templateText } from './template.ts';
