/**
 * `restApi()`: a REST API (API Gateway v1) with resources and methods: Lambda proxy and Lambda custom integrations,
 * MOCK, HTTP and HTTP_PROXY integrations, mapping templates and CORS.
 */

import { INTEGRATION_TIMEOUT_RANGE_MS } from '../limits.ts';
import type {
  JsonSchemaDraft4,
  RestApiModel,
  RestAuthorizerModel,
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
import { corsGatewayResponses, preflightMethod, type RestCorsOptions, withCorsHeaders } from './rest-cors.ts';

export interface RestApiOptions {
  name: string;
  /** THR-2: `throttling` is the stage's default for every method. */
  stage: string | { name: string; variables?: Record<string, string>; throttling?: ThrottlingModel };
  /** REST-4: media types handled as binary. */
  binaryMediaTypes?: string[];
  /** REST-36, REST-45: where keys are read from: `HEADER` (`x-api-key`) or `AUTHORIZER` (its `usageIdentifierKey`). @default 'HEADER' */
  apiKeySource?: 'HEADER' | 'AUTHORIZER';
  /** REST-56: CORS on every resource (`true`: the console's defaults). */
  cors?: boolean | RestCorsOptions;
}

/** REST-40..44: a Lambda authorizer (AWS::ApiGateway::Authorizer). */
export interface RestAuthorizerOptions {
  /** `TOKEN`: the function gets one header's value. `REQUEST`: the request's headers, query, path and context. @default 'TOKEN' */
  type?: 'TOKEN' | 'REQUEST';
  /**
   * TOKEN: one `method.request.header.<Name>`. REQUEST: `method.request.header.<Name>`, `method.request.querystring.<name>`,
   * `stageVariables.<name>`, `context.<var>`, as a list or one string separated by commas.
   * @default 'method.request.header.Authorization' for TOKEN, none for REQUEST
   */
  identitySource?: string | string[];
  /** REST-41, TOKEN only: a regular expression the whole token must match, else 401 without invoking. */
  identityValidationExpression?: string;
  /** REST-44: 0-3600 s, 0 disables caching. @default 300 */
  resultTtlInSeconds?: number;
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

/** REST-11..13, REST-52, REST-53: an integration response (AWS::ApiGateway::Method IntegrationResponse). */
export interface RestIntegrationResponseOptions {
  statusCode: string | number;
  /** A regular expression matched in full against a Lambda error's message, or an HTTP/MOCK status code. */
  selectionPattern?: string;
  /** `{ 'method.response.header.Location': 'integration.response.body.location' }` */
  responseParameters?: Record<string, string>;
  /** REST-13: content type → VTL template of the method response body. */
  responseTemplates?: Record<string, string>;
  /** REST-57: `CONVERT_TO_BINARY` decodes a base64 body (a Lambda's image) to bytes; `CONVERT_TO_TEXT` encodes a binary one. */
  contentHandling?: 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT';
}

/** What every mapped integration (Lambda custom, MOCK, HTTP) takes. */
export interface RestMappingOptions {
  /** REST-2: 50–29000 ms. @default 29000 */
  integrationTimeoutMs?: number;
  /** REST-10: content type → VTL template of the integration request. */
  requestTemplates?: Record<string, string>;
  /** REST-10: what a request no template takes does. @default 'WHEN_NO_MATCH' */
  passthroughBehavior?: 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER';
  /** REST-57: `CONVERT_TO_TEXT` gives templates and Lambda a binary request as base64; `CONVERT_TO_BINARY` sends base64 text as bytes. */
  contentHandling?: 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT';
  /** `{ 200: { 'method.response.header.Location': true } }`. @default { 200: {} } */
  methodResponses?: Record<string, Record<string, boolean>>;
  /** The default (no selectionPattern) and the selected responses. @default [{ statusCode: '200' }] */
  integrationResponses?: RestIntegrationResponseOptions[];
}

/** Options every method takes, whatever its integration. */
export interface RestMethodCommonOptions {
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
  /** REST-40, REST-46: the name of an authorizer declared with `api.authorizer(name, fn, …)` or `api.cognitoAuthorizer(name, …)`. */
  authorizer?: string;
  /** REST-47, with a Cognito authorizer: access tokens must carry one of these; without them the method takes id tokens. */
  authorizationScopes?: string[] /** REST-49: `AWS_IAM` takes SigV4-signed requests only (instead of an `authorizer`). */;
  authorization?: 'AWS_IAM';
}

/** REST-46: a Cognito user pool authorizer (AWS::ApiGateway::Authorizer with Type COGNITO_USER_POOLS). */
export interface RestCognitoAuthorizerOptions {
  /** User pool ARNs, or `localIssuer` for the gateway's own issuer (tokens from `hoplite token`). */
  providerARNs: string[];
  /** One `method.request.header.<Name>`. @default 'method.request.header.Authorization' */
  identitySource?: string;
  /** REST-47: a regular expression the token's `aud` (its app client id) must match. */
  identityValidationExpression?: string;
}

export interface RestMethodOptions extends RestMethodCommonOptions, RestMappingOptions {
  /** `proxy` (default): Lambda proxy. `custom`: Lambda custom integration with mapping. */
  integration?: 'proxy' | 'custom';
}

/** REST-52: a MOCK method; its request template's `statusCode` selects the integration response. */
export interface RestMockOptions extends RestMethodCommonOptions, RestMappingOptions {}

/** REST-53, REST-54: an HTTP or HTTP_PROXY method. */
export interface RestHttpOptions extends RestMethodCommonOptions, RestMappingOptions {
  /** IntegrationHttpMethod. @default the method's own (`ANY`: the request's method) */
  integrationHttpMethod?: string;
  /** REST-55: `{ 'integration.request.header.X-Tenant': 'method.request.header.X-Tenant', 'integration.request.path.id': 'method.request.path.id' }` */
  integrationRequestParameters?: Record<string, string>;
}

/** REST-58: a function name given through the stage's variables. */
export type StageVariableFunction = `${string}\${stageVariables.${string}}${string}`;

type MethodEntry =
  | { kind: 'lambda'; httpMethod: RestHttpMethod; fn: FunctionDefinition | StageVariableFunction; options: RestMethodOptions }
  | { kind: 'MOCK'; httpMethod: RestHttpMethod; options: RestMockOptions }
  | { kind: 'HTTP' | 'HTTP_PROXY'; httpMethod: RestHttpMethod; uri: string; options: RestHttpOptions };

export class RestResourceDefinition {
  readonly path: string;
  readonly methods: MethodEntry[] = [];
  /** REST-56: set by `cors()`; the API's `cors` applies otherwise. */
  corsOptions: RestCorsOptions | undefined;

  constructor(path: string) {
    this.path = path;
  }

  /**
   * Adds a method served by `fn`, or (REST-58) by the function a stage variable names, e.g. `'${stageVariables.handler}'`:
   * declare those functions in `service(name, { functions })`.
   */
  method(httpMethod: RestHttpMethod, fn: FunctionDefinition | StageVariableFunction, options: RestMethodOptions = {}): this {
    this.methods.push({ kind: 'lambda', httpMethod, fn, options });
    return this;
  }

  /**
   * REST-52: a MOCK method. @default requestTemplates { 'application/json': '{"statusCode": 200}' }
   * @example resource.mock('GET', { integrationResponses: [{ statusCode: 200, responseTemplates: { 'application/json': '{"ok":true}' } }] })
   */
  mock(httpMethod: RestHttpMethod, options: RestMockOptions = {}): this {
    this.methods.push({ kind: 'MOCK', httpMethod, options });
    return this;
  }

  /**
   * REST-53: an HTTP integration with mapping templates; `${stageVariables.x}` in the URL, `{name}` filled by
   * `integrationRequestParameters`.
   * @example resource.http('GET', 'http://${stageVariables.backend}/pets/{id}', { integrationRequestParameters: { 'integration.request.path.id': 'method.request.path.id' } })
   */
  http(httpMethod: RestHttpMethod, uri: string, options: RestHttpOptions = {}): this {
    this.methods.push({ kind: 'HTTP', httpMethod, uri, options });
    return this;
  }

  /**
   * REST-54: an HTTP_PROXY integration. A `{name}` in the URL that is a path parameter of the resource is mapped from
   * it, as the console does for `{proxy+}`.
   * @example api.resource('/{proxy+}').httpProxy('ANY', 'http://localhost:4000/{proxy}')
   */
  httpProxy(httpMethod: RestHttpMethod, uri: string, options: RestHttpOptions = {}): this {
    this.methods.push({ kind: 'HTTP_PROXY', httpMethod, uri, options });
    return this;
  }

  /** REST-56: CORS on this resource (an OPTIONS preflight method, the headers on mapped methods' 200 responses). */
  cors(options: RestCorsOptions = {}): this {
    this.corsOptions = options;
    return this;
  }
}

/** The `{name}` path parameters of a resource path (`{proxy+}` as `proxy`). */
const pathParameterNames = (resourcePath: string): string[] => [...resourcePath.matchAll(/\{([^}+]+)\+?\}/g)].map((match) => match[1] as string);

function mappingModel(
  options: RestMappingOptions,
): Pick<RestMethodModel, 'methodResponses' | 'integrationResponses' | 'requestTemplates' | 'passthroughBehavior' | 'contentHandling'> {
  const methodResponses: RestMethodResponseModel[] = Object.entries(options.methodResponses ?? { 200: {} }).map(([statusCode, responseParameters]) => ({
    statusCode,
    responseParameters: { ...responseParameters },
  }));
  const integrationResponses: RestIntegrationResponseModel[] = (options.integrationResponses ?? [{ statusCode: '200' }]).map((response) => ({
    statusCode: String(response.statusCode),
    ...(response.selectionPattern === undefined ? {} : { selectionPattern: response.selectionPattern }),
    responseParameters: { ...response.responseParameters },
    ...(response.responseTemplates ? { responseTemplates: { ...response.responseTemplates } } : {}),
    ...(response.contentHandling ? { contentHandling: response.contentHandling } : {}),
  }));
  return {
    methodResponses,
    integrationResponses,
    ...(options.requestTemplates ? { requestTemplates: { ...options.requestTemplates } } : {}),
    ...(options.passthroughBehavior ? { passthroughBehavior: options.passthroughBehavior } : {}),
    ...(options.contentHandling ? { contentHandling: options.contentHandling } : {}),
  };
}

/** `cognito`: the names of the API's Cognito authorizers, so that a method naming one gets `COGNITO_USER_POOLS`. */
function methodModel(entry: MethodEntry, resourcePath: string, cognito: ReadonlySet<string>): RestMethodModel {
  const { httpMethod, options } = entry;
  const common = {
    ...(options.throttling ? { throttling: { ...options.throttling } } : {}),
    ...(options.apiKeyRequired === undefined ? {} : { apiKeyRequired: options.apiKeyRequired }),
    ...(options.requestParameters ? { requestParameters: { ...options.requestParameters } } : {}),
    ...(options.requestValidator === undefined ? {} : { requestValidatorId: options.requestValidator }),
    ...(options.requestModels ? { requestModels: { ...options.requestModels } } : {}),
    ...authorizationOf(options, cognito),
    ...(options.authorizationScopes ? { authorizationScopes: [...options.authorizationScopes] } : {}),
  };
  const integrationTimeoutMs = options.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_RANGE_MS.default;
  if (entry.kind === 'lambda') {
    const custom = entry.options.integration === 'custom';
    const mapping = custom ? mappingModel(entry.options) : { methodResponses: [], integrationResponses: [] };
    return {
      httpMethod,
      function: typeof entry.fn === 'string' ? entry.fn : entry.fn.name,
      integration: custom ? 'AWS' : 'AWS_PROXY',
      integrationTimeoutMs,
      ...mapping,
      ...common,
    };
  }
  if (entry.kind === 'MOCK') {
    const mapping = mappingModel({ requestTemplates: { 'application/json': '{"statusCode": 200}' }, ...entry.options });
    return { httpMethod, integration: 'MOCK', integrationTimeoutMs, ...mapping, ...common };
  }
  const http = entry.options;
  const parameters = { ...http.integrationRequestParameters };
  if (entry.kind === 'HTTP_PROXY') {
    // As the console does for a proxy resource: `{name}` in the URL from the resource's path parameter of that name.
    const own = new Set(pathParameterNames(resourcePath));
    for (const [, name] of entry.uri.matchAll(/\{([A-Za-z0-9._-]+)\}/g)) {
      const target = `integration.request.path.${name}`;
      if (own.has(name as string) && !(target in parameters)) parameters[target] = `method.request.path.${name}`;
    }
  }
  return {
    httpMethod,
    integration: entry.kind,
    integrationTimeoutMs,
    integrationUri: entry.uri,
    integrationHttpMethod: (http.integrationHttpMethod ?? httpMethod).toUpperCase(),
    ...(Object.keys(parameters).length > 0 ? { integrationRequestParameters: parameters } : {}),
    ...(entry.kind === 'HTTP' ? mappingModel(http) : { methodResponses: [], integrationResponses: [] }),
    ...common,
  };
}

/** REST-56: a resource's methods with CORS applied: the preflight added unless the resource defines OPTIONS itself. */
function resourceMethods(resource: RestResourceDefinition, cors: RestCorsOptions | undefined, cognito: ReadonlySet<string>): RestMethodModel[] {
  const methods = resource.methods.map((entry) => methodModel(entry, resource.path, cognito));
  if (!cors) return methods;
  const withHeaders = methods.map((method) => withCorsHeaders(method, cors));
  return methods.some((method) => method.httpMethod === 'OPTIONS') ? withHeaders : [...withHeaders, preflightMethod(methods, cors)];
}

/** A method's authorization type: `AWS_IAM` when asked (with an `authorizer` too, left for the validator to report), else its authorizer's. */
function authorizationOf(options: RestMethodOptions, cognito: ReadonlySet<string>): Pick<RestMethodModel, 'authorizationType' | 'authorizerId'> {
  const authorizerId = options.authorizer === undefined ? {} : { authorizerId: options.authorizer };
  if (options.authorization === 'AWS_IAM') return { authorizationType: 'AWS_IAM', ...authorizerId };
  if (options.authorizer === undefined) return {};
  return { authorizationType: cognito.has(options.authorizer) ? 'COGNITO_USER_POOLS' : 'CUSTOM', authorizerId: options.authorizer };
}

function identitySourceList(option: string | string[] | undefined, type: 'TOKEN' | 'REQUEST'): string[] {
  if (option === undefined) return type === 'TOKEN' ? ['method.request.header.Authorization'] : [];
  // AWS::ApiGateway::Authorizer writes several sources in one string, separated by commas.
  return (Array.isArray(option) ? option : option.split(',')).map((source) => (typeof source === 'string' ? source.trim() : source));
}

export class RestApiDefinition {
  readonly options: RestApiOptions;
  private readonly resources = new Map<string, RestResourceDefinition>();
  private readonly gatewayResponses: RestGatewayResponseModel[] = [];
  private readonly models: Record<string, RestModel> = {};
  private readonly validators: RestRequestValidatorModel[] = [];
  private readonly authorizers: Array<{ fn?: FunctionDefinition; model: RestAuthorizerModel }> = [];

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

  /**
   * REST-40..44: a Lambda authorizer that methods name with their `authorizer` option.
   * @example api.authorizer('token', checkToken, { identityValidationExpression: '^Bearer [-0-9a-zA-Z._]+$' })
   * @example api.authorizer('tenant', checkTenant, { type: 'REQUEST', identitySource: 'method.request.header.X-Tenant, method.request.querystring.key' })
   */
  authorizer(name: string, fn: FunctionDefinition, options: RestAuthorizerOptions = {}): this {
    const checked = optionsObject(
      'authorizer(name, fn, options)',
      options,
      "an object such as { type: 'TOKEN', identitySource: 'method.request.header.Authorization' }",
    );
    const type = checked.type ?? 'TOKEN';
    this.authorizers.push({
      fn,
      model: {
        name,
        type,
        function: fn.name,
        identitySource: identitySourceList(checked.identitySource, type),
        ...(checked.identityValidationExpression === undefined ? {} : { identityValidationExpression: checked.identityValidationExpression }),
        // REST-44: AWS::ApiGateway::Authorizer's default.
        authorizerResultTtlInSeconds: checked.resultTtlInSeconds ?? 300,
      },
    });
    return this;
  }

  /**
   * REST-46..48: a Cognito user pool authorizer that methods name with their `authorizer` option.
   * @example api.cognitoAuthorizer('users', { providerARNs: [localIssuer] })
   * @example api.cognitoAuthorizer('users', { providerARNs: ['arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc'] })
   */
  cognitoAuthorizer(name: string, options: RestCognitoAuthorizerOptions): this {
    const checked = optionsObject('cognitoAuthorizer(name, options)', options, 'an object such as { providerARNs: [localIssuer] }');
    const { providerARNs } = checked;
    this.authorizers.push({
      model: {
        name,
        type: 'COGNITO_USER_POOLS',
        // A value that is not a list is left for the model's validator to report, with the field's path.
        providerARNs: Array.isArray(providerARNs) ? [...providerARNs] : providerARNs,
        identitySource: [checked.identitySource ?? 'method.request.header.Authorization'],
        ...(checked.identityValidationExpression === undefined ? {} : { identityValidationExpression: checked.identityValidationExpression }),
      },
    });
    return this;
  }

  /** The functions its methods and authorizers call, with where each is used. */
  functionUses(): FunctionUse[] {
    const uses: FunctionUse[] = [...this.resources.values()].flatMap((resource, resourceIndex) =>
      resource.methods.flatMap((method, methodIndex) =>
        method.kind === 'lambda' && typeof method.fn !== 'string'
          ? [{ fn: method.fn, path: `resources[${resourceIndex}].methods[${methodIndex}]`, label: `method "${method.httpMethod} ${resource.path}"` }]
          : [],
      ),
    );
    this.authorizers.forEach(({ fn, model }, index) => {
      if (fn) uses.push({ fn, path: `authorizers[${index}]`, label: `authorizer "${model.name}"` });
    });
    return uses;
  }

  toModel(): RestApiModel {
    const cognito = new Set(this.authorizers.filter(({ model }) => model.type === 'COGNITO_USER_POOLS').map(({ model }) => model.name));
    const cors = this.options.cors;
    const apiCors = cors === true ? {} : cors === false ? undefined : cors;
    // REST-56: the console's "Default 4XX/5XX" boxes, on when any resource enables CORS.
    const corsFor = [apiCors, ...[...this.resources.values()].map((resource) => resource.corsOptions)].find((options) => options !== undefined);
    const own = this.gatewayResponses.map((response) => ({ ...response }));
    const gatewayResponses = corsFor && corsFor.gatewayResponses !== false ? corsGatewayResponses(own, corsFor) : own;
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
      resources: [...this.resources.values()].map((resource) => ({
        path: resource.path,
        methods: resourceMethods(resource, resource.corsOptions ?? apiCors, cognito),
      })),
      ...(gatewayResponses.length > 0 ? { gatewayResponses } : {}),
      ...(Object.keys(this.models).length > 0 ? { models: { ...this.models } } : {}),
      ...(this.validators.length > 0 ? { requestValidators: this.validators.map((validator) => ({ ...validator })) } : {}),
      ...(this.options.apiKeySource ? { apiKeySource: this.options.apiKeySource } : {}),
      ...(this.authorizers.length > 0 ? { authorizers: this.authorizers.map(({ model }) => structuredClone(model)) } : {}),
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
