/** The CloudFormation template synthesis writes: plain JSON, in the order resources were added. */

/** Any value a template holds: literals, lists, objects and intrinsic functions (`{ Ref }`, `{ 'Fn::GetAtt' }`, …). */
export type CfnValue = string | number | boolean | CfnValue[] | { [key: string]: CfnValue };

export interface CfnResource {
  Type: string;
  Properties?: Record<string, CfnValue>;
  DependsOn?: string[];
  Metadata?: Record<string, CfnValue>;
  DeletionPolicy?: 'Delete' | 'Retain' | 'Snapshot';
  UpdateReplacePolicy?: 'Delete' | 'Retain' | 'Snapshot';
}

export interface CfnParameter {
  Type: string;
  Description?: string;
  Default?: string;
}

export interface CfnOutput {
  Description?: string;
  Value: CfnValue;
  Export?: { Name: CfnValue };
}

export interface CfnTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Parameters?: Record<string, CfnParameter>;
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, CfnOutput>;
}

export const ref = (logicalId: string): CfnValue => ({ Ref: logicalId });
export const getAtt = (logicalId: string, attribute: string): CfnValue => ({ 'Fn::GetAtt': [logicalId, attribute] });
export const sub = (text: string): CfnValue => ({ 'Fn::Sub': text });

/** The template as the file synthesis writes: two-space JSON and a final newline, the same bytes for the same template. */
export const templateText = (template: CfnTemplate): string => `${JSON.stringify(template, null, 2)}\n`;
