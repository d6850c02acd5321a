/** What every part of synthesis shares: the model, the template being built, and the names of each model part's resources. */
import type { ServiceModel } from '../../model/types.ts';
import type { TemplateBuilder } from './builder.ts';
import { logicalId } from './logical-ids.ts';

/** Where a function's bundle is: written by the bundler, uploaded by provision. */
export interface FunctionCode {
  /** The zip's key in the artifact bucket, content-hashed: `functions/sendMessage-3f9a…e1.zip`. */
  s3Key: string;
  /** Lambda's Handler inside the bundle, e.g. `index.handler`. */
  handler: string;
  /** The unzipped bundle's folder, relative to the template's folder (the `aws:asset:path` metadata SAM CLI reads). */
  assetPath: string;
}

export interface SynthOptions {
  /** The entry file or template the model came from; errors name it. */
  source: string;
  /** Each function's bundle, by function name. */
  code: (functionName: string) => FunctionCode;
}

/** The template parameter that names the bucket holding the bundles (`provision --s3-bucket`). */
export const ARTIFACT_BUCKET_PARAMETER = 'ArtifactBucket';

/** The newest Node.js runtime synthesis writes for functions that name none. */
export const DEFAULT_RUNTIME = 'nodejs22.x';
/** Days a function's log group keeps logs when the function names none (seed 004's choice). */
export const DEFAULT_LOG_RETENTION_DAYS = 30;

export interface SynthContext {
  model: ServiceModel;
  builder: TemplateBuilder;
  options: SynthOptions;
  /** What the template leaves out on purpose, one line each (a site, a function's layers). */
  warnings: string[];
}

/** The logical ids of each model part's resources; every synthesizer names them through these, so references agree. */
export const ids = {
  function: (name: string) => logicalId(name, 'Function'),
  role: (functionName: string) => logicalId(functionName, 'Role'),
  logGroup: (functionName: string) => logicalId(functionName, 'LogGroup'),
  table: (name: string) => logicalId(name, 'Table'),
  /** The AWS::ApiGatewayV2::Api or AWS::ApiGateway::RestApi of an API. */
  api: (name: string) => logicalId(name, 'Api'),
  stage: (apiName: string) => logicalId(apiName, 'Stage'),
  /** `contentHash` changes with the API's routes, so an update deploys them (a Deployment is a snapshot). */
  deployment: (apiName: string, contentHash: string) => logicalId(apiName, `Deployment${contentHash}`),
  route: (apiName: string, routeKey: string) => logicalId(`${apiName}-${routeKey}`, 'Route'),
  integration: (apiName: string, routeKey: string) => logicalId(`${apiName}-${routeKey}`, 'Integration'),
  routeResponse: (apiName: string, routeKey: string) => logicalId(`${apiName}-${routeKey}`, 'RouteResponse'),
  /** Integration responses are numbered in model order: their keys (`/4\d{2}/`) make poor names. */
  integrationResponse: (apiName: string, routeKey: string, index: number) => logicalId(`${apiName}-${routeKey}`, `IntegrationResponse${index}`),
  model: (apiName: string, modelName: string) => logicalId(`${apiName}-${modelName}`, 'Model'),
  authorizer: (apiName: string, authorizerName: string) => logicalId(`${apiName}-${authorizerName}`, 'Authorizer'),
  /** The AWS::Lambda::Permission that lets an API invoke a function: one per (function, API). */
  permission: (functionName: string, apiName: string) => logicalId(`${functionName}-${apiName}`, 'Permission'),
};
