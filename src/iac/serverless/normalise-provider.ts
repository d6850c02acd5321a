/** `provider`: runtime, stage and region with the Framework's defaults, environment, HTTP API settings, IAM. */

import { type Checker, describe, isRecord } from './checker.ts';
import { normaliseFunctionLayers } from './normalise-layers.ts';
import type { EnvironmentValue, HttpApiAuthorizer, HttpApiCors, ServerlessHttpApi, ServerlessIam, ServerlessProvider } from './types.ts';

export const DEFAULT_STAGE = 'dev';
export const DEFAULT_REGION = 'us-east-1';

/** Options of the command line that the provider reads: `--stage` and `--region` win over the file, as in the Framework. */
export interface ProviderOptions {
  stage?: unknown;
  region?: unknown;
}

export function normaliseProvider(value: unknown, options: ProviderOptions, check: Checker): ServerlessProvider {
  const keys = ['provider'];
  const provider = check.object(value, keys) ?? {};
  if (provider.name !== 'aws') check.fail([...keys, 'name'], `expected aws, the only provider Hoplite runs, got ${describe(provider.name)}`);
  const result: ServerlessProvider = {
    name: 'aws',
    stage: optionOr(options.stage) ?? check.string(provider.stage, [...keys, 'stage']) ?? DEFAULT_STAGE,
    region: optionOr(options.region) ?? check.string(provider.region, [...keys, 'region']) ?? DEFAULT_REGION,
    environment: normaliseEnvironment(provider.environment, [...keys, 'environment'], check),
    iam: normaliseIam(provider, check),
  };
  assignDefined(result, {
    runtime: check.string(provider.runtime, [...keys, 'runtime']),
    memorySize: check.number(provider.memorySize, [...keys, 'memorySize']),
    timeout: check.number(provider.timeout, [...keys, 'timeout']),
    httpApi: provider.httpApi === undefined ? undefined : normaliseHttpApi(provider.httpApi, check),
    apiGateway: check.object(provider.apiGateway, [...keys, 'apiGateway']),
    websocketsApiRouteSelectionExpression: check.string(provider.websocketsApiRouteSelectionExpression, [...keys, 'websocketsApiRouteSelectionExpression']),
    websocketsApiName: check.string(provider.websocketsApiName, [...keys, 'websocketsApiName']),
    layers: normaliseFunctionLayers(provider.layers, [...keys, 'layers'], check),
  });
  return result;
}

/** Text values as text (numbers and booleans too, as Lambda stores them); intrinsics kept for the CloudFormation importer. */
export function normaliseEnvironment(value: unknown, keys: (string | number)[], check: Checker): Record<string, EnvironmentValue> {
  const environment = check.object(value, keys) ?? {};
  const result: Record<string, EnvironmentValue> = {};
  for (const [name, item] of Object.entries(environment)) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') result[name] = String(item);
    else if (isRecord(item)) result[name] = item;
    else check.fail([...keys, name], `expected text or a CloudFormation intrinsic, got ${describe(item)}`);
  }
  return result;
}

function normaliseHttpApi(value: unknown, check: Checker): ServerlessHttpApi {
  const keys = ['provider', 'httpApi'];
  const httpApi = check.object(value, keys) ?? {};
  const payload = httpApi.payload ?? '2.0';
  if (payload !== '1.0' && payload !== '2.0') check.fail([...keys, 'payload'], `expected '1.0' or '2.0', got ${describe(payload)}`);
  const result: ServerlessHttpApi = { payload: payload === '1.0' ? '1.0' : '2.0', authorizers: {} };
  const authorizers = check.object(httpApi.authorizers, [...keys, 'authorizers']) ?? {};
  for (const [name, authorizer] of Object.entries(authorizers)) {
    const normalised = normaliseHttpAuthorizer(authorizer, [...keys, 'authorizers', name], check);
    if (normalised) result.authorizers[name] = normalised;
  }
  assignDefined(result, {
    cors: httpApi.cors === undefined || httpApi.cors === false ? undefined : normaliseCors(httpApi.cors, [...keys, 'cors'], check),
    name: check.string(httpApi.name, [...keys, 'name']),
    id: check.string(httpApi.id, [...keys, 'id']),
    disableDefaultEndpoint: check.boolean(httpApi.disableDefaultEndpoint, [...keys, 'disableDefaultEndpoint']),
  });
  return result;
}

function normaliseCors(value: unknown, keys: string[], check: Checker): true | HttpApiCors | undefined {
  if (value === true) return true;
  const cors = check.object(value, keys);
  if (!cors) return undefined;
  const result: HttpApiCors = {};
  assignDefined(result, {
    allowedOrigins: check.strings(cors.allowedOrigins, [...keys, 'allowedOrigins']),
    allowedHeaders: check.strings(cors.allowedHeaders, [...keys, 'allowedHeaders']),
    allowedMethods: check.strings(cors.allowedMethods, [...keys, 'allowedMethods']),
    allowCredentials: check.boolean(cors.allowCredentials, [...keys, 'allowCredentials']),
    exposedResponseHeaders: check.strings(cors.exposedResponseHeaders, [...keys, 'exposedResponseHeaders']),
    maxAge: check.number(cors.maxAge, [...keys, 'maxAge']),
  });
  return result;
}

function normaliseHttpAuthorizer(value: unknown, keys: string[], check: Checker): HttpApiAuthorizer | undefined {
  const authorizer = check.object(value, keys);
  if (!authorizer) return undefined;
  const type = authorizer.type ?? 'jwt';
  if (type === 'jwt') {
    const issuerUrl = check.string(authorizer.issuerUrl, [...keys, 'issuerUrl']);
    const identitySource = check.string(authorizer.identitySource, [...keys, 'identitySource']);
    if (issuerUrl === undefined) return check.fail([...keys, 'issuerUrl'], 'expected the issuer URL of a JWT authorizer');
    if (identitySource === undefined)
      return check.fail([...keys, 'identitySource'], "expected the token's identity source, e.g. $request.header.Authorization");
    return { type: 'jwt', identitySource, issuerUrl, audience: check.strings(authorizer.audience, [...keys, 'audience']) ?? [] };
  }
  if (type !== 'request') return check.fail([...keys, 'type'], `expected jwt or request, got ${describe(type)}`);
  const payloadVersion = authorizer.payloadVersion ?? '2.0';
  if (payloadVersion !== '1.0' && payloadVersion !== '2.0') check.fail([...keys, 'payloadVersion'], `expected '1.0' or '2.0', got ${describe(payloadVersion)}`);
  const result: HttpApiAuthorizer = {
    type: 'request',
    identitySource: check.strings(authorizer.identitySource, [...keys, 'identitySource']) ?? [],
    payloadVersion: payloadVersion === '1.0' ? '1.0' : '2.0',
  };
  assignDefined(result, {
    functionName: check.string(authorizer.functionName, [...keys, 'functionName']),
    functionArn: check.string(authorizer.functionArn, [...keys, 'functionArn']),
    resultTtlInSeconds: check.number(authorizer.resultTtlInSeconds, [...keys, 'resultTtlInSeconds']),
    enableSimpleResponses: check.boolean(authorizer.enableSimpleResponses, [...keys, 'enableSimpleResponses']),
  });
  if (result.functionName === undefined && result.functionArn === undefined) check.fail(keys, 'expected functionName or functionArn for a request authorizer');
  return result;
}

/** `provider.iam` (v3, v4) or the older `iamRoleStatements` / `iamManagedPolicies` / `role`. */
function normaliseIam(provider: Record<string, unknown>, check: Checker): ServerlessIam {
  const iam = check.object(provider.iam, ['provider', 'iam']) ?? {};
  const role = iam.role;
  const roleSettings = isRecord(role) ? role : {};
  const list = (item: unknown, keys: string[]): unknown[] =>
    (item === undefined ? [] : Array.isArray(item) ? item : [check.fail(keys, 'expected a list')]).filter((entry) => entry !== undefined);
  const result: ServerlessIam = {
    statements: [
      ...list(roleSettings.statements, ['provider', 'iam', 'role', 'statements']),
      ...list(provider.iamRoleStatements, ['provider', 'iamRoleStatements']),
    ],
    managedPolicies: [
      ...list(roleSettings.managedPolicies, ['provider', 'iam', 'role', 'managedPolicies']),
      ...list(provider.iamManagedPolicies, ['provider', 'iamManagedPolicies']),
    ],
  };
  const existing = typeof role === 'string' ? role : provider.role;
  if (existing !== undefined) result.role = existing;
  return result;
}

function optionOr(option: unknown): string | undefined {
  return typeof option === 'string' && option !== '' ? option : undefined;
}

/** Copies the defined values only, so optional fields are absent rather than undefined. */
export function assignDefined<T extends object>(target: T, values: Partial<T>): void {
  for (const [key, value] of Object.entries(values)) if (value !== undefined) (target as Record<string, unknown>)[key] = value;
}
