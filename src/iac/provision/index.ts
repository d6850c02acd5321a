/** Shipping a synthesized stack to AWS: provision, status and delete over injected CloudFormation and S3 clients. */

export { explainAwsError } from './aws-errors.ts';
export { type AwsClients, createAwsClients, defaultRegion, sdkRegion } from './clients.ts';
export { type DeleteResult, deleteStack } from './delete-stack.ts';
export { type DescribeStackOptions, describeStack } from './describe-stack.ts';
export { type ProvisionResult, provisionStack } from './provision-stack.ts';
export { redactAccountIds } from './redact.ts';
export type { ProvisionEnvironment, Shipment, ShipmentUpload, StackEnvironment } from './shipment.ts';
export { findStack } from './stack-watch.ts';
