/** The one place a definition is checked: every problem is reported with its field path and what was expected. */
import { IDENTITY_SOURCE_FORMS, parseIdentitySource } from '../auth/index.ts';
import { ConfigError } from '../errors.ts';
import { checkSelectionExpression } from '../expressions/index.ts';
import { HTTP_INTEGRATION_TIMEOUT_RANGE_MS, INTEGRATION_TIMEOUT_RANGE_MS, LAMBDA_LIMITS, MAX_ROUTES_PER_API } from '../limits.ts';
import { compileTemplate } from '../mapping/index.ts';
import { type ModelCompiler, modelCompiler } from '../validation/index.ts';
import { Checker, describe, type Fields } from './checker.ts';
import { parseHttpRouteKey } from './http-route-key.ts';
import { REQUEST_PARAMETER_SOURCE, REQUEST_PARAMETER_TARGET } from './request-parameters.ts';
import { namesStageVariable, resolveFunctionName } from './stage-variable-function.ts';
import type { ServiceModel } from './types.ts';
import { checkShippingSettings } from './validate-function-shipping.ts';
import { checkHttpAuthorizers, checkHttpRouteAuthorization } from './validate-http-auth.ts';
import { checkHttpParameterMappings, checkHttpProxyIntegration } from './validate-http-integration.ts';
import { checkFunctionLayers, checkLayers } from './validate-layers.ts';
import { checkRestApiParts, checkRestMethodParts, checkUsagePlans } from './validate-rest.ts';
import { checkRestAuthorizers, checkRestMethodAuthorization } from './validate-rest-auth.ts';
import { checkRestIntegration, MAPPED_TYPES } from './validate-rest-integration.ts';
import { checkTableKeys } from './validate-tables.ts';

export { describe } from './checker.ts';

const RESERVED_ROUTE_KEYS = new Set(['$connect', '$disconnect', '$default']);
/** AUTH-8, MAP-1: the two places a WebSocket API can take the API key from. */
const API_KEY_SELECTION_EXPRESSIONS: readonly string[] = ['$request.header.x-api-key', '$context.authorizer.usageIdentifierKey'];
/** Lambda function names: letters, digits, hyphens, underscores, 1–64 characters. */
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** API Gateway stage names. */
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;
/** Environment variable keys as Lambda accepts them. */
const ENV_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;
/** DynamoDB table names. */
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
/** HTTP-50: an exact origin, `*`, or a scheme wildcard. */
const ORIGIN = /^(\*|https?:\/\/\*|[a-z][a-z0-9+.-]*:\/\/[^/\s]+)$/;

/**
 * Checks a definition and returns it typed. Throws a ConfigError naming `source` and every wrong field.
 * Nothing downstream re-validates.
 */
export function validateService(input: unknown, source: string): ServiceModel {
  const check = new Checker();
  if (!check.isObject(input, '(service)')) throw new ConfigError(source, check.issues);
  check.string(input.name, 'name', /^[A-Za-z][A-Za-z0-9-]{0,127}$/, 'a service name of letters, digits and hyphens, starting with a letter');

  const layerNames = checkLayers(check, input.layers);
  const functionNames = new Set<string>();
  check.eachObject(input.functions, 'functions', (fn, path) => {
    if (check.string(fn.name, `${path}.name`, FUNCTION_NAME, 'a function name of 1-64 letters, digits, hyphens or underscores')) {
      check.unique(functionNames, fn.name, `${path}.name`, 'function name');
    }
    check.string(
      fn.handler,
      `${path}.handler`,
      /^(?:[^#]+#[A-Za-z_$][\w$.]*|[^#]*[^#/.][.][^#/]+)$/,
      'a handler "path/to/module.export" (as Lambda writes it) or "path/to/file.ts#export"',
    );
    if (fn.codeUri !== undefined) check.string(fn.codeUri, `${path}.codeUri`, /^.+$/, 'a folder relative to the service');
    const { timeoutSeconds, memoryMb } = LAMBDA_LIMITS;
    check.number(fn.timeoutSeconds, `${path}.timeoutSeconds`, timeoutSeconds.min, timeoutSeconds.max, 'seconds');
    check.number(fn.memoryMb, `${path}.memoryMb`, memoryMb.min, memoryMb.max, 'MB');
    check.stringMap(fn.environment, `${path}.environment`, ENV_KEY);
    check.isArray(fn.policies, `${path}.policies`);
    if (fn.reservedConcurrency !== undefined) check.number(fn.reservedConcurrency, `${path}.reservedConcurrency`, 0, 1000, 'concurrent invocations');
    checkShippingSettings(check, fn, path, input.tables);
    checkFunctionLayers(check, fn.layers, path, layerNames);
  });

  const tableNames = new Set<string>();
  check.eachObject(input.tables, 'tables', (table, path) => {
    if (check.string(table.name, `${path}.name`, TABLE_NAME, 'a table name of 3-255 letters, digits, "_", "-" or "."')) {
      check.unique(tableNames, table.name, `${path}.name`, 'table name');
    }
    checkTableKeys(check, table, path);
    if (!check.isObject(table.billing, `${path}.billing`)) return;
    if (table.billing.mode === 'PROVISIONED') {
      check.number(table.billing.readCapacity, `${path}.billing.readCapacity`, 1, 40_000, 'read capacity units');
      check.number(table.billing.writeCapacity, `${path}.billing.writeCapacity`, 1, 40_000, 'write capacity units');
    } else if (table.billing.mode !== 'PAY_PER_REQUEST') {
      check.fail(`${path}.billing.mode`, `expected "PROVISIONED" or "PAY_PER_REQUEST", got ${describe(table.billing.mode)}`);
    }
  });

  const apiNames = new Set<string>();
  check.eachObject(input.apis, 'apis', (api, path) => {
    if (check.string(api.name, `${path}.name`, /^.{1,128}$/, 'an API name of 1-128 characters')) check.unique(apiNames, api.name, `${path}.name`, 'API name');
    if (api.protocol === 'WEBSOCKET') checkWebSocketApi(check, api, path, functionNames);
    else if (api.protocol === 'HTTP') checkHttpApi(check, api, path, functionNames);
    else if (api.protocol === 'REST') checkRestApi(check, api, path, functionNames);
    else check.fail(`${path}.protocol`, `expected "WEBSOCKET", "HTTP" or "REST", got ${describe(api.protocol)}`);
  });

  checkApiKeys(check, input);
  checkUsagePlans(check, input, checkThrottling);

  const siteNames = new Set<string>();
  check.eachObject(input.sites, 'sites', (site, path) => {
    if (check.string(site.name, `${path}.name`, /^[A-Za-z0-9_-]{1,64}$/, 'a site name of letters, digits, hyphens or underscores')) {
      check.unique(siteNames, site.name, `${path}.name`, 'site name');
    }
    check.string(site.dir, `${path}.dir`, /^.+$/, 'a folder relative to the service');
  });

  check.eachObject(input.outputs, 'outputs', (output, path) => {
    check.string(output.name, `${path}.name`, /^[A-Za-z0-9]{1,255}$/, 'an output name of letters and digits');
    if (!check.isObject(output.value, `${path}.value`)) return;
    const { kind, api } = output.value;
    if ((kind === 'websocket-url' || kind === 'http-url') && !apiNames.has(String(api))) {
      check.fail(`${path}.value.api`, `expected the name of an API of this service, got ${describe(api)}`);
    }
  });

  if (check.issues.length > 0) throw new ConfigError(source, check.issues);
  return input as unknown as ServiceModel;
}

function checkStage(check: Checker, stage: unknown, path: string, allowDefault: boolean): stage is Fields {
  if (!check.isObject(stage, path)) return false;
  if (!(allowDefault && stage.name === '$default')) {
    const expected = `a stage name of letters, digits, hyphens or underscores${allowDefault ? ', or "$default"' : ''}`;
    check.string(stage.name, `${path}.name`, STAGE_NAME, expected);
  }
  check.stringMap(stage.variables, `${path}.variables`, /^[A-Za-z0-9_]+$/);
  return true;
}

/** REST-58: a method's function may be named through the stage's variables; the name they give must be a function of the service. */
function checkRestMethodFunction(check: Checker, method: Fields, path: string, functionNames: ReadonlySet<string>, stageVariables: Fields): void {
  if (typeof method.function !== 'string' || !namesStageVariable(method.function)) {
    checkRouteFunction(check, method, path, functionNames);
    return;
  }
  const resolved = resolveFunctionName(method.function, stageVariables);
  if ('missing' in resolved)
    check.fail(`${path}.function`, `expected stage variables the stage defines, got \${stageVariables.${resolved.missing}} with no such variable`);
  else if (!functionNames.has(resolved.name)) {
    check.fail(
      `${path}.function`,
      `expected the stage's variables to name a function of this service, "${method.function}" is "${resolved.name}", which is not defined`,
    );
  }
}

function checkRouteFunction(check: Checker, route: Fields, path: string, functionNames: ReadonlySet<string>): void {
  if (check.string(route.function, `${path}.function`) && !functionNames.has(route.function)) {
    check.fail(`${path}.function`, `expected the name of a function of this service, "${route.function}" is not defined`);
  }
}

/** A VTL template map: each template parses (MAP-30), else an issue naming it. */
function checkTemplates(check: Checker, templates: unknown, path: string): void {
  if (templates === undefined || !check.isObject(templates, path)) return;
  for (const [key, source] of Object.entries(templates)) {
    if (!check.string(source, `${path}.${key}`)) continue;
    try {
      compileTemplate(source);
    } catch (error) {
      check.fail(`${path}.${key}`, `expected a VTL mapping template (MAP-30): ${(error as Error).message.split('\n').join(' ')}`);
    }
  }
}

function checkTemplateSelection(check: Checker, expression: unknown, path: string): void {
  if (expression !== undefined) check.string(expression, path, /^.+$/, 'a template selection expression such as "${request.body.action}"');
}

const INTEGRATION_RESPONSE_KEY = /^(?:\$default|\/.+\/)$/;

const INTEGRATION_TYPES = ['MOCK', 'AWS', 'HTTP', 'HTTP_PROXY'];
const PASSTHROUGH_BEHAVIORS = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'];
const CONTENT_HANDLING = ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT'];
const TEMPLATED_FIELDS = ['requestTemplates', 'templateSelectionExpression', 'passthroughBehavior', 'contentHandlingStrategy', 'integrationResponses'];

function checkOneOf(check: Checker, value: unknown, path: string, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value as string)) {
    check.fail(path, `expected ${allowed.map((entry) => `"${entry}"`).join(', ')}, got ${describe(value)}`);
  }
}

/**
 * MAP-20..22: a message route's integration other than a Lambda proxy: MOCK and HTTP replace the function, AWS
 * (Lambda custom) names it; templates parse; HTTP targets are URLs with mappable parameters.
 */
function checkRouteIntegration(
  check: Checker,
  route: Fields,
  path: string,
  functionNames: ReadonlySet<string>,
  stageVariables: Readonly<Record<string, unknown>>,
): void {
  const integration = route.integration;
  const where = `${path}.integration`;
  if (!check.isObject(integration, where)) return;
  const type = integration.type;
  if (!INTEGRATION_TYPES.includes(type as string)) {
    check.fail(`${where}.type`, `expected "MOCK", "AWS", "HTTP" or "HTTP_PROXY", got ${describe(type)}`);
    return;
  }
  if (route.key === '$connect' || route.key === '$disconnect') {
    check.fail(where, `expected no ${String(type)} integration on ${String(route.key)}: only message routes have one`);
  }
  if (type === 'AWS') checkRouteFunction(check, route, path, functionNames);
  else if (route.function !== undefined)
    check.fail(`${path}.function`, `expected no function on a route with ${type === 'MOCK' ? 'a' : 'an'} ${String(type)} integration (MAP-22)`);
  if (type === 'HTTP' || type === 'HTTP_PROXY') checkHttpTarget(check, integration, where, stageVariables);
  if (type === 'HTTP_PROXY') {
    for (const field of TEMPLATED_FIELDS) {
      if (integration[field] !== undefined)
        check.fail(`${where}.${field}`, 'expected nothing: an HTTP_PROXY integration passes messages and responses unchanged');
    }
    return;
  }
  checkTemplates(check, integration.requestTemplates, `${where}.requestTemplates`);
  checkTemplateSelection(check, integration.templateSelectionExpression, `${where}.templateSelectionExpression`);
  checkOneOf(check, integration.passthroughBehavior, `${where}.passthroughBehavior`, PASSTHROUGH_BEHAVIORS);
  checkOneOf(check, integration.contentHandlingStrategy, `${where}.contentHandlingStrategy`, CONTENT_HANDLING);
  if (integration.integrationResponses === undefined) return;
  check.eachObject(integration.integrationResponses, `${where}.integrationResponses`, (response, responsePath) => {
    if (check.string(response.key, `${responsePath}.key`, INTEGRATION_RESPONSE_KEY, 'an integration response key: "$default" or a /regex/')) {
      if (response.key !== '$default') {
        try {
          new RegExp(response.key.slice(1, -1));
        } catch (error) {
          check.fail(`${responsePath}.key`, `expected a valid regular expression: ${(error as Error).message}`);
        }
      }
    }
    checkTemplates(check, response.responseTemplates, `${responsePath}.responseTemplates`);
    checkTemplateSelection(check, response.templateSelectionExpression, `${responsePath}.templateSelectionExpression`);
    checkOneOf(check, response.contentHandlingStrategy, `${responsePath}.contentHandlingStrategy`, CONTENT_HANDLING);
  });
}

/** `${stageVariables.<name>}` in an IntegrationUri, as the stage will replace it. */
const STAGE_VARIABLE_REFERENCE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

function checkHttpTarget(check: Checker, integration: Fields, where: string, stageVariables: Readonly<Record<string, unknown>>): void {
  const uri = integration.integrationUri;
  if (check.string(uri, `${where}.integrationUri`)) {
    const missing = [...uri.matchAll(STAGE_VARIABLE_REFERENCE)].map((match) => match[1] as string).filter((name) => typeof stageVariables[name] !== 'string');
    if (missing.length > 0)
      check.fail(`${where}.integrationUri`, `expected stage variables the stage defines, got \${stageVariables.${missing[0]}} with no such variable`);
    else
      check.string(
        uri.replace(STAGE_VARIABLE_REFERENCE, (_, name: string) => stageVariables[name] as string),
        `${where}.integrationUri`,
        /^https?:\/\/\S+$/,
        'an http:// or https:// URL',
      );
  }
  check.string(integration.integrationMethod, `${where}.integrationMethod`, /^[A-Za-z]+$/, 'an HTTP method such as "POST"');
  const parameters = integration.requestParameters;
  if (parameters === undefined || !check.isObject(parameters, `${where}.requestParameters`)) return;
  for (const [target, source] of Object.entries(parameters)) {
    const at = `${where}.requestParameters.${target}`;
    if (!REQUEST_PARAMETER_TARGET.test(target))
      check.fail(at, 'expected a key "integration.request.header.<Name>" or "integration.request.querystring.<name>"');
    check.string(source, at, REQUEST_PARAMETER_SOURCE, `"context.<variable>", "stageVariables.<name>", "route.request.body.<path>" or a 'static' value`);
  }
}

const stageVariablesOf = (stage: unknown): Readonly<Record<string, unknown>> => {
  const variables = (stage as { variables?: unknown } | null)?.variables;
  return typeof variables === 'object' && variables !== null ? (variables as Record<string, unknown>) : {};
};

function checkRouteCount(check: Checker, routes: unknown, path: string): void {
  if (Array.isArray(routes) && routes.length > MAX_ROUTES_PER_API)
    check.fail(path, `expected at most ${MAX_ROUTES_PER_API} routes (WS-72, HTTP-70), got ${routes.length}`);
}

function checkThrottling(check: Checker, throttling: unknown, path: string): void {
  if (throttling === undefined || !check.isObject(throttling, path)) return;
  check.number(throttling.burstLimit, `${path}.burstLimit`, 0, 5000, 'requests');
  check.number(throttling.rateLimit, `${path}.rateLimit`, 0, 10_000, 'requests per second', false);
}

function checkWebSocketApi(check: Checker, api: Fields, path: string, functionNames: ReadonlySet<string>): void {
  const expressionPath = `${path}.routeSelectionExpression`;
  if (check.string(api.routeSelectionExpression, expressionPath, /^.+$/, 'a route selection expression such as "$request.body.action"')) {
    const problem = checkSelectionExpression(api.routeSelectionExpression);
    if (problem) check.fail(expressionPath, `expected a selection expression such as "$request.body.action" (WS-21): ${problem}`);
  }
  if (checkStage(check, api.stage, `${path}.stage`, false)) checkThrottling(check, api.stage.throttling, `${path}.stage.throttling`);
  checkRouteCount(check, api.routes, `${path}.routes`);
  const modelNames = checkModels(check, api.models, `${path}.models`);
  const authorizerNames = checkWebSocketAuthorizers(check, api.authorizers, `${path}.authorizers`, functionNames);
  const keys = new Set<string>();
  check.eachObject(api.routes, `${path}.routes`, (route, routePath) => {
    checkThrottling(check, route.throttling, `${routePath}.throttling`);
    checkRequestModels(check, route, routePath, modelNames);
    checkRouteAuthorization(check, route, routePath, authorizerNames);
    if (check.string(route.key, `${routePath}.key`, /^.{1,128}$/, 'a route key')) {
      // WS-2: only the reserved keys may start with `$`.
      if (route.key.startsWith('$') && !RESERVED_ROUTE_KEYS.has(route.key)) {
        check.fail(`${routePath}.key`, `expected $connect, $disconnect, $default or a custom key not starting with "$", got "${route.key}"`);
      }
      check.unique(keys, route.key, `${routePath}.key`, 'route key');
    }
    if (route.integration === undefined) checkRouteFunction(check, route, routePath, functionNames);
    else checkRouteIntegration(check, route, routePath, functionNames, stageVariablesOf(api.stage));
    const responsePath = `${routePath}.routeResponseSelectionExpression`;
    if (route.routeResponseSelectionExpression !== undefined && route.routeResponseSelectionExpression !== '$default') {
      check.fail(responsePath, `expected "$default" (the only supported route response key, WS-40), got ${describe(route.routeResponseSelectionExpression)}`);
    }
    if (route.routeResponseSelectionExpression !== undefined && (route.key === '$connect' || route.key === '$disconnect')) {
      check.fail(responsePath, `expected no route response on ${route.key}: it never sends messages (WS-42)`);
    }
    const { min, max } = INTEGRATION_TIMEOUT_RANGE_MS;
    check.number(route.integrationTimeoutMs, `${routePath}.integrationTimeoutMs`, min, max, 'milliseconds');
    if (route.apiKeyRequired !== undefined) {
      if (typeof route.apiKeyRequired !== 'boolean') check.fail(`${routePath}.apiKeyRequired`, `expected true or false, got ${describe(route.apiKeyRequired)}`);
      // AUTH-1: only `$connect` is authorized; later messages ride on the connection it admitted.
      else if (route.apiKeyRequired && route.key !== '$connect')
        check.fail(`${routePath}.apiKeyRequired`, `expected apiKeyRequired only on $connect (AUTH-1), got it on ${route.key}`);
    }
  });
  const selection = api.apiKeySelectionExpression;
  if (selection !== undefined && !API_KEY_SELECTION_EXPRESSIONS.includes(selection as string)) {
    check.fail(
      `${path}.apiKeySelectionExpression`,
      `expected ${API_KEY_SELECTION_EXPRESSIONS.map((e) => `"${e}"`).join(' or ')} (AUTH-8), got ${describe(selection)}`,
    );
  }
}

/** AUTH-8: the service's API keys, and that a route requiring one has keys to accept. */
function checkApiKeys(check: Checker, input: Fields): void {
  const names = new Set<string>();
  const values = new Set<string>();
  if (input.apiKeys !== undefined) {
    check.eachObject(input.apiKeys, 'apiKeys', (key, path) => {
      if (check.string(key.name, `${path}.name`, /^.{1,1024}$/, 'an API key name of 1-1024 characters'))
        check.unique(names, key.name, `${path}.name`, 'API key name');
      // Unique values: the key a client sends must name one key, for `apiKeyId` in the events. UNVERIFIED: the characters AWS allows.
      if (check.string(key.value, `${path}.value`, /^[\x21-\x7e]{20,128}$/, 'an API key value of 20-128 printable characters without spaces')) {
        check.unique(values, key.value, `${path}.value`, 'API key value');
      }
    });
  }
  if (values.size > 0 || !Array.isArray(input.apis)) return;
  input.apis.forEach((api: Fields, i) => {
    if (api?.protocol !== 'WEBSOCKET' || !Array.isArray(api.routes)) return;
    api.routes.forEach((route: Fields, j) => {
      if (route?.apiKeyRequired === true)
        check.fail(`apis[${i}].routes[${j}].apiKeyRequired`, "expected at least one entry in the service's apiKeys: no client could connect");
    });
  });
}

/** AWS model names: letters and digits. */
const MODEL_NAME = /^[A-Za-z0-9]{1,128}$/;

/** MAP-10: each model is a JSON Schema draft 4 document that compiles; returns the names defined. */
function checkModels(check: Checker, models: unknown, path: string): ReadonlySet<string> {
  const names = new Set<string>();
  if (models === undefined || !check.isObject(models, path)) return names;
  let compile: ModelCompiler | undefined;
  for (const [name, model] of Object.entries(models)) {
    const modelPath = `${path}.${name}`;
    if (!MODEL_NAME.test(name)) check.fail(modelPath, `expected a model name of 1-128 letters and digits, got "${name}"`);
    names.add(name);
    if (!check.isObject(model, modelPath)) continue;
    if (model.contentType !== 'application/json') check.fail(`${modelPath}.contentType`, `expected "application/json", got ${describe(model.contentType)}`);
    if (!check.isObject(model.schema, `${modelPath}.schema`)) continue;
    compile ??= modelCompiler();
    const compiled = compile(model.schema);
    if (!compiled.ok) check.fail(`${modelPath}.schema`, `expected model "${name}" to be a JSON Schema draft 4 (MAP-10): ${compiled.problem}`);
  }
  return names;
}

/** MAP-1, MAP-2: a route's model selection expression and the models its keys name, set together. */
function checkRequestModels(check: Checker, route: Fields, routePath: string, modelNames: ReadonlySet<string>): void {
  const { modelSelectionExpression: expression, requestModels } = route;
  if (expression === undefined && requestModels === undefined) return;
  const expressionPath = `${routePath}.modelSelectionExpression`;
  const modelsPath = `${routePath}.requestModels`;
  if (route.key === '$connect' || route.key === '$disconnect') {
    check.fail(expression === undefined ? modelsPath : expressionPath, `expected no request models on ${route.key}: it carries no message body (MAP-10)`);
    return;
  }
  if (expression === undefined)
    check.fail(expressionPath, 'expected a model selection expression such as "$request.body.action" or "$default" with requestModels (MAP-1)');
  else if (check.string(expression, expressionPath, /^.+$/, 'a model selection expression such as "$request.body.action" or "$default"')) {
    const problem = checkSelectionExpression(expression);
    if (problem) check.fail(expressionPath, `expected a selection expression such as "$request.body.action" (MAP-1): ${problem}`);
  }
  if (requestModels === undefined) {
    check.fail(modelsPath, 'expected the models the selection keys name, e.g. { "$default": "Message" } (MAP-2)');
    return;
  }
  if (!check.isObject(requestModels, modelsPath)) return;
  const entries = Object.entries(requestModels);
  if (entries.length === 0) check.fail(modelsPath, 'expected at least one selection key, e.g. { "$default": "Message" } (MAP-2)');
  for (const [key, name] of entries) {
    if (typeof name !== 'string') check.fail(`${modelsPath}.${key}`, `expected a model name, got ${describe(name)}`);
    else if (!modelNames.has(name)) check.fail(`${modelsPath}.${key}`, `expected a model defined in the API's models, "${name}" is not`);
  }
}

/** AWS::ApiGatewayV2::Authorizer entries of a WebSocket API; returns the names routes may use. */
function checkWebSocketAuthorizers(check: Checker, authorizers: unknown, path: string, functionNames: ReadonlySet<string>): ReadonlySet<string> {
  const names = new Set<string>();
  if (authorizers === undefined) return names;
  check.eachObject(authorizers, path, (authorizer, authorizerPath) => {
    if (check.string(authorizer.name, `${authorizerPath}.name`, /^.{1,128}$/, 'an authorizer name of 1-128 characters')) {
      check.unique(names, authorizer.name, `${authorizerPath}.name`, 'authorizer name');
    }
    if (authorizer.authorizerType !== 'REQUEST') {
      check.fail(
        `${authorizerPath}.authorizerType`,
        `expected "REQUEST" (WebSocket APIs have no TOKEN authorizers, AUTH-1), got ${describe(authorizer.authorizerType)}`,
      );
    }
    checkRouteFunction(check, authorizer, authorizerPath, functionNames);
    if (!check.isArray(authorizer.identitySource, `${authorizerPath}.identitySource`)) return;
    authorizer.identitySource.forEach((source, i) => {
      if (typeof source !== 'string' || !parseIdentitySource(source)) {
        check.fail(`${authorizerPath}.identitySource[${i}]`, `expected ${IDENTITY_SOURCE_FORMS} (AUTH-2), got ${describe(source)}`);
      }
    });
  });
  return names;
}

/** AUTH-1: only `$connect` carries authorization, and a `CUSTOM` one names an authorizer of the API. */
function checkRouteAuthorization(check: Checker, route: Fields, path: string, authorizerNames: ReadonlySet<string>): void {
  const { authorizationType, authorizerId } = route;
  if (authorizationType === undefined && authorizerId === undefined) return;
  if (authorizationType !== undefined && authorizationType !== 'NONE' && authorizationType !== 'CUSTOM' && authorizationType !== 'AWS_IAM') {
    check.fail(`${path}.authorizationType`, `expected "NONE", "CUSTOM" or "AWS_IAM", got ${describe(authorizationType)}`);
    return;
  }
  if ((authorizationType === 'CUSTOM' || authorizationType === 'AWS_IAM') && route.key !== '$connect') {
    check.fail(
      `${path}.authorizationType`,
      `expected "NONE": only the $connect route can carry authorization (AUTH-1), got "${authorizationType}" on ${describe(route.key)}`,
    );
  }
  if (authorizationType === 'CUSTOM') {
    if (typeof authorizerId !== 'string' || !authorizerNames.has(authorizerId)) {
      check.fail(`${path}.authorizerId`, `expected the name of an authorizer of this API, got ${describe(authorizerId)}`);
    }
  } else if (authorizerId !== undefined) {
    check.fail(`${path}.authorizerId`, `expected no authorizerId without authorizationType "CUSTOM", got ${describe(authorizerId)}`);
  }
}

function checkHttpApi(check: Checker, api: Fields, path: string, functionNames: ReadonlySet<string>): void {
  if (checkStage(check, api.stage, `${path}.stage`, true)) {
    if (typeof api.stage.autoDeploy !== 'boolean') check.fail(`${path}.stage.autoDeploy`, `expected true or false, got ${describe(api.stage.autoDeploy)}`);
    checkThrottling(check, api.stage.throttling, `${path}.stage.throttling`);
  }
  checkRouteCount(check, api.routes, `${path}.routes`);
  const authorizers = checkHttpAuthorizers(check, api.authorizers, `${path}.authorizers`, functionNames);
  const keys = new Set<string>();
  check.eachObject(api.routes, `${path}.routes`, (route, routePath) => {
    checkHttpRouteAuthorization(check, route, routePath, authorizers);
    if (check.string(route.key, `${routePath}.key`)) {
      const parsed = parseHttpRouteKey(route.key);
      if (parsed.kind === 'invalid') check.fail(`${routePath}.key`, `${parsed.problem} (HTTP-10), in "${route.key}"`);
      check.unique(keys, route.key, `${routePath}.key`, 'route key');
    }
    if (route.integration === undefined) checkRouteFunction(check, route, routePath, functionNames);
    else checkHttpProxyIntegration(check, route, routePath, stageVariablesOf(api.stage));
    checkHttpParameterMappings(check, route, routePath);
    if (route.payloadFormatVersion !== '1.0' && route.payloadFormatVersion !== '2.0') {
      check.fail(`${routePath}.payloadFormatVersion`, `expected "1.0" or "2.0", got ${describe(route.payloadFormatVersion)}`);
    }
    const { min, max } = HTTP_INTEGRATION_TIMEOUT_RANGE_MS;
    check.number(route.integrationTimeoutMs, `${routePath}.integrationTimeoutMs`, min, max, 'milliseconds');
    checkThrottling(check, route.throttling, `${routePath}.throttling`);
  });
  if (api.cors === undefined || !check.isObject(api.cors, `${path}.cors`)) return;
  const cors = api.cors;
  check.stringArray(cors.allowOrigins, `${path}.cors.allowOrigins`, ORIGIN, 'an origin such as "https://example.com", "https://*" or "*"');
  check.stringArray(cors.allowMethods, `${path}.cors.allowMethods`, /^(\*|[A-Z]+)$/, 'an HTTP method or "*"');
  check.stringArray(cors.allowHeaders, `${path}.cors.allowHeaders`, /^(\*|[A-Za-z0-9!#$%&'*+.^_`|~-]+)$/, 'a header name or "*"');
  check.stringArray(cors.exposeHeaders, `${path}.cors.exposeHeaders`, /^(\*|[A-Za-z0-9!#$%&'*+.^_`|~-]+)$/, 'a header name or "*"');
  if (typeof cors.allowCredentials !== 'boolean') check.fail(`${path}.cors.allowCredentials`, `expected true or false, got ${describe(cors.allowCredentials)}`);
  if (cors.maxAgeSeconds !== undefined) check.number(cors.maxAgeSeconds, `${path}.cors.maxAgeSeconds`, -1, 86_400, 'seconds');
  // HTTP-50 Choice: browsers refuse credentials with a wildcard origin.
  if (cors.allowCredentials === true && Array.isArray(cors.allowOrigins) && cors.allowOrigins.includes('*')) {
    check.fail(`${path}.cors.allowCredentials`, 'expected false when allowOrigins contains "*": browsers refuse credentials with a wildcard origin (HTTP-50)');
  }
}

/** REST-12: what a method response header may be mapped from. */
const REST_RESPONSE_SOURCE =
  /^(integration\.response\.body(\.[A-Za-z0-9_$[\].-]+)?|integration\.response\.(multivalue)?header\.[A-Za-z0-9-]+|'[^']*'|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)$/;
const METHOD_RESPONSE_HEADER = /^method\.response\.header\.[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

function checkRestApi(check: Checker, api: Fields, path: string, functionNames: ReadonlySet<string>): void {
  if (checkStage(check, api.stage, `${path}.stage`, false)) checkThrottling(check, api.stage.throttling, `${path}.stage.throttling`);
  check.stringArray(api.binaryMediaTypes, `${path}.binaryMediaTypes`, /^[a-z*]+\/[A-Za-z0-9*+.-]+$/, 'a media type such as "image/png" or "*/*"');
  const names = checkRestApiParts(check, api, path);
  const authorizers = checkRestAuthorizers(check, api.authorizers, `${path}.authorizers`, functionNames);
  const keys = new Set<string>();
  check.eachObject(api.resources, `${path}.resources`, (resource, resourcePath) => {
    if (!check.string(resource.path, `${resourcePath}.path`)) return;
    check.eachObject(resource.methods, `${resourcePath}.methods`, (method, methodPath) => {
      const key = `${String(method.httpMethod)} ${resource.path}`;
      const parsed = parseHttpRouteKey(key);
      if (parsed.kind === 'invalid') check.fail(methodPath, `${parsed.problem} (REST-3), in "${key}"`);
      else check.unique(keys, key, `${methodPath}.httpMethod`, 'method of a resource');
      checkThrottling(check, method.throttling, `${methodPath}.throttling`);
      checkRestMethodParts(check, method, methodPath, String(resource.path), names);
      checkRestMethodAuthorization(check, method, methodPath, authorizers);
      const stageVariables = ((api.stage as Fields | undefined)?.variables ?? {}) as Fields;
      checkRestIntegration(check, method, methodPath, String(resource.path), stageVariables, () =>
        checkRestMethodFunction(check, method, methodPath, functionNames, stageVariables),
      );
      const { min, max } = INTEGRATION_TIMEOUT_RANGE_MS;
      check.number(method.integrationTimeoutMs, `${methodPath}.integrationTimeoutMs`, min, max, 'milliseconds');
      const declared = new Map<string, Fields>();
      check.eachObject(method.methodResponses, `${methodPath}.methodResponses`, (response, responsePath) => {
        if (check.string(response.statusCode, `${responsePath}.statusCode`, /^[1-5]\d\d$/, 'a status code such as "200"'))
          declared.set(response.statusCode, response);
        if (check.isObject(response.responseParameters, `${responsePath}.responseParameters`)) {
          for (const [name, required] of Object.entries(response.responseParameters)) {
            if (!METHOD_RESPONSE_HEADER.test(name))
              check.fail(`${responsePath}.responseParameters`, `expected keys "method.response.header.<Name>", got "${name}"`);
            if (typeof required !== 'boolean') check.fail(`${responsePath}.responseParameters.${name}`, `expected true or false, got ${describe(required)}`);
          }
        }
      });
      let defaults = 0;
      check.eachObject(method.integrationResponses, `${methodPath}.integrationResponses`, (response, responsePath) => {
        const status = response.statusCode;
        // REST-11: an integration response must lead to a declared method response.
        if (check.string(status, `${responsePath}.statusCode`, /^[1-5]\d\d$/, 'a status code such as "200"') && !declared.has(status)) {
          check.fail(`${responsePath}.statusCode`, `expected a status declared in methodResponses, "${status}" is not (REST-11)`);
        }
        if (response.selectionPattern === undefined) defaults += 1;
        else if (check.string(response.selectionPattern, `${responsePath}.selectionPattern`)) {
          try {
            new RegExp(response.selectionPattern);
          } catch (error) {
            check.fail(`${responsePath}.selectionPattern`, `expected a regular expression: ${(error as Error).message}`);
          }
        }
        if (!check.isObject(response.responseParameters, `${responsePath}.responseParameters`)) return;
        const allowed = declared.get(String(status))?.responseParameters as Record<string, boolean> | undefined;
        for (const [name, source] of Object.entries(response.responseParameters)) {
          const parameterPath = `${responsePath}.responseParameters.${name}`;
          if (!METHOD_RESPONSE_HEADER.test(name)) check.fail(parameterPath, 'expected a key "method.response.header.<Name>"');
          // REST-12: the header must be declared on the method response.
          else if (allowed && !(name in allowed))
            check.fail(parameterPath, `expected the header to be declared in the method response ${status}'s responseParameters (REST-12)`);
          if (typeof source !== 'string' || !REST_RESPONSE_SOURCE.test(source)) {
            check.fail(
              parameterPath,
              `expected integration.response.body[.path], integration.response.header.<name>, 'static text', context.<var> or stageVariables.<name>, got ${describe(source)}`,
            );
          }
        }
      });
      if (MAPPED_TYPES.has(String(method.integration)) && defaults !== 1) {
        check.fail(`${methodPath}.integrationResponses`, `expected exactly one response without selectionPattern (the default, REST-11), got ${defaults}`);
      }
    });
  });
}
