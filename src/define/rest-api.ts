/** `restApi()`: a REST API (API Gateway v1) with resources, methods, Lambda proxy and Lambda custom integrations. */

import { INTEGRATION_TIMEOUT_RANGE_MS } from '../limits.ts';
import type {
  JsonSchemaDraft4,
  RestApiModel,
  RestGatewayResponseModel,
  RestGatewayResponseType,
  RestHttpMethod,
  RestIntegrationResponseModel,
  RestMethodModel,
  RestMethodResponseModel,
  RestModel,
  RestRequestValidatorModel,
  RestStageModel,
  ThrottlingModel,
} from '../model/types.ts';
import { optionsObject } from './arguments.ts';
import type { FunctionDefinition, FunctionUse } from './function.ts';

export interface RestApiOptions {
  name: string;
  /** THR-2: `throttling` is the stage's default for every method. */
  stage: string | { name: string; variables?: Record<string, string>; throttling?: ThrottlingModel };
  /** REST-4: media types handled as binary. */
  binaryMediaTypes?: string[];
  /** REST-36: where keys are read from; only `HEADER` (`x-api-key`). @default 'HEADER' */
  apiKeySource?: 'HEADER';
}

/** REST-31: a customized gateway response (AWS::ApiGateway::GatewayResponse). */
export interface GatewayResponseOptions {
  statusCode?: string | number;
  /** `{ 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" }`; values also `method.request.header.X`, `context.requestId`, … */
  responseParameters?: Record<string, string>;
  /** `{ 'application/json': '{"error":$context.error.messageString,"id":"$context.requestId"}' }` */
  responseTemplates?: Record<string, string>;
}

/** REST-33: AWS::ApiGateway::RequestValidator. */
export interface RequestValidatorOptions {
  validateRequestBody?: boolean;
  validateRequestParameters?: boolean;
}

export interface RestMethodOptions {
  /** `proxy` (default): Lambda proxy. `custom`: Lambda custom integration with response mapping. */
  integration?: 'proxy' | 'custom';
  /** REST-2: 50–29000 ms. @default 29000 */
  integrationTimeoutMs?: number;
  /** Custom integrations: `{ 200: { 'method.response.header.Location': true } }`. @default { 200: {} } */
  methodResponses?: Record<string, Record<string, boolean>>;
  /** Custom integrations: the default (no selectionPattern) and error responses. @default [{ statusCode: '200' }] */
  integrationResponses?: Array<{ statusCode: string | number; selectionPattern?: string; responseParameters?: Record<string, string> }>;
  /** THR-2: overrides the stage's throttling for this method. */
  throttling?: ThrottlingModel;
  /** REST-36: clients must send an `x-api-key` of a usage plan for this stage. */
  apiKeyRequired?: boolean;
  /** REST-34: `{ 'method.request.querystring.q': true, 'method.request.header.X-Tenant': true }` (true: required). */
  requestParameters?: Record<string, boolean>;
  /** REST-33: the name of a validator declared with `api.requestValidator(name, …)`. */
  requestValidator?: string;
  /** REST-35: content type (or `$default`) → the name of a model declared with `api.model(name, …)`. */
  requestModels?: Record<string, string>;
}

interface MethodEntry {
  httpMethod: RestHttpMethod;
  fn: FunctionDefinition;
  options: RestMethodOptions;
}

export class RestResourceDefinition {
  readonly path: string;
  readonly methods: MethodEntry[] = [];

  constructor(path: string) {
    this.path = path;
  }

  /** Adds a method served by `fn`. */
  method(httpMethod: RestHttpMethod, fn: FunctionDefinition, options: RestMethodOptions = {}): this {
    this.methods.push({ httpMethod, fn, options });
    return this;
  }
}

function methodModel({ httpMethod, fn, options }: MethodEntry): RestMethodModel {
  const custom = options.integration === 'custom';
  const methodResponses: RestMethodResponseModel[] = custom
    ? Object.entries(options.methodResponses ?? { 200: {} }).map(([statusCode, responseParameters]) => ({
        statusCode,
        responseParameters: { ...responseParameters },
      }))
    : [];
  const integrationResponses: RestIntegrationResponseModel[] = custom
    ? (options.integrationResponses ?? [{ statusCode: '200' }]).map((response) => ({
        statusCode: String(response.statusCode),
        ...(response.selectionPattern === undefined ? {} : { selectionPattern: response.selectionPattern }),
        responseParameters: { ...response.responseParameters },
      }))
    : [];
  return {
    httpMethod,
    function: fn.name,
    integration: custom ? 'AWS' : 'AWS_PROXY',
    integrationTimeoutMs: options.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_RANGE_MS.default,
    methodResponses,
    integrationResponses,
    ...(options.throttling ? { throttling: { ...options.throttling } } : {}),
    ...(options.apiKeyRequired === undefined ? {} : { apiKeyRequired: options.apiKeyRequired }),
    ...(options.requestParameters ? { requestParameters: { ...options.requestParameters } } : {}),
    ...(options.requestValidator === undefined ? {} : { requestValidatorId: options.requestValidator }),
    ...(options.requestModels ? { requestModels: { ...options.requestModels } } : {}),
  };
}

export class RestApiDefinition {
  readonly options: RestApiOptions;
  private readonly resources = new Map<string, RestResourceDefinition>();
  private readonly gatewayResponses: RestGatewayResponseModel[] = [];
  private readonly models: Record<string, RestModel> = {};
  private readonly validators: RestRequestValidatorModel[] = [];

  constructor(options: RestApiOptions) {
    this.options = options;
  }

  get name(): string {
    return this.options.name;
  }

  /** The resource at `path`, created on first use (`/hello`, `/items/{id}`, `/{proxy+}`). */
  resource(path: string): RestResourceDefinition {
    let resource = this.resources.get(path);
    if (!resource) {
      resource = new RestResourceDefinition(path);
      this.resources.set(path, resource);
    }
    return resource;
  }

  /**
   * REST-31: customizes the gateway's answer of one type, or of every 4XX/5XX type (`DEFAULT_4XX`, `DEFAULT_5XX`).
   * @example api.gatewayResponse('MISSING_AUTHENTICATION_TOKEN', { statusCode: 404, responseTemplates: { 'application/json': '{"message":"Not found"}' } })
   */
  gatewayResponse(responseType: RestGatewayResponseType, options: GatewayResponseOptions = {}): this {
    this.gatewayResponses.push({
      responseType,
      ...(options.statusCode === undefined ? {} : { statusCode: String(options.statusCode) }),
      ...(options.responseParameters ? { responseParameters: { ...options.responseParameters } } : {}),
      ...(options.responseTemplates ? { responseTemplates: { ...options.responseTemplates } } : {}),
    });
    return this;
  }

  /** REST-35: a JSON Schema (draft 4) model that methods' `requestModels` name. @default contentType 'application/json' */
  model(name: string, schema: JsonSchemaDraft4, options: { contentType?: string } = {}): this {
    this.models[name] = { contentType: options.contentType ?? 'application/json', schema };
    return this;
  }

  /** REST-33: a request validator that methods' `requestValidator` names. */
  requestValidator(name: string, options: RequestValidatorOptions): this {
    this.validators.push({
      name,
      validateRequestBody: options.validateRequestBody ?? false,
      validateRequestParameters: options.validateRequestParameters ?? false,
    });
    return this;
  }

  /** The functions its methods call, with where each is used. */
  functionUses(): FunctionUse[] {
    return [...this.resources.values()].flatMap((resource, resourceIndex) =>
      resource.methods.map((method, methodIndex) => ({
        fn: method.fn,
        path: `resources[${resourceIndex}].methods[${methodIndex}]`,
        label: `method "${method.httpMethod} ${resource.path}"`,
      })),
    );
  }

  toModel(): RestApiModel {
    const option = this.options.stage;
    // A missing stage is left for the model's validator to report, with the field's path.
    const stage: RestStageModel =
      typeof option !== 'object' || option === null
        ? { name: option as string, variables: {} }
        : { name: option.name, variables: { ...option.variables }, ...(option.throttling ? { throttling: { ...option.throttling } } : {}) };
    return {
      protocol: 'REST',
      name: this.options.name,
      stage,
      binaryMediaTypes: [...(this.options.binaryMediaTypes ?? [])],
      resources: [...this.resources.values()].map((resource) => ({ path: resource.path, methods: resource.methods.map(methodModel) })),
      ...(this.gatewayResponses.length > 0 ? { gatewayResponses: this.gatewayResponses.map((response) => ({ ...response })) } : {}),
      ...(Object.keys(this.models).length > 0 ? { models: { ...this.models } } : {}),
      ...(this.validators.length > 0 ? { requestValidators: this.validators.map((validator) => ({ ...validator })) } : {}),
      ...(this.options.apiKeySource ? { apiKeySource: this.options.apiKeySource } : {}),
    };
  }
}

/**
 * Declares a REST API.
 * @example restApi({ name: 'hello', stage: 'prod' }).resource('/hello').method('GET', hello)
 * @example restApi({ name: 'hello', stage: { name: 'prod', throttling: { burstLimit: 10, rateLimit: 50 } } })
 */
export function restApi(options: RestApiOptions): RestApiDefinition {
  return new RestApiDefinition(optionsObject('restApi(options)', options, 'an object such as { name: "location", stage: "v1" }'));
}
