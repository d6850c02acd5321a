/** CloudFormation's pseudo parameters (`AWS::Region`, `AWS::StackName`…) computed from the resolution options. */
import { createHash } from 'node:crypto';
import { NO_VALUE } from './values.ts';

/** The region when none is given, as the run-time options default it. */
export const DEFAULT_REGION = 'us-east-1';
/** The account when none is given, as the run-time options default it. */
export const DEFAULT_ACCOUNT_ID = '000000000000';
/** The stack name when none is given: one fixed name, so ARNs and names built with `${AWS::StackName}` are stable. */
export const DEFAULT_STACK_NAME = 'hoplite-local';

export interface StackIdentity {
  region: string;
  accountId: string;
  stackName: string;
  notificationArns: readonly string[];
}

/** `aws` in commercial regions, `aws-cn` in China, `aws-us-gov` in GovCloud. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function urlSuffixOf(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** DIFF: AWS gives each stack a random id; ours is derived from region, account and name, so it is the same on every run. */
function stackIdOf(identity: StackIdentity): string {
  const hex = createHash('sha256').update(`${identity.region}:${identity.accountId}:${identity.stackName}`).digest('hex');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  return `arn:${partitionOf(identity.region)}:cloudformation:${identity.region}:${identity.accountId}:stack/${identity.stackName}/${uuid}`;
}

/** Every pseudo parameter by name; `AWS::NoValue` is the marker that removes its key. */
export function pseudoParameters(identity: StackIdentity): ReadonlyMap<string, unknown> {
  return new Map<string, unknown>([
    ['AWS::AccountId', identity.accountId],
    ['AWS::NotificationARNs', [...identity.notificationArns]],
    ['AWS::NoValue', NO_VALUE],
    ['AWS::Partition', partitionOf(identity.region)],
    ['AWS::Region', identity.region],
    ['AWS::StackId', stackIdOf(identity)],
    ['AWS::StackName', identity.stackName],
    ['AWS::URLSuffix', urlSuffixOf(identity.region)],
  ]);
}
