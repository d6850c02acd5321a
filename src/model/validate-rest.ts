/** REST-30..38: a REST API's gateway responses, models, request validators and API keys, and the service's usage plans. */
import { type ModelCompiler, modelCompiler } from '../validation/index.ts';
import { type Checker, describe, type Fields } from './checker.ts';
import type { RestGatewayResponseType } from './types.ts';

/** REST-30: every type API Gateway lets an API customize. */
export const REST_GATEWAY_RESPONSE_TYPES = [
  'ACCESS_DENIED',
  'API_CONFIGURATION_ERROR',
  'AUTHORIZER_CONFIGURATION_ERROR',
  'AUTHORIZER_FAILURE',
  'BAD_REQUEST_PARAMETERS',
  'BAD_REQUEST_BODY',
  'DEFAULT_4XX',
  'DEFAULT_5XX',
  'EXPIRED_TOKEN',
  'INTEGRATION_FAILURE',
  'INTEGRATION_TIMEOUT',
  'INVALID_API_KEY',
  'INVALID_SIGNATURE',
  'MISSING_AUTHENTICATION_TOKEN',
  'QUOTA_EXCEEDED',
  'REQUEST_TOO_LARGE',
  'RESOURCE_NOT_FOUND',
  'THROTTLED',
  'UNAUTHORIZED',
  'UNSUPPORTED_MEDIA_TYPE',
  'WAF_FILTERED',
] as const satisfies readonly RestGatewayResponseType[];

const TYPES: ReadonlySet<string> = new Set(REST_GATEWAY_RESPONSE_TYPES);
const STATUS = /^[1-5]\d\d$/;
const GATEWAY_RESPONSE_HEADER = /^gatewayresponse\.header\.[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
/** REST-31: what a gateway response header may be mapped from. */
const GATEWAY_RESPONSE_SOURCE = /^('[^']*'|method\.request\.(header|querystring|path)\.[^\s.][^\s]*|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+)$/;
const MEDIA_TYPE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+*-]+$/;
const MODEL_NAME = /^[A-Za-z0-9]{1,128}$/;
/** REST-34: the parameters a method can require. */
const REQUEST_PARAMETER = /^method\.request\.(querystring|header|path)\.([^\s.][^\s]*)$/;

export interface RestApiNames {
  models: ReadonlySet<string>;
  validators: ReadonlySet<string>;
}

function checkGatewayResponses(check: Checker, responses: unknown, path: string): void {
  if (responses === undefined) return;
  const seen = new Set<string>();
  check.eachObject(responses, path, (response, at) => {
    if (!TYPES.has(String(response.responseType))) {
      check.fail(
        `${at}.responseType`,
        `expected a gateway response type such as "DEFAULT_4XX" or "INVALID_API_KEY" (REST-30), got ${describe(response.responseType)}`,
      );
    } else check.unique(seen, response.responseType, `${at}.responseType`, 'gateway response type');
    if (response.statusCode !== undefined) check.string(response.statusCode, `${at}.statusCode`, STATUS, 'a status code such as "404"');
    if (response.responseParameters !== undefined && check.isObject(response.responseParameters, `${at}.responseParameters`)) {
      for (const [target, source] of Object.entries(response.responseParameters)) {
        const parameterPath = `${at}.responseParameters.${target}`;
        if (!GATEWAY_RESPONSE_HEADER.test(target)) check.fail(parameterPath, 'expected a key "gatewayresponse.header.<Name>" (REST-31)');
        if (typeof source !== 'string' || !GATEWAY_RESPONSE_SOURCE.test(source)) {
          check.fail(
            parameterPath,
            `expected 'static text', method.request.header|querystring|path.<name>, stageVariables.<name> or context.<var> (REST-31), got ${describe(source)}`,
          );
        }
      }
    }
    if (response.responseTemplates !== undefined && check.isObject(response.responseTemplates, `${at}.responseTemplates`)) {
      for (const [contentType, template] of Object.entries(response.responseTemplates)) {
        if (!MEDIA_TYPE.test(contentType)) check.fail(`${at}.responseTemplates.${contentType}`, 'expected a media type such as "application/json" as the key');
        if (typeof template !== 'string') check.fail(`${at}.responseTemplates.${contentType}`, `expected a template string, got ${describe(template)}`);
      }
    }
  });
}

function checkModels(check: Checker, models: unknown, path: string): ReadonlySet<string> {
  const names = new Set<string>();
  if (models === undefined || !check.isObject(models, path)) return names;
  let compile: ModelCompiler | undefined;
  for (const [name, model] of Object.entries(models)) {
    const at = `${path}.${name}`;
    if (!MODEL_NAME.test(name)) check.fail(at, `expected a model name of 1-128 letters and digits, got "${name}"`);
    names.add(name);
    if (!check.isObject(model, at)) continue;
    check.string(model.contentType, `${at}.contentType`, MEDIA_TYPE, 'a media type such as "application/json"');
    if (!check.isObject(model.schema, `${at}.schema`)) continue;
    compile ??= modelCompiler();
    const compiled = compile(model.schema);
    if (!compiled.ok) check.fail(`${at}.schema`, `expected model "${name}" to be a JSON Schema draft 4 (REST-35): ${compiled.problem}`);
  }
  return names;
}

function checkValidators(check: Checker, validators: unknown, path: string): ReadonlySet<string> {
  const names = new Set<string>();
  if (validators === undefined) return names;
  check.eachObject(validators, path, (validator, at) => {
    if (check.string(validator.name, `${at}.name`, /^.{1,128}$/, 'a validator name of 1-128 characters'))
      check.unique(names, validator.name, `${at}.name`, 'request validator name');
    for (const field of ['validateRequestBody', 'validateRequestParameters'] as const) {
      if (typeof validator[field] !== 'boolean') check.fail(`${at}.${field}`, `expected true or false, got ${describe(validator[field])}`);
    }
  });
  return names;
}

/** The API-level parts; returns what methods may name. */
export function checkRestApiParts(check: Checker, api: Fields, path: string): RestApiNames {
  checkGatewayResponses(check, api.gatewayResponses, `${path}.gatewayResponses`);
  if (api.apiKeySource !== undefined && api.apiKeySource !== 'HEADER' && api.apiKeySource !== 'AUTHORIZER') {
    check.fail(
      `${path}.apiKeySource`,
      `expected "HEADER" (REST-36: keys from the x-api-key header) or "AUTHORIZER" (REST-45: the authorizer's usageIdentifierKey), got ${describe(api.apiKeySource)}`,
    );
  }
  return { models: checkModels(check, api.models, `${path}.models`), validators: checkValidators(check, api.requestValidators, `${path}.requestValidators`) };
}

/** A method's key requirement, required parameters, validator and models. */
export function checkRestMethodParts(check: Checker, method: Fields, path: string, resourcePath: string, names: RestApiNames): void {
  if (method.apiKeyRequired !== undefined && typeof method.apiKeyRequired !== 'boolean') {
    check.fail(`${path}.apiKeyRequired`, `expected true or false, got ${describe(method.apiKeyRequired)}`);
  }
  if (method.requestParameters !== undefined && check.isObject(method.requestParameters, `${path}.requestParameters`)) {
    for (const [parameter, required] of Object.entries(method.requestParameters)) {
      const at = `${path}.requestParameters.${parameter}`;
      const parsed = parameter.match(REQUEST_PARAMETER);
      if (!parsed) check.fail(at, 'expected a key "method.request.querystring|header|path.<name>" (REST-34)');
      else if (parsed[1] === 'path' && !resourcePath.includes(`{${parsed[2]}}`) && !resourcePath.includes(`{${parsed[2]}+}`)) {
        check.fail(at, `expected a path parameter of the resource "${resourcePath}"`);
      }
      if (typeof required !== 'boolean') check.fail(at, `expected true (required) or false, got ${describe(required)}`);
    }
  }
  if (method.requestValidatorId !== undefined && !names.validators.has(String(method.requestValidatorId))) {
    check.fail(`${path}.requestValidatorId`, `expected the name of one of the API's requestValidators, got ${describe(method.requestValidatorId)}`);
  }
  if (method.requestModels !== undefined && check.isObject(method.requestModels, `${path}.requestModels`)) {
    for (const [contentType, model] of Object.entries(method.requestModels)) {
      const at = `${path}.requestModels.${contentType}`;
      if (contentType !== '$default' && !MEDIA_TYPE.test(contentType)) check.fail(at, 'expected a media type or "$default" as the key (REST-35)');
      if (!names.models.has(String(model))) check.fail(at, `expected the name of one of the API's models, got ${describe(model)}`);
    }
  }
}

type ThrottlingCheck = (check: Checker, throttling: unknown, path: string) => void;

/** REST-36..38: the service's usage plans, and that every method requiring a key has a plan and a key to admit. */
export function checkUsagePlans(check: Checker, input: Fields, checkThrottling: ThrottlingCheck): void {
  const keyNames = new Set(Array.isArray(input.apiKeys) ? input.apiKeys.map((key: Fields) => key?.name) : []);
  const restApis = new Map<string, Fields>();
  if (Array.isArray(input.apis))
    for (const api of input.apis as Fields[]) if (api?.protocol === 'REST' && typeof api.name === 'string') restApis.set(api.name, api);
  // `api\0stage` → key names linked to it, to find keys in two plans of one stage and methods no key can call.
  const stageKeys = new Map<string, Map<string, string>>();
  if (input.usagePlans !== undefined) {
    const planNames = new Set<string>();
    check.eachObject(input.usagePlans, 'usagePlans', (plan, at) => {
      if (check.string(plan.name, `${at}.name`, /^.{1,255}$/, 'a usage plan name')) check.unique(planNames, plan.name, `${at}.name`, 'usage plan name');
      checkThrottling(check, plan.throttle, `${at}.throttle`);
      if (plan.quota !== undefined && check.isObject(plan.quota, `${at}.quota`)) {
        const { limit, period, offset } = plan.quota;
        check.number(limit, `${at}.quota.limit`, 0, Number.MAX_SAFE_INTEGER, 'requests');
        if (period !== 'DAY' && period !== 'WEEK' && period !== 'MONTH')
          check.fail(`${at}.quota.period`, `expected "DAY", "WEEK" or "MONTH", got ${describe(period)}`);
        if (offset !== undefined && typeof limit === 'number') check.number(offset, `${at}.quota.offset`, 0, Math.max(0, limit - 1), 'requests');
      }
      const planKeys: string[] = [];
      if (check.stringArray(plan.apiKeys, `${at}.apiKeys`)) {
        plan.apiKeys.forEach((name, i) => {
          if (!keyNames.has(name)) check.fail(`${at}.apiKeys[${i}]`, `expected the name of one of the service's apiKeys, got ${describe(name)}`);
          else planKeys.push(name);
        });
      }
      check.eachObject(plan.apiStages, `${at}.apiStages`, (apiStage, stagePath) => {
        const api = restApis.get(String(apiStage.api));
        if (!api) {
          check.fail(`${stagePath}.api`, `expected the name of a REST API of this service, got ${describe(apiStage.api)}`);
          return;
        }
        const stageName = (api.stage as Fields | undefined)?.name;
        if (apiStage.stage !== stageName)
          check.fail(`${stagePath}.stage`, `expected the stage of API "${apiStage.api}", "${String(stageName)}", got ${describe(apiStage.stage)}`);
        if (apiStage.throttle !== undefined && check.isObject(apiStage.throttle, `${stagePath}.throttle`)) {
          const methods = methodPlanKeys(api);
          for (const [methodKey, throttle] of Object.entries(apiStage.throttle)) {
            if (!methods.has(methodKey)) check.fail(`${stagePath}.throttle.${methodKey}`, 'expected "/resource/path/METHOD" naming a method of the API');
            checkThrottling(check, throttle, `${stagePath}.throttle.${methodKey}`);
          }
        }
        const id = `${apiStage.api}\0${String(apiStage.stage)}`;
        const linked = stageKeys.get(id) ?? new Map<string, string>();
        for (const key of planKeys) {
          const other = linked.get(key);
          // AWS refuses a key in two plans of one stage: which plan would meter it?
          if (other !== undefined && other !== plan.name)
            check.fail(`${at}.apiKeys`, `expected each key in one plan per stage, "${key}" is also in "${other}" for ${apiStage.api}`);
          linked.set(key, String(plan.name));
        }
        stageKeys.set(id, linked);
      });
    });
  }
  [...restApis.values()].forEach((api) => {
    const index = (input.apis as Fields[]).indexOf(api);
    const keys = stageKeys.get(`${api.name}\0${String((api.stage as Fields | undefined)?.name)}`);
    if (keys && keys.size > 0) return;
    eachMethod(api, (method, at) => {
      if (method.apiKeyRequired === true)
        check.fail(
          `apis[${index}].${at}.apiKeyRequired`,
          'expected a usage plan with at least one API key for this API stage (REST-36): no client could call the method',
        );
    });
  });
}

function eachMethod(api: Fields, each: (method: Fields, path: string, resourcePath: string) => void): void {
  if (!Array.isArray(api.resources)) return;
  (api.resources as Fields[]).forEach((resource, i) => {
    if (!Array.isArray(resource?.methods)) return;
    (resource.methods as Fields[]).forEach((method, j) => {
      if (method) each(method, `resources[${i}].methods[${j}]`, String(resource.path));
    });
  });
}

function methodPlanKeys(api: Fields): ReadonlySet<string> {
  const keys = new Set<string>();
  eachMethod(api, (method, _path, resourcePath) => keys.add(`${resourcePath === '/' ? '' : resourcePath}/${String(method.httpMethod)}`));
  return keys;
}
