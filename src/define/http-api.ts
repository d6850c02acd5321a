/** `httpApi()`: an HTTP API (API Gateway v2), its routes, stage, CORS and throttling. */

import { LOCAL_ISSUER } from '../auth/local-issuer/marker.ts';
import { HTTP_INTEGRATION_TIMEOUT_RANGE_MS } from '../limits.ts';
import type { CorsModel, HttpApiModel, HttpAuthorizerModel, HttpRouteModel, HttpStageModel, ThrottlingModel } from '../model/types.ts';
import { optionsObject } from './arguments.ts';
import type { FunctionDefinition, FunctionUse } from './function.ts';

export interface HttpApiOptions {
  name: string;
  /** A stage name (`$default` serves without a path prefix), or the stage with its settings. @default '$default' */
  stage?: string | { name: string; autoDeploy?: boolean; throttling?: ThrottlingModel; variables?: Record<string, string> };
  /** HTTP-50; omit for no CORS. */
  cors?: {
    allowOrigins: string[];
    allowMethods?: string[];
    allowHeaders?: string[];
    exposeHeaders?: string[];
    allowCredentials?: boolean;
    /** Seconds. */
    maxAge?: number;
  };
  /** Payload format of every route's Lambda integration unless a route says otherwise. @default '2.0' */
  payloadFormatVersion?: '1.0' | '2.0';
}

export interface HttpRouteOptions {
  /** HTTP-70: 50–30000 ms. @default 30000 */
  integrationTimeoutMs?: number;
  /** THR-2: overrides the stage's throttling for this route. */
  throttling?: ThrottlingModel;
  payloadFormatVersion?: '1.0' | '2.0';
  /** The name of an authorizer declared with `.jwtAuthorizer(...)` (AUTH-20) or `.authorizer(...)` (AUTH-30). */
  authorizer?: string;
  /** AUTH-23: with a JWT authorizer, the token must carry one of these scopes (at most 10). */
  authorizationScopes?: string[];
  /** AUTH-40: only SigV4-signed requests reach the route. */
  authorization?: 'AWS_IAM';
  /**
   * HTTP-80: changes to the request before the integration sees it (with a Lambda route, the event reflects them).
   * @example { 'append:header.X-Tenant': '$context.authorizer.claims.tenant', 'remove:querystring.debug': '' }
   */
  requestParameters?: Record<string, string>;
  /**
   * HTTP-81: changes to the response, by the backend's status code.
   * @example { '500': { 'overwrite:statuscode': '503', 'append:header.Retry-After': '30' } }
   */
  responseParameters?: Record<string, Record<string, string>>;
}

/**
 * HTTP-83: an HTTP_PROXY integration (AWS::ApiGatewayV2::Integration): the request is forwarded to a URL and the
 * backend's answer relayed.
 * @example { type: 'HTTP_PROXY', integrationUri: 'http://127.0.0.1:8080/orders/{proxy}', integrationMethod: 'ANY' }
 */
export interface HttpProxyRouteOptions extends Omit<HttpRouteOptions, 'payloadFormatVersion' | 'integrationTimeoutMs'> {
  type: 'HTTP_PROXY';
  /** An `http(s)://` URL; `${stageVariables.<name>}` and the route's `{param}`s (`{proxy}` for `{proxy+}`) are replaced. */
  integrationUri: string;
  /** `ANY` sends the request's own method. @default 'ANY' */
  integrationMethod?: string;
  /** HTTP-70: 50–30000 ms. @default 30000 */
  timeoutInMillis?: number;
}

/**
 * The gateway's own OpenID issuer as a JWT authorizer's `issuer`: `hoplite dev` and `new Gateway()` serve it beside
 * the Lambda Invoke API, and `hoplite token` prints tokens it signs. The model records it as `"hoplite:local-issuer"`.
 * @example api.jwtAuthorizer('users', { issuer: localIssuer, audience: ['todo-web'] })
 */
export const localIssuer: typeof LOCAL_ISSUER = LOCAL_ISSUER;

export interface JwtAuthorizerOptions {
  /**
   * The issuer URL the token's `iss` must equal; its keys come from `{issuer}/.well-known/openid-configuration`.
   * `localIssuer` trusts the gateway's own local issuer instead.
   */
  issuer: string;
  /** The token's `aud` (or `client_id`) must name one of these. */
  audience: string[];
  /** Where the token is read (AUTH-20, AUTH-21). @default '$request.header.Authorization' */
  identitySource?: string;
}

export interface HttpAuthorizerOptions {
  /** AUTH-30: every source must be present and non-empty, else 401 without invoking the authorizer. @default [] */
  identitySource?: string[];
  /** The authorizer event's format (AUTH-31, AUTH-32). @default '2.0' */
  payloadFormatVersion?: '1.0' | '2.0';
  /** 2.0 only: the authorizer returns `{ isAuthorized, context }` instead of an IAM policy. @default false */
  enableSimpleResponses?: boolean;
  /** AUTH-35: seconds a result is reused for the same identity; 0 disables caching. @default 300 */
  resultTtlInSeconds?: number;
}

/** `$default`, or a method and a path such as `GET /todos/{id}` or `ANY /{proxy+}`. */
export type HttpRouteKey = '$default' | `${'ANY' | 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS'} /${string}`;

export class HttpApiDefinition {
  readonly options: HttpApiOptions;
  private readonly routes: Array<
    | { key: string; fn: FunctionDefinition; options: HttpRouteOptions; proxy?: undefined }
    | { key: string; fn?: undefined; options: HttpRouteOptions; proxy: HttpProxyRouteOptions }
  > = [];
  private readonly authorizers: Array<{ model: HttpAuthorizerModel; fn?: FunctionDefinition }> = [];

  constructor(options: HttpApiOptions) {
    this.options = options;
  }

  get name(): string {
    return this.options.name;
  }

  /**
   * Sends requests that match `key` to `fn` through a Lambda proxy integration, or (HTTP-83) to a URL.
   * @example api.route('ANY /orders/{proxy+}', { type: 'HTTP_PROXY', integrationUri: 'http://127.0.0.1:8080/{proxy}' })
   */
  route(key: HttpRouteKey, fn: FunctionDefinition, options?: HttpRouteOptions): this;
  route(key: HttpRouteKey, integration: HttpProxyRouteOptions): this;
  route(key: HttpRouteKey, target: FunctionDefinition | HttpProxyRouteOptions, options: HttpRouteOptions = {}): this {
    if ((target as HttpProxyRouteOptions).type === 'HTTP_PROXY') {
      const proxy = optionsObject(
        'route(key, integration)',
        target,
        'an object such as { type: "HTTP_PROXY", integrationUri: "http://…" }',
      ) as HttpProxyRouteOptions;
      this.routes.push({ key, options: proxy, proxy });
    } else this.routes.push({ key, fn: target as FunctionDefinition, options });
    return this;
  }

  /**
   * Declares a JWT authorizer that routes name with their `authorizer` option (AUTH-20..24).
   * @example api.jwtAuthorizer('users', { issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc', audience: ['todo-web'] })
   */
  jwtAuthorizer(name: string, options: JwtAuthorizerOptions): this {
    const { issuer, audience, identitySource } = optionsObject(
      'jwtAuthorizer(name, options)',
      options,
      'an object such as { issuer: "https://…", audience: ["web"] }',
    );
    this.authorizers.push({
      model: {
        name,
        authorizerType: 'JWT',
        identitySource: [identitySource ?? '$request.header.Authorization'],
        jwtConfiguration: { issuer, audience: Array.isArray(audience) ? [...audience] : audience },
      },
    });
    return this;
  }

  /**
   * Declares a Lambda authorizer that routes name with their `authorizer` option (AUTH-30..35).
   * @example api.authorizer('token', checkToken, { identitySource: ['$request.header.Authorization'], enableSimpleResponses: true })
   */
  authorizer(name: string, fn: FunctionDefinition, options: HttpAuthorizerOptions = {}): this {
    const checked = optionsObject('authorizer(name, fn, options)', options, 'an object such as { identitySource: ["$request.header.Authorization"] }');
    this.authorizers.push({
      fn,
      model: {
        name,
        authorizerType: 'REQUEST',
        function: fn.name,
        authorizerPayloadFormatVersion: checked.payloadFormatVersion ?? '2.0',
        enableSimpleResponses: checked.enableSimpleResponses ?? false,
        identitySource: [...(checked.identitySource ?? [])],
        // AUTH-30 Choice: 300 s when not given, as API Gateway's console and older documentation default it.
        authorizerResultTtlInSeconds: checked.resultTtlInSeconds ?? 300,
      },
    });
    return this;
  }

  /** The functions its routes and authorizers call, with where each is used. */
  functionUses(): FunctionUse[] {
    const uses: FunctionUse[] = this.routes.flatMap((route, index) =>
      route.fn ? [{ fn: route.fn, path: `routes[${index}]`, label: `route "${route.key}"` }] : [],
    );
    this.authorizers.forEach(({ fn, model }, index) => {
      if (fn) uses.push({ fn, path: `authorizers[${index}]`, label: `authorizer "${model.name}"` });
    });
    return uses;
  }

  /** A route's authorization: its authorizer's type (a name no authorizer has is left for the validator to report). */
  private authorizationOf(options: HttpRouteOptions): Pick<HttpRouteModel, 'authorizationType' | 'authorizerId' | 'authorizationScopes'> {
    const scopes = options.authorizationScopes ? { authorizationScopes: [...options.authorizationScopes] } : {};
    if (options.authorization === 'AWS_IAM')
      return { authorizationType: 'AWS_IAM', ...(options.authorizer ? { authorizerId: options.authorizer } : {}), ...scopes };
    if (options.authorizer === undefined) return scopes;
    const declared = this.authorizers.find(({ model }) => model.name === options.authorizer)?.model;
    return { authorizationType: declared?.authorizerType === 'JWT' ? 'JWT' : 'CUSTOM', authorizerId: options.authorizer, ...scopes };
  }

  toModel(): HttpApiModel {
    const stageOption = this.options.stage ?? '$default';
    const stage: HttpStageModel =
      typeof stageOption === 'string'
        ? { name: stageOption, variables: {}, autoDeploy: true }
        : {
            name: stageOption.name,
            variables: { ...stageOption.variables },
            autoDeploy: stageOption.autoDeploy ?? true,
            ...(stageOption.throttling ? { throttling: { ...stageOption.throttling } } : {}),
          };
    const model: HttpApiModel = {
      protocol: 'HTTP',
      name: this.options.name,
      stage,
      routes: this.routes.map(({ key, fn, options, proxy }) => ({
        key,
        ...(fn ? { function: fn.name } : {}),
        ...(proxy
          ? { integration: { type: 'HTTP_PROXY' as const, integrationUri: proxy.integrationUri, integrationMethod: proxy.integrationMethod ?? 'ANY' } }
          : {}),
        payloadFormatVersion: options.payloadFormatVersion ?? this.options.payloadFormatVersion ?? '2.0',
        integrationTimeoutMs: proxy?.timeoutInMillis ?? options.integrationTimeoutMs ?? HTTP_INTEGRATION_TIMEOUT_RANGE_MS.default,
        ...(options.throttling ? { throttling: { ...options.throttling } } : {}),
        ...this.authorizationOf(options),
        ...(options.requestParameters ? { requestParameters: { ...options.requestParameters } } : {}),
        ...(options.responseParameters ? { responseParameters: structuredClone(options.responseParameters) } : {}),
      })),
      ...(this.authorizers.length === 0 ? {} : { authorizers: this.authorizers.map(({ model }) => structuredClone(model)) }),
    };
    const cors = this.options.cors;
    if (cors) {
      const corsModel: CorsModel = {
        allowOrigins: [...cors.allowOrigins],
        allowMethods: [...(cors.allowMethods ?? [])],
        allowHeaders: [...(cors.allowHeaders ?? [])],
        exposeHeaders: [...(cors.exposeHeaders ?? [])],
        allowCredentials: cors.allowCredentials ?? false,
        ...(cors.maxAge === undefined ? {} : { maxAgeSeconds: cors.maxAge }),
      };
      model.cors = corsModel;
    }
    return model;
  }
}

/**
 * Declares an HTTP API.
 * @example httpApi({ name: 'todo', stage: { name: 'v1', throttling: { burstLimit: 10, rateLimit: 50 } }, cors: { allowOrigins: ['*'] } })
 */
export function httpApi(options: HttpApiOptions): HttpApiDefinition {
  return new HttpApiDefinition(optionsObject('httpApi(options)', options, 'an object such as { name: "todo" }'));
}
