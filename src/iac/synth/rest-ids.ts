/** The logical ids of a REST API's parts and of API keys and usage plans: derived from model names and paths, so the same model gives the same ids. */
import type { RestHttpMethod } from '../../model/types.ts';
import { logicalId } from './logical-ids.ts';

/** `users` → `Users`; `{id}` → `IdParam`; `{proxy+}` → `ProxyGreedy`, so `/a/{id}` and `/a/id` differ. */
function segmentId(part: string): string {
  const parameter = /^\{(.+?)(\+)?\}$/.exec(part);
  if (!parameter) return pascal(part);
  return `${pascal(parameter[1] as string)}${parameter[2] ? 'Greedy' : 'Param'}`;
}

const pascal = (text: string): string =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join('');

/** `/items/{id}` → `ItemsIdParam`; the root `/` → `Root`. */
export function pathId(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts.length === 0 ? 'Root' : parts.map(segmentId).join('');
}

export const restIds = {
  /** AWS::ApiGateway::Resource of a path other than `/` (the API's RootResourceId). */
  resource: (apiName: string, path: string) => logicalId(apiName, `${pathId(path)}Resource`),
  method: (apiName: string, path: string, httpMethod: RestHttpMethod) => logicalId(apiName, `${pathId(path)}${pascal(httpMethod.toLowerCase())}Method`),
  authorizer: (apiName: string, authorizer: string) => logicalId(apiName, `${pascal(authorizer)}Authorizer`),
  /** The template parameter a deployer passes for a Cognito authorizer that trusts the local issuer. */
  userPoolArnParameter: (apiName: string, authorizer: string) => logicalId(apiName, `${pascal(authorizer)}UserPoolArn`),
  model: (apiName: string, model: string) => logicalId(apiName, `${pascal(model)}Model`),
  requestValidator: (apiName: string, validator: string) => logicalId(apiName, `${pascal(validator)}RequestValidator`),
  gatewayResponse: (apiName: string, responseType: string) => logicalId(apiName, `${pascal(responseType.toLowerCase())}GatewayResponse`),
  /** Named after a hash of what it deploys: CloudFormation deploys again only when the Deployment's id changes. */
  deployment: (apiName: string, contentHash: string) => logicalId(apiName, `Deployment${contentHash}`),
  apiKey: (name: string) => logicalId(name, 'ApiKey'),
  usagePlan: (name: string) => logicalId(name, 'UsagePlan'),
  usagePlanKey: (planName: string, keyName: string) => logicalId(planName, `${pascal(keyName)}UsagePlanKey`),
};
