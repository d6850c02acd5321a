/** checkTemplate: a template checked against CloudFormation's rules and AWS's resource specification before anything is uploaded. */
import { ConfigError } from '../../errors.ts';
import type { CfnTemplate } from '../synth/template.ts';
import { checkDependencyCycles } from './dependency-cycles.ts';
import { IssueList, type TemplateIssue } from './issues.ts';
import { checkReferences } from './references.ts';
import { checkResources } from './resources.ts';
import { section, type TemplateBody, templateFacts } from './template-facts.ts';
import { checkTemplateShape, type TemplateDelivery } from './template-shape.ts';

export interface TemplateCheckOptions {
  /** The template's file; every issue names it. */
  source: string;
  /** @default 's3': provision uploads the template to the artifact bucket, so the 1 MB limit applies. */
  delivery?: TemplateDelivery;
  /** The exact text that will be sent, for the size limit. @default the template as compact JSON */
  body?: string;
}

/** Every issue of the template: its shape and quotas, then each resource, then references, then dependency cycles. */
export function checkTemplate(template: CfnTemplate | TemplateBody, options: TemplateCheckOptions): TemplateIssue[] {
  const issues = new IssueList(options.source);
  const facts = templateFacts(template);
  checkTemplateShape(template, options.body ?? JSON.stringify(template), options.delivery ?? 's3', issues);
  checkResources(section(template, 'Resources'), facts, issues);
  checkReferences(template, facts, issues);
  checkDependencyCycles(template, facts, issues);
  return issues.issues;
}

/** Throws one ConfigError listing every issue (`source: Resources.X.Properties.Y: message`), or returns when there is none. */
export function assertTemplate(template: CfnTemplate | TemplateBody, options: TemplateCheckOptions): void {
  const issues = checkTemplate(template, options);
  if (issues.length > 0)
    throw new ConfigError(
      options.source,
      issues.map(({ path, message }) => ({ path, message })),
    );
}
