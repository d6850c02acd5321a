/** A REST API's OpenAPI definition → its resources and methods, authorizers, models, validators and binary media types. */
import type {
  ContentHandlingStrategy,
  RestAuthorizerModel,
  RestHttpMethod,
  RestIntegrationResponseModel,
  RestMethodModel,
  RestMethodResponseModel,
  RestModel,
  RestRequestValidatorModel,
  RestResourceModel,
} from '../../model/types.ts';
import type { DefinitionSource } from './definition-source.ts';
import { DocumentReader, documentVersion, isNode, OPERATION_METHODS } from './document.ts';
import { INTEGRATION } from './http-api-definition.ts';
import { checkIntegrationFields, warnIgnoredExtensions } from './ignored-extensions.ts';
import { requestModelsOf, requestValidators, restModels, VALIDATOR, VALIDATORS } from './rest-models.ts';
import { methodSecurity, type RestSecurity, restSecurity } from './rest-security.ts';

export const BINARY_MEDIA_TYPES = 'x-amazon-apigateway-binary-media-types';
export const API_KEY_SOURCE = 'x-amazon-apigateway-api-key-source';
const DEFAULT_TIMEOUT_MS = 29000;
const PARAMETER_PLACES: Record<string, string> = { query: 'querystring', header: 'header', path: 'path' };
const PASSTHROUGH = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'];
const CONTENT_HANDLING = ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT'];

export interface RestApiDefinition {
  resources: RestResourceModel[];
  authorizers: RestAuthorizerModel[];
  models: Record<string, RestModel>;
  requestValidators: RestRequestValidatorModel[];
  binaryMediaTypes: string[];
  apiKeySource?: 'HEADER' | 'AUTHORIZER';
}

/** What every method of the document shares. */
interface DocumentScope {
  security: RestSecurity;
  models: Record<string, RestModel>;
  validators: RestRequestValidatorModel[];
  defaultSecurity: unknown;
  defaultValidator?: string;
}

export function restApiDefinition(document: unknown, source: DefinitionSource): RestApiDefinition {
  if (!isNode(document)) throw source.error([], 'expected an OpenAPI document (a mapping with openapi and paths)');
  const reader = new DocumentReader(source, document);
  documentVersion(reader);
  warnIgnoredExtensions(reader, [VALIDATORS, VALIDATOR, BINARY_MEDIA_TYPES, API_KEY_SOURCE]);
  const defaultValidator = reader.string(VALIDATOR);
  const scope: DocumentScope = {
    security: restSecurity(reader),
    models: restModels(reader),
    validators: requestValidators(reader),
    defaultSecurity: reader.node.security,
    ...(defaultValidator ? { defaultValidator } : {}),
  };
  const paths = reader.object('paths');
  const resources = Object.keys(paths?.node ?? {}).map((path) => {
    const item = (paths as DocumentReader).object(path) as DocumentReader;
    const shared = Array.isArray(item.node.parameters) ? item.node.parameters : [];
    const methods = Object.keys(item.node)
      .filter((key) => OPERATION_METHODS[key] !== undefined)
      .map((key) =>
        restMethod(`${OPERATION_METHODS[key]} ${path}`, OPERATION_METHODS[key] as RestHttpMethod, item.object(key) as DocumentReader, shared, scope),
      );
    return { path, methods };
  });
  const keySource = reader.string(API_KEY_SOURCE)?.toUpperCase();
  if (keySource !== undefined && keySource !== 'HEADER' && keySource !== 'AUTHORIZER') throw reader.fail(API_KEY_SOURCE, 'HEADER or AUTHORIZER');
  return {
    resources,
    authorizers: scope.security.authorizers,
    models: scope.models,
    requestValidators: scope.validators,
    binaryMediaTypes: reader.stringList(BINARY_MEDIA_TYPES) ?? [],
    ...(keySource ? { apiKeySource: keySource } : {}),
  };
}

function restMethod(what: string, httpMethod: RestHttpMethod, operation: DocumentReader, shared: unknown[], scope: DocumentScope): RestMethodModel {
  const integration = operation.object(INTEGRATION);
  if (!integration) throw operation.source.error(operation.path, `${what}: expected ${INTEGRATION} (type aws_proxy, aws, mock, http or http_proxy)`);
  const type = integration.requiredString('type').toUpperCase();
  checkIntegrationFields(integration, what);
  const parameters = [...shared, ...(Array.isArray(operation.node.parameters) ? operation.node.parameters : [])];
  const requestParameters = Object.fromEntries(
    parameters.flatMap((parameter) =>
      isNode(parameter) && typeof parameter.name === 'string' && PARAMETER_PLACES[String(parameter.in)]
        ? [[`method.request.${PARAMETER_PLACES[String(parameter.in)]}.${parameter.name}`, parameter.required === true]]
        : [],
    ),
  );
  const requestModels = requestModelsOf(operation, parameters, scope.models);
  const validator = operation.string(VALIDATOR) ?? scope.defaultValidator;
  if (validator !== undefined && !scope.validators.some((entry) => entry.name === validator))
    throw operation.source.error(operation.at(VALIDATOR), `${what}: ${VALIDATOR} names ${validator}, expected one of x-amazon-apigateway-request-validators`);
  const common: RestMethodModel = {
    httpMethod,
    integration: 'AWS_PROXY',
    integrationTimeoutMs: integration.number('timeoutInMillis') ?? DEFAULT_TIMEOUT_MS,
    methodResponses: [],
    integrationResponses: [],
    ...(Object.keys(requestParameters).length > 0 ? { requestParameters } : {}),
    ...(Object.keys(requestModels).length > 0 ? { requestModels } : {}),
    ...(validator ? { requestValidatorId: validator } : {}),
    ...methodSecurity(operation, what, scope.security, scope.defaultSecurity),
  };
  if (type === 'AWS_PROXY' || type === 'AWS') {
    const fn = integration.source.functionOf(integration.node.uri, integration.at('uri'), `${what}: ${INTEGRATION}.uri`);
    if (type === 'AWS_PROXY') return { ...common, function: fn };
    return { ...common, ...mapped(integration, operation), integration: 'AWS', function: fn };
  }
  if (type === 'MOCK') return { ...common, ...mapped(integration, operation), integration: 'MOCK' };
  if (type !== 'HTTP' && type !== 'HTTP_PROXY') throw integration.fail('type', 'aws_proxy, aws, mock, http or http_proxy');
  const uri = integration.requiredString('uri');
  if (!/^https?:\/\//.test(uri)) throw integration.fail('uri', 'an http:// or https:// URL');
  const target = { integrationUri: uri, integrationHttpMethod: integration.string('httpMethod') ?? 'ANY' };
  const requestParams = integration.stringRecord('requestParameters');
  const forwarded = requestParams ? { integrationRequestParameters: requestParams } : {};
  if (type === 'HTTP_PROXY') return { ...common, ...target, ...forwarded, integration: 'HTTP_PROXY' };
  return { ...common, ...mapped(integration, operation), ...target, integration: 'HTTP' };
}

/** The mapping of a custom integration (AWS, MOCK, HTTP): templates, passthrough, parameters, responses. */
function mapped(integration: DocumentReader, operation: DocumentReader): Partial<RestMethodModel> {
  const requestTemplates = integration.stringRecord('requestTemplates');
  const passthrough = integration.string('passthroughBehavior')?.toUpperCase();
  if (passthrough !== undefined && !PASSTHROUGH.includes(passthrough))
    throw integration.fail('passthroughBehavior', 'when_no_match, when_no_templates or never');
  const contentHandling = contentHandlingOf(integration);
  const requestParameters = integration.stringRecord('requestParameters');
  const integrationResponses = integrationResponsesOf(integration);
  return {
    ...(requestTemplates ? { requestTemplates } : {}),
    ...(passthrough ? { passthroughBehavior: passthrough as RestMethodModel['passthroughBehavior'] } : {}),
    ...(requestParameters ? { integrationRequestParameters: requestParameters } : {}),
    ...(contentHandling ? { contentHandling } : {}),
    methodResponses: methodResponsesOf(operation, integrationResponses),
    integrationResponses,
  };
}

function contentHandlingOf(reader: DocumentReader): ContentHandlingStrategy | undefined {
  const value = reader.string('contentHandling');
  if (value !== undefined && !CONTENT_HANDLING.includes(value)) throw reader.fail('contentHandling', 'CONVERT_TO_BINARY or CONVERT_TO_TEXT');
  return value as ContentHandlingStrategy | undefined;
}

/** `responses`: a selection pattern (or `default`) → the status, parameters and templates of that response. */
function integrationResponsesOf(integration: DocumentReader): RestIntegrationResponseModel[] {
  const responses = integration.object('responses');
  return Object.keys(responses?.node ?? {}).map((pattern) => {
    const response = (responses as DocumentReader).object(pattern) as DocumentReader;
    const templates = response.stringRecord('responseTemplates');
    const contentHandling = contentHandlingOf(response);
    return {
      statusCode: response.requiredString('statusCode'),
      ...(pattern === 'default' ? {} : { selectionPattern: pattern }),
      responseParameters: response.stringRecord('responseParameters') ?? {},
      ...(templates ? { responseTemplates: templates } : {}),
      ...(contentHandling ? { contentHandling } : {}),
    };
  });
}

/** The operation's `responses` with their headers, and every status an integration response answers. */
function methodResponsesOf(operation: DocumentReader, integrationResponses: RestIntegrationResponseModel[]): RestMethodResponseModel[] {
  const declared = operation.object('responses');
  const statuses = [
    ...new Set([...Object.keys(declared?.node ?? {}).filter((status) => /^\d{3}$/.test(status)), ...integrationResponses.map((entry) => entry.statusCode)]),
  ];
  return statuses.map((statusCode) => {
    const headers = declared?.object(statusCode)?.object('headers');
    return {
      statusCode,
      responseParameters: Object.fromEntries(Object.keys(headers?.node ?? {}).map((name) => [`method.response.header.${name}`, false])),
    };
  });
}
