/** CloudFormation and SAM templates mapped onto the ServiceModel (pure: the caller reads the file and writes inline code). */
export type { InlineCodeFile } from './context.ts';
export type { EnvironmentOverrides } from './environment-overrides.ts';
export { inlineCodeDir, SAM_LOCAL_ENVIRONMENT } from './functions.ts';
export { type TemplateModel, type TemplateModelOptions, templateModel } from './template-model.ts';
