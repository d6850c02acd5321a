/** Resource types the specification does not describe as CloudFormation creates them: AWS SAM's and custom resources. */

export const SAM_TYPE_PREFIX = 'AWS::Serverless::';
export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** `Custom::Name` or AWS::CloudFormation::CustomResource: any properties, any attributes, a ServiceToken. */
export function isCustomResourceType(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}
