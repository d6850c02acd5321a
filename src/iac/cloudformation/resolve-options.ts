/** The options of resolution: parameter values, the stack's identity and the values that only an AWS account holds. */
import type { ResourceResolver } from './evaluation-context.ts';

export interface ResolveOptions {
  /** Parameter values as a map, or as SAM CLI's `--parameter-overrides` text (`Key=Value`, `ParameterKey=K,ParameterValue=V`). */
  parameterOverrides?: ReadonlyMap<string, string> | Readonly<Record<string, string>> | string | readonly string[];
  /** `AWS::StackName`. @default 'hoplite-local' */
  stackName?: string;
  /** `AWS::Region`. @default 'us-east-1' */
  region?: string;
  /** `AWS::AccountId`. @default '000000000000' */
  accountId?: string;
  /** `AWS::NotificationARNs`. @default [] */
  notificationArns?: readonly string[];
  /** Values for `Fn::ImportValue`, by export name. @example { 'shared-UserPoolId': 'us-east-1_abc' } */
  importValues?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** What `Fn::GetAZs` gives. @default ['<region>a', '<region>b', '<region>c'] */
  azs?: readonly string[];
  /** Values of `Ref`/`Fn::GetAtt` to resources; what it leaves undefined stays a ResourceReference. */
  resolver?: ResourceResolver;
  /**
   * Logical ids that are resources of the stack although not of this template (a serverless.yml's `resources` refer
   * to those the Framework generates: `HttpApi`, `<Name>LambdaFunction`, …); references to them stay ResourceReferences.
   */
  externalResource?: (logicalId: string) => boolean;
  /** The text of a file relative to the template's folder: `Fn::Transform` AWS::Include with a local `Location`. */
  readFile?: (path: string) => string;
}
