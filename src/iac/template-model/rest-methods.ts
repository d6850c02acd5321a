/** AWS::ApiGateway::Method: the method's request checks, authorization and its Integration of every type. */
import { INTEGRATION_TIMEOUT_RANGE_MS } from '../../limits.ts';
import type {
  ContentHandlingStrategy,
  RestHttpMethod,
  RestIntegrationResponseModel,
  RestIntegrationType,
  RestMethodModel,
  RestMethodResponseModel,
} from '../../model/types.ts';
import type { MappingContext } from './context.ts';
import { invokedFunction } from './function-reference.ts';
import { PropertyReader } from './properties.ts';
import { namedPart, REST_AUTHORIZER, REST_METHOD, REST_MODEL, REST_REQUEST_VALIDATOR, readerOf } from './rest-parts.ts';

const HTTP_METHODS = new Set<string>(['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const INTEGRATION_TYPES = new Set<string>(['AWS_PROXY', 'AWS', 'MOCK', 'HTTP', 'HTTP_PROXY']);
const AUTHORIZATION_TYPES = new Set<string>(['NONE', 'CUSTOM', 'COGNITO_USER_POOLS', 'AWS_IAM']);
const PASSTHROUGH = new Set<string>(['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER']);
const CONTENT_HANDLING = new Set<string>(['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT']);
/** REST-58: `…:function:${stageVariables.name}/invocations` names the function through the stage. */
const STAGE_VARIABLE_FUNCTION = /:function:(\$\{stageVariables\.[A-Za-z0-9_]+\})/;

const textRecord = (reader: PropertyReader, key: string) => reader.stringRecord(key, (value, path) => textOf(reader, value, path));

function textOf(reader: PropertyReader, value: unknown, path: (string | number)[]): string {
  if (typeof value === 'string') return value;
  throw reader.context.error(path, `${reader.id}: expected a string, got ${JSON.stringify(value)}`);
}

function booleanRecord(reader: PropertyReader, key: string): Record<string, boolean> | undefined {
  const record = reader.object(key);
  if (!record) return undefined;
  return Object.fromEntries(Object.keys(record.properties).map((name) => [name, record.boolean(name) as boolean]));
}

function contentHandlingOf(reader: PropertyReader): ContentHandlingStrategy | undefined {
  const value = reader.string('ContentHandling');
  if (value !== undefined && !CONTENT_HANDLING.has(value)) throw reader.fail('ContentHandling', 'CONVERT_TO_BINARY or CONVERT_TO_TEXT');
  return value as ContentHandlingStrategy | undefined;
}

function entriesOf(reader: PropertyReader, key: string): PropertyReader[] {
  return (reader.list(key) ?? []).map((entry, index) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
      throw reader.context.error(reader.at(key).concat(index), `${reader.id}: ${key}[${index}]: expected a mapping`);
    return new PropertyReader(reader.context, reader.id, entry as Record<string, unknown>, reader.at(key).concat(index));
  });
}

function methodResponsesOf(reader: PropertyReader): RestMethodResponseModel[] {
  return entriesOf(reader, 'MethodResponses').map((entry) => {
    entry.ignore(REST_METHOD, ['ResponseModels'], 'not checked locally');
    return { statusCode: entry.requiredString('StatusCode'), responseParameters: booleanRecord(entry, 'ResponseParameters') ?? {} };
  });
}

function integrationResponsesOf(integration: PropertyReader): RestIntegrationResponseModel[] {
  return entriesOf(integration, 'IntegrationResponses').map((entry) => {
    const selectionPattern = entry.string('SelectionPattern');
    const responseTemplates = textRecord(entry, 'ResponseTemplates');
    const contentHandling = contentHandlingOf(entry);
    return {
      statusCode: entry.requiredString('StatusCode'),
      ...(selectionPattern !== undefined ? { selectionPattern } : {}),
      responseParameters: textRecord(entry, 'ResponseParameters') ?? {},
      ...(responseTemplates ? { responseTemplates } : {}),
      ...(contentHandling ? { contentHandling } : {}),
    };
  });
}

function lambdaOf(context: MappingContext, integration: PropertyReader): string {
  const uri = integration.properties.Uri;
  if (uri === undefined) throw context.error(integration.path, `${integration.id}: Integration.Uri is required with a Lambda integration`);
  const byStage = typeof uri === 'string' ? STAGE_VARIABLE_FUNCTION.exec(uri)?.[1] : undefined;
  return byStage ?? invokedFunction(context, uri, integration.at('Uri'), `${integration.id}: Integration.Uri`);
}

export function mapRestMethod(context: MappingContext, id: string): RestMethodModel {
  const reader = readerOf(context, id);
  reader.ignore(REST_METHOD, ['OperationName'], 'not used locally');
  const httpMethod = reader.requiredString('HttpMethod').toUpperCase();
  if (!HTTP_METHODS.has(httpMethod)) throw reader.fail('HttpMethod', 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY');
  const integration = reader.object('Integration');
  if (!integration) throw context.error(reader.path, `${id}: Integration is required`);
  integration.ignore(REST_METHOD, ['Credentials', 'CacheKeyParameters', 'CacheNamespace', 'ConnectionType', 'ConnectionId'], 'not applied locally');
  const type = integration.requiredString('Type');
  if (!INTEGRATION_TYPES.has(type)) throw integration.fail('Type', 'AWS_PROXY, AWS, MOCK, HTTP or HTTP_PROXY');
  const method: RestMethodModel = {
    httpMethod: httpMethod as RestHttpMethod,
    integration: type as RestIntegrationType,
    integrationTimeoutMs: integration.number('TimeoutInMillis') ?? INTEGRATION_TIMEOUT_RANGE_MS.default,
    methodResponses: methodResponsesOf(reader),
    integrationResponses: integrationResponsesOf(integration),
  };
  if (type === 'AWS_PROXY' || type === 'AWS') method.function = lambdaOf(context, integration);
  if (type === 'HTTP' || type === 'HTTP_PROXY') {
    method.integrationUri = integration.requiredString('Uri');
    method.integrationHttpMethod = integration.requiredString('IntegrationHttpMethod').toUpperCase();
  }
  const requestTemplates = textRecord(integration, 'RequestTemplates');
  if (requestTemplates) method.requestTemplates = requestTemplates;
  const passthrough = integration.string('PassthroughBehavior');
  if (passthrough !== undefined) {
    if (!PASSTHROUGH.has(passthrough)) throw integration.fail('PassthroughBehavior', 'WHEN_NO_MATCH, WHEN_NO_TEMPLATES or NEVER');
    method.passthroughBehavior = passthrough as RestMethodModel['passthroughBehavior'];
  }
  const integrationRequestParameters = textRecord(integration, 'RequestParameters');
  if (integrationRequestParameters) method.integrationRequestParameters = integrationRequestParameters;
  const contentHandling = contentHandlingOf(integration);
  if (contentHandling) method.contentHandling = contentHandling;

  if (reader.boolean('ApiKeyRequired')) method.apiKeyRequired = true;
  const requestParameters = booleanRecord(reader, 'RequestParameters');
  if (requestParameters) method.requestParameters = requestParameters;
  const validator = namedPart(reader, 'RequestValidatorId', REST_REQUEST_VALIDATOR);
  if (validator) method.requestValidatorId = validator;
  const models = reader.object('RequestModels');
  if (models) method.requestModels = Object.fromEntries(Object.keys(models.properties).map((type) => [type, namedPart(models, type, REST_MODEL) as string]));
  const authorization = reader.string('AuthorizationType') ?? 'NONE';
  if (!AUTHORIZATION_TYPES.has(authorization)) throw reader.fail('AuthorizationType', 'NONE, CUSTOM, COGNITO_USER_POOLS or AWS_IAM');
  if (authorization !== 'NONE') method.authorizationType = authorization as RestMethodModel['authorizationType'];
  if (authorization === 'CUSTOM' || authorization === 'COGNITO_USER_POOLS') {
    const authorizer = namedPart(reader, 'AuthorizerId', REST_AUTHORIZER);
    if (!authorizer) throw context.error(reader.path, `${id}: AuthorizerId is required with AuthorizationType ${authorization}`);
    method.authorizerId = authorizer;
    const scopes = reader.stringList('AuthorizationScopes');
    if (scopes && authorization === 'COGNITO_USER_POOLS') method.authorizationScopes = scopes;
  }
  return method;
}
