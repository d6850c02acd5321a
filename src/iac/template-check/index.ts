/** Checking templates against CloudFormation's quotas and AWS's resource specification before they are uploaded. */
export { assertTemplate, checkTemplate, type TemplateCheckOptions } from './check-template.ts';
export type { TemplateIssue } from './issues.ts';
export { resourceSpecVersion } from './spec.ts';
export * from './template-limits.ts';
export type { TemplateDelivery } from './template-shape.ts';
