/** For the checker's tests: small templates, and a template's issues as `path: message` lines. */
import { checkTemplate, type TemplateCheckOptions } from './check-template.ts';

/** A template holding the given resources (and other sections), each resource `{ Type, Properties }`. */
export function templateWith(resources: Record<string, unknown>, sections: Record<string, unknown> = {}): Record<string, unknown> {
  return { AWSTemplateFormatVersion: '2010-09-09', Description: 'test', ...sections, Resources: resources };
}

/** A Lambda function with every required property, plus `extra`. */
export function lambdaFunction(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Code: { S3Bucket: 'bundles', S3Key: 'fn.zip' },
      Role: 'arn:aws:iam::123456789012:role/fn',
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
      ...extra,
    },
  };
}

export function issueLines(template: object, options: Partial<TemplateCheckOptions> = {}): string[] {
  return checkTemplate(template, { source: 't.json', ...options }).map((issue) => `${issue.path}: ${issue.message}`);
}
