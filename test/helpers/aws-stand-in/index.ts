/** A local CloudFormation and S3 for provisioning tests: real SDK clients, no AWS account. */
export type { RecordedCall } from './calls.ts';
export { STAND_IN_ACCOUNT_ID } from './cloudformation.ts';
export { type AwsStandIn, type AwsStandInOptions, startAwsStandIn } from './server.ts';
