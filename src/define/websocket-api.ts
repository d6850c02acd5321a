/** `websocketApi()`: a WebSocket API, its routes and Sparta's connection-table decorator. */
import { INTEGRATION_TIMEOUT_RANGE_MS } from '../limits.ts';
import type {
  ApiKeySelectionExpression,
  JsonSchemaDraft4,
  OutputModel,
  ThrottlingModel,
  WebSocketApiModel,
  WebSocketHttpIntegrationModel,
  WebSocketHttpProxyIntegrationModel,
  WebSocketIntegrationModel,
  WebSocketLambdaCustomIntegrationModel,
  WebSocketMockIntegrationModel,
  WebSocketModel,
  WebSocketRouteModel,
  WebSocketStageModel,
} from '../model/types.ts';
import { optionsObject } from './arguments.ts';
import type { FunctionDefinition, FunctionUse } from './function.ts';
import { type TableDefinition, table } from './table.ts';

export interface WebSocketApiOptions {
  name: string;
  /** WS-20, e.g. `$request.body.action`. */
  routeSelectionExpression: string;
  /** A stage name, or a name with stage variables and default route throttling. */
  stage: string | { name: string; variables?: Record<string, string>; throttling?: ThrottlingModel };
  /** AUTH-8: where `$connect` reads the API key from. @default '$request.header.x-api-key' */
  apiKeySelectionExpression?: ApiKeySelectionExpression;
}

export interface RouteOptions<ModelName extends string = string> {
  /** MAP-1: selects the key into `requestModels`, e.g. `$request.body.action`. */
  modelSelectionExpression?: string;
  /** MAP-2: selection key → model name (declared with `.model()`); `$default` is the fallback. */
  requestModels?: Record<string, ModelName>;
  /** MAP-10 shorthand: validate every message against this model (`requestModels: { $default: model }`). */
  model?: ModelName;
  /** WS-40: send the handler's `body` back to the client (a `$default` route response). */
  routeResponse?: boolean;
  /** WS-71: 50–29000 ms. @default 29000 */
  integrationTimeoutMs?: number;
  /** THR-2: overrides the stage's throttling for this route. */
  throttling?: ThrottlingModel;
  /** AUTH-1: `$connect` only; the name of an authorizer declared with `.authorizer(...)` (authorization `CUSTOM`). */
  authorizer?: string;
}

export interface AuthorizerOptions {
  /**
   * AUTH-2: every source must be present and non-empty, else the client gets 401 and the authorizer is not invoked.
   * @example ['route.request.querystring.token']
   */
  identitySource: string[];
}

interface AuthorizerEntry {
  name: string;
  fn: FunctionDefinition;
  options: AuthorizerOptions;
}

export interface ConnectRouteOptions extends RouteOptions {
  /** AUTH-8: refuse the upgrade with 403 unless it presents one of the service's API keys. @default false */
  apiKeyRequired?: boolean;
  /** AUTH-7: the upgrade must be SigV4-signed for `execute-api` (Authorization header or presigned query string). */
  authorization?: 'AWS_IAM';
}

/** Built-in route keys, plus any custom key. */
export type WebSocketRouteKey = '$connect' | '$disconnect' | '$default' | (string & {});

export interface ConnectionTableOptions {
  /** The environment variable that carries the table's name into each annotated function. */
  envKey: string;
  /** The attribute that stores the connection id (the table's partition key). */
  attribute: string;
  readCapacity: number;
  writeCapacity: number;
}

/** MAP-20, MAP-21: a Lambda custom integration: the function, invoked with the rendered request template. */
export interface LambdaCustomIntegration extends WebSocketLambdaCustomIntegrationModel {
  function: FunctionDefinition;
}

/** What a message route can send its messages to besides a Lambda proxy function. */
export type RouteIntegration = WebSocketMockIntegrationModel | LambdaCustomIntegration | WebSocketHttpIntegrationModel | WebSocketHttpProxyIntegrationModel;

interface RouteEntry {
  key: string;
  /** Absent on MOCK and HTTP routes. */
  fn?: FunctionDefinition;
  integration?: WebSocketIntegrationModel;
  options: ConnectRouteOptions;
}

const isIntegration = (target: FunctionDefinition | RouteIntegration): target is RouteIntegration => typeof (target as { type?: unknown }).type === 'string';

/** `ModelName`: the models declared so far, so a route can only name one of them. */
export class WebSocketApiDefinition<ModelName extends string = never> {
  readonly options: WebSocketApiOptions;
  readonly routes: RouteEntry[] = [];
  readonly models: Record<string, WebSocketModel> = {};
  readonly authorizers: AuthorizerEntry[] = [];
  readonly tables: TableDefinition[] = [];
  readonly outputs: OutputModel[] = [];

  constructor(options: WebSocketApiOptions) {
    this.options = options;
  }

  get name(): string {
    return this.options.name;
  }

  /** Routes messages whose selected key is `key` to `fn` through a Lambda proxy integration. */
  route(key: '$connect', fn: FunctionDefinition, options?: ConnectRouteOptions): this;
  route(key: WebSocketRouteKey, fn: FunctionDefinition, options?: RouteOptions<ModelName>): this;
  /**
   * MAP-22: a message route answered by a MOCK integration and its mapping templates, with no function.
   * @example api.route('ping', { type: 'MOCK', requestTemplates: { $default: '{"statusCode": 200}' },
   *   integrationResponses: [{ key: '$default', responseTemplates: { $default: '{"pong": "$context.connectionId"}' } }] },
   *   { routeResponse: true })
   */
  route(key: WebSocketRouteKey, integration: WebSocketMockIntegrationModel, options?: RouteOptions<ModelName>): this;
  /**
   * MAP-20, MAP-21: a Lambda custom integration (`AWS`): the request template renders the event, the integration
   * responses (`$default`, or a `/regex/` on the error message) and their templates render the reply.
   * @example api.route('add', { type: 'AWS', function: add, requestTemplates: { $default: '{"a": $input.json(\'$.a\')}' },
   *   integrationResponses: [{ key: '$default' }] }, { routeResponse: true })
   */
  route(key: WebSocketRouteKey, integration: LambdaCustomIntegration, options?: RouteOptions<ModelName>): this;
  /**
   * An HTTP integration (templates as for `AWS`, integration responses by status code) or HTTP_PROXY (the message
   * and the backend's body pass unchanged) to a URL.
   * @example api.route('order', { type: 'HTTP_PROXY', integrationUri: 'http://127.0.0.1:8080/orders', integrationMethod: 'POST',
   *   requestParameters: { 'integration.request.header.connectionId': 'context.connectionId' } }, { routeResponse: true })
   */
  route(key: WebSocketRouteKey, integration: WebSocketHttpIntegrationModel | WebSocketHttpProxyIntegrationModel, options?: RouteOptions<ModelName>): this;
  route(key: WebSocketRouteKey, target: FunctionDefinition | RouteIntegration, options: ConnectRouteOptions & RouteOptions<ModelName> = {}): this {
    if (!isIntegration(target)) this.routes.push({ key, fn: target, options });
    else if (target.type === 'AWS') {
      const { function: fn, ...integration } = target;
      this.routes.push({ key, fn, integration, options });
    } else this.routes.push({ key, integration: target, options });
    return this;
  }

  /**
   * MAP-10: a request model (AWS::ApiGatewayV2::Model, content type application/json) that routes validate messages against.
   * @example chat.model('Message', { type: 'object', required: ['text'] }).route('send', send, { model: 'Message' })
   */
  model<Name extends string>(name: Name, schema: JsonSchemaDraft4): WebSocketApiDefinition<ModelName | Name> {
    this.models[name] = { contentType: 'application/json', schema };
    return this as WebSocketApiDefinition<ModelName | Name>;
  }

  /**
   * Declares a Lambda REQUEST authorizer that `$connect` can name with its `authorizer` option (AUTH-1..6).
   * @example api.authorizer('token', checkToken, { identitySource: ['route.request.querystring.token'] })
   */
  authorizer(name: string, fn: FunctionDefinition, options: AuthorizerOptions): this {
    this.authorizers.push({
      name,
      fn,
      options: optionsObject('authorizer(name, fn, options)', options, 'an object such as { identitySource: ["route.request.querystring.token"] }'),
    });
    return this;
  }

  /**
   * Sparta's connection-table decorator: provisions a table keyed by the connection id, publishes its name
   * into each annotated function's environment, grants those functions DynamoDB access and adds the
   * API's `wss://` URL to the outputs. The table is encrypted at rest with an AWS managed key when shipped.
   */
  connectionTable(options: ConnectionTableOptions): { table: TableDefinition; annotate(fns: readonly FunctionDefinition[]): void } {
    const connections = table(`${this.options.name}-connections`, {
      partitionKey: { name: options.attribute, type: 'S' },
      readCapacity: options.readCapacity,
      writeCapacity: options.writeCapacity,
      serverSideEncryption: true,
    });
    this.tables.push(connections);
    this.outputs.push({ name: 'APIGatewayURL', description: 'API Gateway Websocket URL', value: { kind: 'websocket-url', api: this.options.name } });
    return {
      table: connections,
      annotate: (fns) => {
        for (const fn of fns) {
          fn.environment[options.envKey] = connections.name;
          fn.environmentRefs[options.envKey] = { kind: 'table', table: connections.name };
          fn.allow({
            actions: [
              'dynamodb:GetItem',
              'dynamodb:PutItem',
              'dynamodb:UpdateItem',
              'dynamodb:DeleteItem',
              'dynamodb:Query',
              'dynamodb:Scan',
              'dynamodb:BatchWriteItem',
              'dynamodb:BatchGetItem',
            ],
            resource: { kind: 'table', table: connections.name },
          });
        }
      },
    };
  }

  /** Lets `fns` call the `@connections` API of this API (`execute-api:ManageConnections`). */
  allowManageConnections(fns: readonly FunctionDefinition[]): this {
    for (const fn of fns) fn.allow({ actions: ['execute-api:ManageConnections'], resource: { kind: 'api-connections', api: this.options.name } });
    return this;
  }

  /** The functions its routes call, with where each is used. */
  functionUses(): FunctionUse[] {
    return [
      ...this.routes.flatMap((route, index) => (route.fn ? [{ fn: route.fn, path: `routes[${index}]`, label: `route "${route.key}"` }] : [])),
      ...this.authorizers.map((authorizer, index) => ({ fn: authorizer.fn, path: `authorizers[${index}]`, label: `authorizer "${authorizer.name}"` })),
    ];
  }

  toModel(): WebSocketApiModel {
    const option = this.options.stage;
    // A missing stage is left for the model's validator to report, with the field's path.
    const stage: WebSocketStageModel =
      typeof option !== 'object' || option === null
        ? { name: option as string, variables: {} }
        : { name: option.name, variables: { ...option.variables }, ...(option.throttling ? { throttling: { ...option.throttling } } : {}) };
    return {
      protocol: 'WEBSOCKET',
      name: this.options.name,
      routeSelectionExpression: this.options.routeSelectionExpression,
      ...(this.options.apiKeySelectionExpression === undefined ? {} : { apiKeySelectionExpression: this.options.apiKeySelectionExpression }),
      stage,
      routes: this.routes.map(({ key, fn, integration, options }) => ({
        key,
        ...(fn ? { function: fn.name } : {}),
        ...(integration ? { integration: structuredClone(integration) } : {}),
        ...(options.routeResponse ? { routeResponseSelectionExpression: '$default' as const } : {}),
        integrationTimeoutMs: options.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_RANGE_MS.default,
        ...(options.throttling ? { throttling: { ...options.throttling } } : {}),
        ...requestModelsOf(options),
        ...(options.apiKeyRequired === undefined ? {} : { apiKeyRequired: options.apiKeyRequired }),
        ...authorizationOf(options),
      })),
      ...(Object.keys(this.models).length > 0 ? { models: { ...this.models } } : {}),
      ...(this.authorizers.length === 0
        ? {}
        : {
            authorizers: this.authorizers.map(({ name, fn, options }) => ({
              name,
              authorizerType: 'REQUEST' as const,
              function: fn.name,
              identitySource: Array.isArray(options.identitySource) ? [...options.identitySource] : options.identitySource,
            })),
          }),
    };
  }
}

/** MAP-1, MAP-2: the route's model fields; `{ model }` is `$default` selecting that model. */
function requestModelsOf(options: RouteOptions): Pick<WebSocketRouteModel, 'modelSelectionExpression' | 'requestModels'> {
  const { model, modelSelectionExpression, requestModels } = options;
  if (model !== undefined) {
    return { modelSelectionExpression: modelSelectionExpression ?? '$default', requestModels: { ...requestModels, $default: model } };
  }
  return {
    ...(modelSelectionExpression !== undefined ? { modelSelectionExpression } : {}),
    ...(requestModels !== undefined ? { requestModels: { ...requestModels } } : {}),
  };
}

/**
 * Declares a WebSocket API.
 * @example websocketApi({ name: 'chat', routeSelectionExpression: '$request.body.message', stage: 'v1' })
 */
export function websocketApi(options: WebSocketApiOptions): WebSocketApiDefinition {
  return new WebSocketApiDefinition(
    optionsObject('websocketApi(options)', options, 'an object such as { name: "chat", routeSelectionExpression: "$request.body.action", stage: "dev" }'),
  );
}

/** AUTH-1: `authorizer` means CUSTOM; both at once keep the authorizer's id, which the validator reports. */
function authorizationOf(options: ConnectRouteOptions): Pick<WebSocketRouteModel, 'authorizationType' | 'authorizerId'> {
  if (options.authorization === 'AWS_IAM') {
    return options.authorizer === undefined ? { authorizationType: 'AWS_IAM' } : { authorizationType: 'AWS_IAM', authorizerId: options.authorizer };
  }
  return options.authorizer === undefined ? {} : { authorizationType: 'CUSTOM', authorizerId: options.authorizer };
}
