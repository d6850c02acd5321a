/** The ServiceModel: plain, serialisable data that every consumer reads. Built by define/ or iac/, checked by validate.ts. */

export interface ServiceModel {
  name: string;
  /** Directory that handler paths are relative to: service() records the folder of the file that called it. */
  rootDir?: string;
  functions: FunctionModel[];
  apis: ApiModel[];
  tables: TableModel[];
  outputs: OutputModel[];
  sites: SiteModel[];
  /** AUTH-8: AWS::ApiGateway::ApiKey resources; absent when the service declares none. */
  apiKeys?: ApiKeyModel[];
  /** REST-36..38: AWS::ApiGateway::UsagePlan resources with their UsagePlanKeys; absent when there are none. */
  usagePlans?: UsagePlanModel[];
  /** Lambda layers (AWS::Serverless::LayerVersion, AWS::Lambda::LayerVersion) functions can name; absent when there are none. */
  layers?: LayerModel[];
}

/** A Lambda layer of the service: its `nodejs/node_modules` resolve for the functions that use it, as under `/opt`. */
export interface LayerModel {
  /** Unique in the service; functions name it in `layers`. */
  name: string;
  /** The layer's folder (SAM's ContentUri), relative to rootDir: holds `nodejs/node_modules/...`. */
  contentUri: string;
}

/** REST-36..38: AWS::ApiGateway::UsagePlan, its keys (AWS::ApiGateway::UsagePlanKey) named in `apiKeys`. */
export interface UsagePlanModel {
  /** UsagePlanName; unique in the service. */
  name: string;
  /** ApiStages: the REST API stages the plan's keys may call. */
  apiStages: UsagePlanApiStageModel[];
  /** Throttle: each key's own token bucket. Absent: no per-key throttling. */
  throttle?: ThrottlingModel;
  /** Quota: each key's requests per period. Absent: no quota. */
  quota?: UsagePlanQuotaModel;
  /** The names of the service's `apiKeys` linked to the plan (UsagePlanKey, KeyType API_KEY). */
  apiKeys: string[];
}

export interface UsagePlanApiStageModel {
  /** The name of a REST API of the service (ApiId). */
  api: string;
  /** That API's stage. */
  stage: string;
  /** Throttle: `/resource/path/METHOD` → a key's bucket for that method, instead of the plan's. */
  throttle?: Record<string, ThrottlingModel>;
}

export interface UsagePlanQuotaModel {
  /** Requests a key may make in one period. */
  limit: number;
  period: 'DAY' | 'WEEK' | 'MONTH';
  /** Requests subtracted from the limit in the first period. @default 0 */
  offset?: number;
}

/**
 * AUTH-8, REST-36: an API key (AWS::ApiGateway::ApiKey). REST methods admit a key only on the stages its usage plans
 * name, as AWS does. DIFF: WebSocket `$connect` admits every key of the service (usage plans are REST-only here).
 */
export interface ApiKeyModel {
  /** Unique in the service. */
  name: string;
  /** What clients send: 20-128 characters, unique in the service. */
  value: string;
}

/** AUTH-8, MAP-1: where a WebSocket API reads the API key from. */
export type ApiKeySelectionExpression = '$request.header.x-api-key' | '$context.authorizer.usageIdentifierKey';

export interface FunctionModel {
  /** The Lambda function name, unique in the service. */
  name: string;
  /** Lambda's `path/to/module.export` or Hoplite's `path/to/file.ts#export`; relative to `codeUri` when given, else to rootDir. */
  handler: string;
  /** The function's code root (SAM's CodeUri), relative to rootDir. Absent: the package root of rootDir. */
  codeUri?: string;
  timeoutSeconds: number;
  memoryMb: number;
  environment: Record<string, string>;
  policies: PolicyModel[];
  /** Lambda's reserved concurrency: invocations beyond it are throttled. Absent: only the account limit applies. */
  reservedConcurrency?: number;
  /** Lambda's Runtime, e.g. `nodejs22.x`. Absent: the newest Node.js runtime synthesis knows. Locally: this machine's Node. */
  runtime?: string;
  /** Lambda's Architectures. Absent: `x86_64`. Recorded for synthesis; locally the machine's own. */
  architecture?: 'x86_64' | 'arm64';
  /** Days the function's log group keeps its logs (a CloudWatch Logs retention value). Absent: synthesis's default. */
  logRetentionDays?: number;
  /** Names of the service's `layers`, in order (a later layer's files win, as on Lambda). Absent: none. */
  layers?: string[];
  /**
   * Variables of `environment` whose value stands for a resource of the service (a table's name, as the
   * connection-table decorator publishes it): synthesized as a reference to that resource, locally its local name.
   */
  environmentRefs?: Record<string, ResourceRef>;
}

export interface PolicyModel {
  actions: string[];
  resource: ResourceRef;
}

/** A resource of this service or a literal ARN. */
export type ResourceRef = { kind: 'table'; table: string } | { kind: 'api-connections'; api: string } | { kind: 'arn'; arn: string };

export type ApiModel = WebSocketApiModel | HttpApiModel | RestApiModel;

export interface WebSocketApiModel {
  protocol: 'WEBSOCKET';
  name: string;
  /** WS-20: e.g. `$request.body.action`. */
  routeSelectionExpression: string;
  /** AUTH-8 (AWS::ApiGatewayV2::Api ApiKeySelectionExpression). Absent: `$request.header.x-api-key`. */
  apiKeySelectionExpression?: ApiKeySelectionExpression;
  stage: WebSocketStageModel;
  routes: WebSocketRouteModel[];
  /** MAP-10 (AWS::ApiGatewayV2::Model): request models by name; absent when no route validates its messages. */
  models?: Record<string, WebSocketModel>;
  /** AUTH-1: Lambda REQUEST authorizers the `$connect` route can name (AWS::ApiGatewayV2::Authorizer). Absent: none. */
  authorizers?: WebSocketAuthorizerModel[];
}

/** A JSON Schema (draft 4) document. */
export type JsonSchemaDraft4 = { [keyword: string]: unknown };

/** AWS::ApiGatewayV2::Model: a named schema that messages are validated against. */
export interface WebSocketModel {
  contentType: 'application/json';
  schema: JsonSchemaDraft4;
}

/** AWS::ApiGatewayV2::Authorizer of a WebSocket API: a Lambda REQUEST authorizer. */
export interface WebSocketAuthorizerModel {
  /** Unique in the API; routes name it as their `authorizerId`. */
  name: string;
  /** AUTH-1: `TOKEN` authorizers do not exist for WebSocket APIs. */
  authorizerType: 'REQUEST';
  /** The function the AuthorizerUri invokes. */
  function: string;
  /** AUTH-2: `route.request.header.X`, `route.request.querystring.x`, `stageVariables.x`, `context.x`. */
  identitySource: string[];
}

export interface WebSocketStageModel extends StageModel {
  /** THR-2: the stage's default route throttling. */
  throttling?: ThrottlingModel;
}

export interface StageModel {
  name: string;
  variables: Record<string, string>;
}

export interface HttpApiModel {
  protocol: 'HTTP';
  name: string;
  /** HTTP-1: a named stage, or `$default` (served without a path prefix). */
  stage: HttpStageModel;
  routes: HttpRouteModel[];
  /** HTTP-50: absent when the API has no CORS configuration. */
  cors?: CorsModel;
  /** AUTH-20, AUTH-30 (AWS::ApiGatewayV2::Authorizer): the authorizers routes can name; absent when there are none. */
  authorizers?: HttpAuthorizerModel[];
}

export type HttpAuthorizerModel = HttpJwtAuthorizerModel | HttpLambdaAuthorizerModel;

/** AUTH-20: AWS::ApiGatewayV2::Authorizer with AuthorizerType JWT. */
export interface HttpJwtAuthorizerModel {
  /** Unique in the API; routes name it as their `authorizerId`. */
  name: string;
  authorizerType: 'JWT';
  /** Exactly one `$request.header.<Name>` or `$request.querystring.<name>`. */
  identitySource: string[];
  jwtConfiguration: {
    /**
     * The issuer URL (`iss`); its JWKS is found through `{issuer}/.well-known/openid-configuration`. Or
     * `hoplite:local-issuer`: the gateway's own local issuer, whose URL is known when it listens.
     */
    issuer: string;
    /** At most 50 values; the token's `aud` (or `client_id`) must name one. */
    audience: string[];
  };
}

/** AUTH-30: AWS::ApiGatewayV2::Authorizer with AuthorizerType REQUEST (a Lambda authorizer). */
export interface HttpLambdaAuthorizerModel {
  name: string;
  authorizerType: 'REQUEST';
  /** The function the AuthorizerUri invokes. */
  function: string;
  authorizerPayloadFormatVersion: '1.0' | '2.0';
  /** 2.0 only: `{ isAuthorized, context }` results instead of IAM policies. */
  enableSimpleResponses: boolean;
  /** `$request.header.<Name>`, `$request.querystring.<name>`, `$context.<var>`, `$stageVariables.<var>`; may be empty. */
  identitySource: string[];
  /** AUTH-35: 0-3600; 0 disables caching. */
  authorizerResultTtlInSeconds: number;
}

export interface HttpStageModel extends StageModel {
  /** HTTP-3: locally every change is deployed (hot reload); recorded for synthesis. */
  autoDeploy: boolean;
  /** THR-2: the stage's default route throttling. */
  throttling?: ThrottlingModel;
}

export interface ThrottlingModel {
  /** Tokens the bucket holds. */
  burstLimit: number;
  /** Tokens added per second. */
  rateLimit: number;
}

export interface HttpRouteModel {
  /** HTTP-10: `$default` or `METHOD /path`. */
  key: string;
  /** The function of the route's Lambda proxy (AWS_PROXY) integration; absent when `integration` is HTTP_PROXY. */
  function?: string;
  /** AWS::ApiGatewayV2::Integration of type HTTP_PROXY (HTTP-83); absent: a Lambda proxy integration of `function`. */
  integration?: HttpProxyIntegrationModel;
  /** Payload format of the Lambda proxy integration. */
  payloadFormatVersion: '1.0' | '2.0';
  /** HTTP-70: 50–30000 ms (the integration's TimeoutInMillis). */
  integrationTimeoutMs: number;
  /** HTTP-80: the integration's RequestParameters, e.g. `{ "append:header.X-Tenant": "$context.authorizer.claims.tenant" }`. */
  requestParameters?: Record<string, string>;
  /** HTTP-81: the integration's ResponseParameters, by the backend's status code (`"200"`…`"599"`). */
  responseParameters?: Record<string, Record<string, string>>;
  /** THR-2: overrides the stage's throttling for this route. */
  throttling?: ThrottlingModel;
  /** AWS::ApiGatewayV2::Route AuthorizationType. Absent: `NONE`. */
  authorizationType?: 'NONE' | 'JWT' | 'CUSTOM' | 'AWS_IAM';
  /** With `JWT` or `CUSTOM`: the name of one of the API's `authorizers`, of the matching type. */
  authorizerId?: string;
  /** AUTH-23, with `JWT`: at most 10; the token must carry one of them. */
  authorizationScopes?: string[];
}

/** IntegrationType HTTP_PROXY of an HTTP API route (HTTP-83..86): the request is forwarded to a URL, the answer relayed. */
export interface HttpProxyIntegrationModel {
  type: 'HTTP_PROXY';
  /** IntegrationUri: an `http(s)://` URL; `${stageVariables.<name>}` is replaced at start, `{param}` by the route's path parameters. */
  integrationUri: string;
  /** IntegrationMethod: `ANY` sends the request's own method. */
  integrationMethod: string;
}

export interface CorsModel {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  allowCredentials: boolean;
  /** Seconds; absent when not set. */
  maxAgeSeconds?: number;
}

export interface RestApiModel {
  protocol: 'REST';
  name: string;
  stage: RestStageModel;
  /** REST-4: request and response bodies of these media types are binary. */
  binaryMediaTypes: string[];
  resources: RestResourceModel[];
  /** REST-31 (AWS::ApiGateway::GatewayResponse): customized gateway responses; absent when none is. */
  gatewayResponses?: RestGatewayResponseModel[];
  /** REST-35 (AWS::ApiGateway::Model): models by name; absent when there are none. */
  models?: Record<string, RestModel>;
  /** REST-33 (AWS::ApiGateway::RequestValidator): the validators methods can name; absent when there are none. */
  requestValidators?: RestRequestValidatorModel[];
  /** REST-36, REST-45 (AWS::ApiGateway::RestApi ApiKeySourceType): `HEADER` (`x-api-key`) or `AUTHORIZER` (`usageIdentifierKey`). Absent: `HEADER`. */
  apiKeySource?: 'HEADER' | 'AUTHORIZER';
  /** REST-40, REST-46 (AWS::ApiGateway::Authorizer): the authorizers methods can name; absent when there are none. */
  authorizers?: RestAuthorizerModel[];
}

export type RestAuthorizerModel = RestLambdaAuthorizerModel | RestCognitoAuthorizerModel;

/** REST-40: AWS::ApiGateway::Authorizer with Type TOKEN or REQUEST (a Lambda authorizer). */
export interface RestLambdaAuthorizerModel {
  /** Unique in the API; methods name it as their `authorizerId`. */
  name: string;
  type: 'TOKEN' | 'REQUEST';
  /** The function the AuthorizerUri invokes. */
  function: string;
  /**
   * TOKEN: one `method.request.header.<Name>`. REQUEST: `method.request.header.<Name>`, `method.request.querystring.<name>`,
   * `stageVariables.<name>`, `context.<var>` (CloudFormation writes them in one string, separated by commas).
   */
  identitySource: string[];
  /** REST-41, TOKEN only: a regular expression the whole token must match, else 401 without invoking. */
  identityValidationExpression?: string;
  /** REST-44: 0-3600; 0 disables caching. */
  authorizerResultTtlInSeconds: number;
}

/** REST-46: AWS::ApiGateway::Authorizer with Type COGNITO_USER_POOLS. */
export interface RestCognitoAuthorizerModel {
  name: string;
  type: 'COGNITO_USER_POOLS';
  /**
   * `arn:aws:cognito-idp:{region}:{account}:userpool/{userPoolId}`, whose tokens' issuer is
   * `https://cognito-idp.{region}.amazonaws.com/{userPoolId}`; or `hoplite:local-issuer`: the gateway's own issuer.
   */
  providerARNs: string[];
  /** One `method.request.header.<Name>`. */
  identitySource: string[];
  /** REST-47: a regular expression the token's `aud` must match. */
  identityValidationExpression?: string;
}

/** REST-30: the response types API Gateway lets an API customize. */
export type RestGatewayResponseType =
  | 'ACCESS_DENIED'
  | 'API_CONFIGURATION_ERROR'
  | 'AUTHORIZER_CONFIGURATION_ERROR'
  | 'AUTHORIZER_FAILURE'
  | 'BAD_REQUEST_PARAMETERS'
  | 'BAD_REQUEST_BODY'
  | 'DEFAULT_4XX'
  | 'DEFAULT_5XX'
  | 'EXPIRED_TOKEN'
  | 'INTEGRATION_FAILURE'
  | 'INTEGRATION_TIMEOUT'
  | 'INVALID_API_KEY'
  | 'INVALID_SIGNATURE'
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'QUOTA_EXCEEDED'
  | 'REQUEST_TOO_LARGE'
  | 'RESOURCE_NOT_FOUND'
  | 'THROTTLED'
  | 'UNAUTHORIZED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'WAF_FILTERED';

/** REST-31: AWS::ApiGateway::GatewayResponse. */
export interface RestGatewayResponseModel {
  responseType: RestGatewayResponseType;
  /** Absent: the type's default (or DEFAULT_4XX/5XX's, when that one sets a status). */
  statusCode?: string;
  /** `gatewayresponse.header.<Name>` → `'static'`, `method.request.header|querystring|path.<name>`, `stageVariables.<name>`, `context.<var>`. */
  responseParameters?: Record<string, string>;
  /** Content type → template; REST-32: variables are substituted, not run as VTL. */
  responseTemplates?: Record<string, string>;
}

/** REST-35: AWS::ApiGateway::Model (the name is its key in `models`). */
export interface RestModel {
  contentType: string;
  /** JSON Schema draft 4. */
  schema: JsonSchemaDraft4;
}

/** REST-33: AWS::ApiGateway::RequestValidator. */
export interface RestRequestValidatorModel {
  /** Unique in the API; methods name it as their `requestValidatorId`. */
  name: string;
  validateRequestBody: boolean;
  validateRequestParameters: boolean;
}

export interface RestStageModel extends StageModel {
  /** THR-2: the stage's default method throttling. */
  throttling?: ThrottlingModel;
}

export interface RestResourceModel {
  /** `/hello`, `/items/{id}`, `/{proxy+}`. */
  path: string;
  methods: RestMethodModel[];
}

export type RestHttpMethod = 'ANY' | 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export interface RestMethodModel {
  httpMethod: RestHttpMethod;
  /** The function a Lambda integration (`AWS_PROXY`, `AWS`) invokes; absent on MOCK, HTTP and HTTP_PROXY methods. */
  function?: string;
  /**
   * Integration.Type. `AWS_PROXY`: Lambda proxy (REST-1/2). `AWS`: Lambda custom integration with mapping
   * (REST-10..13). `MOCK`: no backend (REST-52). `HTTP`: a URL with mapping (REST-53). `HTTP_PROXY`: a URL, the request
   * and response passed through (REST-54).
   */
  integration: RestIntegrationType;
  /** REST-2: 50–29000 ms. */
  integrationTimeoutMs: number;
  /** Integration.Uri of HTTP and HTTP_PROXY: an `http(s)://` URL; `${stageVariables.x}` and `{name}` path parameters are filled per request (REST-53). */
  integrationUri?: string;
  /** Integration.IntegrationHttpMethod of HTTP and HTTP_PROXY, e.g. `GET`; `ANY` sends the request's method. */
  integrationHttpMethod?: string;
  /** Integration.RequestTemplates (REST-10): content type → VTL template. AWS, MOCK and HTTP only. */
  requestTemplates?: Record<string, string>;
  /** Integration.PassthroughBehavior (REST-10). Absent: `WHEN_NO_MATCH`. */
  passthroughBehavior?: 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER';
  /**
   * Integration.RequestParameters (REST-55): `integration.request.header|querystring|path.<name>` →
   * `method.request.header|querystring|path.<name>`, `'static'`, `stageVariables.<name>` or `context.<var>`.
   */
  integrationRequestParameters?: Record<string, string>;
  /** Integration.ContentHandling (REST-57): a binary request as base64 text, or base64 text as bytes. Mapped types only. */
  contentHandling?: ContentHandlingStrategy;
  /** Custom integrations: the statuses the method can answer, and the headers each may carry. */
  methodResponses: RestMethodResponseModel[];
  /** Custom integrations: how the Lambda's outcome becomes a method response (REST-11, REST-12). */
  integrationResponses: RestIntegrationResponseModel[];
  /** THR-2: overrides the stage's throttling for this method (the stage's `methodSettings`). */
  throttling?: ThrottlingModel;
  /** REST-36 (ApiKeyRequired): absent means false. */
  apiKeyRequired?: boolean;
  /** REST-34 (RequestParameters): `method.request.querystring|header|path.<name>` → whether it is required. */
  requestParameters?: Record<string, boolean>;
  /** REST-33 (RequestValidatorId): the name of one of the API's `requestValidators`. */
  requestValidatorId?: string;
  /** REST-35 (RequestModels): content type (or `$default`) → the name of one of the API's `models`. */
  requestModels?: Record<string, string>;
  /**
   * REST-40, REST-46, REST-49 (AuthorizationType): `CUSTOM` and `COGNITO_USER_POOLS` name one of the API's
   * `authorizers`; `AWS_IAM` takes SigV4-signed requests. Absent: `NONE`.
   */
  authorizationType?: 'NONE' | 'CUSTOM' | 'COGNITO_USER_POOLS' | 'AWS_IAM';
  /** With `CUSTOM` or `COGNITO_USER_POOLS`: the name of one of the API's `authorizers`, of that kind. */
  authorizerId?: string;
  /** REST-47, with `COGNITO_USER_POOLS`: an access token must carry one of them; without them an id token is needed. */
  authorizationScopes?: string[];
}

export type RestIntegrationType = 'AWS_PROXY' | 'AWS' | 'MOCK' | 'HTTP' | 'HTTP_PROXY';

export interface RestMethodResponseModel {
  statusCode: string;
  /** `method.response.header.<Name>` → whether the header is required. */
  responseParameters: Record<string, boolean>;
}

export interface RestIntegrationResponseModel {
  statusCode: string;
  /**
   * REST-11, REST-53: a Java-style regular expression matched in full against a function error's message (AWS) or the
   * backend's status code (HTTP, MOCK); absent for the default response.
   */
  selectionPattern?: string;
  /** REST-12: `method.response.header.<Name>` → `integration.response.body.<path>`, `integration.response.header.<name>`, `'static'`, `context.<var>`, `stageVariables.<var>`. */
  responseParameters: Record<string, string>;
  /** REST-13: content type → VTL template rendering the method response body. */
  responseTemplates?: Record<string, string>;
  /** IntegrationResponse.ContentHandling (REST-57). */
  contentHandling?: ContentHandlingStrategy;
}

/** A folder of static files served on its own origin (a web client of the service's APIs). */
export interface SiteModel {
  name: string;
  /** Relative to the service's rootDir. */
  dir: string;
}

export interface WebSocketRouteModel {
  /** `$connect`, `$disconnect`, `$default` or a custom key. */
  key: string;
  /** Name of the function the route's Lambda integration (proxy, or `AWS` custom) invokes; absent on MOCK and HTTP routes. */
  function?: string;
  /** MAP-20..22: a non-proxy or HTTP integration; absent for a Lambda proxy integration. Message routes only. */
  integration?: WebSocketIntegrationModel;
  /** WS-40: `$default` when the route sends the handler's `body` back to the client. */
  routeResponseSelectionExpression?: '$default';
  /** WS-71: 50–29000 ms. */
  integrationTimeoutMs: number;
  /** THR-2: overrides the stage's throttling for this route. */
  throttling?: ThrottlingModel;
  /** MAP-1: selects the key into `requestModels`, e.g. `$request.body.action` or `$default`. */
  modelSelectionExpression?: string;
  /** MAP-2: selection key → model name; the `$default` key is the fallback. Set with `modelSelectionExpression`. */
  requestModels?: Record<string, string>;
  /** AUTH-1, AUTH-8 (AWS::ApiGatewayV2::Route ApiKeyRequired): `$connect` only; absent means false. */
  apiKeyRequired?: boolean;
  /** AUTH-1: only `$connect` may be `CUSTOM` (a Lambda authorizer) or `AWS_IAM` (a SigV4-signed upgrade, AUTH-7). Absent: `NONE`. */
  authorizationType?: 'NONE' | 'CUSTOM' | 'AWS_IAM';
  /** With `CUSTOM`: the name of one of the API's `authorizers`. */
  authorizerId?: string;
}

/** AWS::ApiGatewayV2::Integration of a message route that is not a Lambda proxy. */
export type WebSocketIntegrationModel =
  | WebSocketMockIntegrationModel
  | WebSocketLambdaCustomIntegrationModel
  | WebSocketHttpIntegrationModel
  | WebSocketHttpProxyIntegrationModel;

/** MAP-20, MAP-21: what every non-proxy integration (MOCK, AWS, HTTP) carries. */
export interface WebSocketTemplatedIntegration {
  /** RequestTemplates: selection key → VTL template. */
  requestTemplates?: Record<string, string>;
  /** TemplateSelectionExpression: e.g. `${request.body.action}`; absent selects `$default`. */
  templateSelectionExpression?: string;
  /** MAP-20: what a message no template matches does. Absent: `WHEN_NO_MATCH` (it passes unchanged). */
  passthroughBehavior?: 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER';
  /** MAP-20: `CONVERT_TO_BINARY` decodes the (base64) request to bytes; `CONVERT_TO_TEXT` leaves text as it is. */
  contentHandlingStrategy?: ContentHandlingStrategy;
  /** AWS::ApiGatewayV2::IntegrationResponse: chosen by status code (MOCK, HTTP) or the Lambda error message (AWS). */
  integrationResponses?: WebSocketIntegrationResponseModel[];
}

export type ContentHandlingStrategy = 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT';

/** IntegrationType MOCK (MAP-22): the request template must render `{"statusCode": N}`. */
export interface WebSocketMockIntegrationModel extends WebSocketTemplatedIntegration {
  type: 'MOCK';
}

/** IntegrationType AWS (MAP-20, MAP-21): a Lambda custom integration; the route's `function` is invoked with the rendered request. */
export interface WebSocketLambdaCustomIntegrationModel extends WebSocketTemplatedIntegration {
  type: 'AWS';
}

/** IntegrationType HTTP: the rendered request is sent to a URL; the status code selects the integration response. */
export interface WebSocketHttpIntegrationModel extends WebSocketTemplatedIntegration, WebSocketHttpTarget {
  type: 'HTTP';
}

/** IntegrationType HTTP_PROXY: the message is sent to a URL as it is; the response body is the route response. */
export interface WebSocketHttpProxyIntegrationModel extends WebSocketHttpTarget {
  type: 'HTTP_PROXY';
}

export interface WebSocketHttpTarget {
  /** IntegrationUri: an `http(s)://` URL; `${stageVariables.<name>}` is replaced by the stage's value. */
  integrationUri: string;
  /** IntegrationMethod, e.g. `POST`. */
  integrationMethod: string;
  /**
   * RequestParameters: `integration.request.header.<Name>` or `integration.request.querystring.<name>` →
   * `context.<var>`, `stageVariables.<name>`, `route.request.body.<path>` or a `'static'` value.
   */
  requestParameters?: Record<string, string>;
}

export interface WebSocketIntegrationResponseModel {
  /** IntegrationResponseKey: `$default` or a `/regex/` matched in full. */
  key: string;
  /** ResponseTemplates: selection key → VTL template rendering the route response. */
  responseTemplates?: Record<string, string>;
  /** TemplateSelectionExpression, e.g. `${integration.response.statuscode}`. */
  templateSelectionExpression?: string;
  /** MAP-21: `CONVERT_TO_TEXT` base64-encodes a binary result; `CONVERT_TO_BINARY` sends base64 text as a binary frame. */
  contentHandlingStrategy?: ContentHandlingStrategy;
}

export interface TableModel {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  billing: { mode: 'PROVISIONED'; readCapacity: number; writeCapacity: number } | { mode: 'PAY_PER_REQUEST' };
  /** GlobalSecondaryIndexes; absent when there are none. */
  globalSecondaryIndexes?: TableIndexModel[];
  /** LocalSecondaryIndexes (same partition key as the table); absent when there are none. */
  localSecondaryIndexes?: TableIndexModel[];
  /** TimeToLiveSpecification's AttributeName: items expire at the epoch seconds it holds. Absent: no TTL. */
  timeToLiveAttribute?: string;
  /** SSESpecification.SSEEnabled: encryption with an AWS managed KMS key rather than an AWS owned one. Absent: false. */
  serverSideEncryption?: boolean;
}

export interface TableIndexModel {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  projection: { type: 'ALL' | 'KEYS_ONLY' } | { type: 'INCLUDE'; nonKeyAttributes: string[] };
  /** A global index's own provisioned capacity on a PROVISIONED table. Absent: the table's. */
  capacity?: { readCapacity: number; writeCapacity: number };
}

export interface KeyAttribute {
  name: string;
  type: 'S' | 'N' | 'B';
}

export interface OutputModel {
  name: string;
  description: string;
  value: { kind: 'websocket-url'; api: string } | { kind: 'http-url'; api: string } | { kind: 'literal'; value: string };
}
