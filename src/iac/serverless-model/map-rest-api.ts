/**
 * Every `http` event as one REST API on the provider's stage, named `<stage>-<service>` as the Framework names it:
 * Lambda proxy methods by path, Lambda authorizers of the service's functions (and Cognito user pools by ARN),
 * `request.schemas` as request models checked by a body validator, `cors` as the Framework's OPTIONS method
 * (map-rest-cors.ts), `private: true` as a method requiring an API key (map-api-keys.ts).
 */
import type { RestApiModel, RestAuthorizerModel, RestHttpMethod, RestMethodModel, RestModel, RestResourceModel } from '../../model/types.ts';
import { isRecord } from '../serverless/checker.ts';
import type { HttpEvent, ServerlessFunction, ServerlessService } from '../serverless/types.ts';
import { mergeCors, type PathCors, preflightMethod } from './map-rest-cors.ts';
import { eventPath, type MappingReport } from './report.ts';

/** REST-2: API Gateway's integration timeout, which the Framework leaves at its default. */
const REST_INTEGRATION_TIMEOUT_MS = 29_000;
const DEFAULT_TOKEN_SOURCE = 'method.request.header.Authorization';
const DEFAULT_AUTHORIZER_TTL_SECONDS = 300;
/** The Framework's one validator for methods with request schemas. */
export const BODY_VALIDATOR = 'body';
const METHODS: readonly RestHttpMethod[] = ['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export function mapRestApi(service: ServerlessService, report: MappingReport): RestApiModel | undefined {
  const resources: RestResourceModel[] = [];
  const authorizers: RestAuthorizerModel[] = [];
  const models: Record<string, RestModel> = {};
  const corsByPath = new Map<string, { cors: PathCors; keys: (string | number)[] }>();
  for (const fn of service.functions) {
    for (const event of fn.events) {
      if (event.type !== 'http') continue;
      const keys = eventPath(report.positions, fn.key, fn.events, event);
      const method = mapMethod(fn, event, service, authorizers, models, keys, report);
      if (!method) continue;
      let resource = resources.find((candidate) => candidate.path === event.path);
      if (!resource) {
        resource = { path: event.path, methods: [] };
        resources.push(resource);
      }
      if (resource.methods.some((known) => known.httpMethod === method.httpMethod)) {
        report.fail([...keys, 'method'], `expected one function per method, ${method.httpMethod} ${event.path} is already routed`);
        continue;
      }
      resource.methods.push(method);
      if (event.cors) corsByPath.set(event.path, { cors: mergeCors(corsByPath.get(event.path)?.cors, event, keys, report), keys });
    }
  }
  if (resources.length === 0) return undefined;
  for (const [path, { cors, keys }] of corsByPath) {
    const resource = resources.find((candidate) => candidate.path === path) as RestResourceModel;
    if (resource.methods.some((method) => method.httpMethod === 'OPTIONS')) {
      report.fail([...keys, 'cors'], `expected cors or an OPTIONS event on ${path}, not both: cors adds the OPTIONS method`);
    } else resource.methods.push(preflightMethod(cors));
  }
  const binaryMediaTypes = service.provider.apiGateway?.binaryMediaTypes;
  const api: RestApiModel = {
    protocol: 'REST',
    // The Framework's getApiGatewayName: `<stage>-<service>`, or `<service>-<stage>` with shouldStartNameWithService.
    name:
      service.provider.apiGateway?.shouldStartNameWithService === true
        ? `${service.service}-${service.provider.stage}`
        : `${service.provider.stage}-${service.service}`,
    stage: { name: service.provider.stage, variables: {} },
    binaryMediaTypes: Array.isArray(binaryMediaTypes) ? binaryMediaTypes.filter((type): type is string => typeof type === 'string') : [],
    resources,
  };
  if (authorizers.length > 0) api.authorizers = authorizers;
  if (Object.keys(models).length > 0) {
    api.models = models;
    api.requestValidators = [{ name: BODY_VALIDATOR, validateRequestBody: true, validateRequestParameters: false }];
  }
  return api;
}

function mapMethod(
  fn: ServerlessFunction,
  event: HttpEvent,
  service: ServerlessService,
  authorizers: RestAuthorizerModel[],
  models: Record<string, RestModel>,
  keys: (string | number)[],
  report: MappingReport,
): RestMethodModel | undefined {
  const httpMethod = METHODS.find((candidate) => candidate === event.method);
  if (!httpMethod) return report.fail([...keys, 'method'], `expected one of ${METHODS.join(', ')}, got "${event.method}"`);
  const method: RestMethodModel = {
    httpMethod,
    function: fn.name,
    integration: 'AWS_PROXY',
    integrationTimeoutMs: REST_INTEGRATION_TIMEOUT_MS,
    methodResponses: [],
    integrationResponses: [],
  };
  if (event.private) method.apiKeyRequired = true;
  if (event.authorizer) {
    const authorizer = mapAuthorizer(event.authorizer, service, [...keys, 'authorizer'], report);
    if (authorizer) {
      if (!authorizers.some((known) => known.name === authorizer.name)) authorizers.push(authorizer);
      method.authorizationType = authorizer.type === 'COGNITO_USER_POOLS' ? 'COGNITO_USER_POOLS' : 'CUSTOM';
      method.authorizerId = authorizer.name;
    }
  }
  const schemas = Object.entries(event.requestSchemas);
  if (schemas.length > 0) {
    const requestModels: Record<string, string> = {};
    for (const [contentType, schema] of schemas) {
      const name = modelName(fn.key, httpMethod, contentType);
      const document = isRecord(schema) && isRecord(schema.schema) ? schema.schema : schema;
      if (!isRecord(document)) {
        report.fail(
          [...keys, 'request', 'schemas', contentType],
          'expected a JSON Schema (or { schema }); models named in provider.apiGateway.request.schemas are not read yet',
        );
        continue;
      }
      models[name] = { contentType, schema: document };
      requestModels[contentType] = name;
    }
    method.requestModels = requestModels;
    method.requestValidatorId = BODY_VALIDATOR;
  }
  return method;
}

/** REST-35: model names are letters and digits. */
function modelName(functionKey: string, method: string, contentType: string): string {
  return `${functionKey}${method}${contentType}`.replace(/[^A-Za-z0-9]/g, '');
}

/** A function of the service (TOKEN unless `type: request`), or a Cognito user pool ARN. */
function mapAuthorizer(
  settings: Record<string, unknown>,
  service: ServerlessService,
  keys: (string | number)[],
  report: MappingReport,
): RestAuthorizerModel | undefined {
  const arn = typeof settings.arn === 'string' ? settings.arn : undefined;
  const identitySource = typeof settings.identitySource === 'string' ? settings.identitySource.split(',').map((source) => source.trim()) : undefined;
  if (arn?.startsWith('arn:aws:cognito-idp:')) {
    const name = typeof settings.name === 'string' ? settings.name : 'cognito';
    return { name, type: 'COGNITO_USER_POOLS', providerARNs: [arn], identitySource: identitySource ?? [DEFAULT_TOKEN_SOURCE] };
  }
  const fn = service.functions.find((candidate) => candidate.key === settings.name);
  if (!fn) {
    const known = service.functions.map((candidate) => candidate.key).join(', ');
    return report.fail(
      keys,
      `expected the name of a function of this service (${known}) or a Cognito user pool arn, got ${JSON.stringify(settings.name ?? arn)}`,
    );
  }
  const type = String(settings.type ?? 'token').toUpperCase();
  if (type !== 'TOKEN' && type !== 'REQUEST') return report.fail([...keys, 'type'], `expected token or request, got ${JSON.stringify(settings.type)}`);
  const ttl = typeof settings.resultTtlInSeconds === 'number' ? settings.resultTtlInSeconds : DEFAULT_AUTHORIZER_TTL_SECONDS;
  const authorizer: RestAuthorizerModel = {
    name: fn.key,
    type,
    function: fn.name,
    identitySource: identitySource ?? (type === 'TOKEN' ? [DEFAULT_TOKEN_SOURCE] : []),
    authorizerResultTtlInSeconds: ttl,
  };
  if (typeof settings.identityValidationExpression === 'string') authorizer.identityValidationExpression = settings.identityValidationExpression;
  return authorizer;
}
