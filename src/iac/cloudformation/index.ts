/** Reading CloudFormation and SAM templates (YAML with short forms, or JSON) and resolving their intrinsic functions. */
export type { ResourceResolver } from './evaluation-context.ts';
export { parseParameterOverrides } from './parameter-overrides.ts';
export type { ResolvedParameter } from './parameters.ts';
export { type ParsedTemplate, parseTemplate, type TemplateFormat } from './parse-template.ts';
export { type Position, pathText, SourcePositions, type TemplatePath } from './positions.ts';
export { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, DEFAULT_STACK_NAME } from './pseudo-parameters.ts';
export { readTemplateFile } from './read-template.ts';
export type { ResolveOptions } from './resolve-options.ts';
export { resolveTemplate } from './resolve-template.ts';
export { type ResolvedOutput, type ResolvedResource, type ResolvedTemplate, SERVERLESS_TRANSFORM } from './resolved-template.ts';
export { DeferredIntrinsic, JoinedValue, ResourceReference, type Unresolved } from './values.ts';
export type { TemplateWarning } from './warnings.ts';
