/** `httpApi()`: an HTTP API (API Gateway v2), its routes, stage, CORS and throttling. */

import { HTTP_INTEGRATION_TIMEOUT_RANGE_MS } from '../limits.ts';
import type { CorsModel, HttpApiModel, HttpStageModel, ThrottlingModel } from '../model/types.ts';
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
}

/** `$default`, or a method and a path such as `GET /todos/{id}` or `ANY /{proxy+}`. */
export type HttpRouteKey = '$default' | `${'ANY' | 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS'} /${string}`;

export class HttpApiDefinition {
  readonly options: HttpApiOptions;
  private readonly routes: Array<{ key: string; fn: FunctionDefinition; options: HttpRouteOptions }> = [];

  constructor(options: HttpApiOptions) {
    this.options = options;
  }

  get name(): string {
    return this.options.name;
  }

  /** Sends requests that match `key` to `fn` through a Lambda proxy integration. */
  route(key: HttpRouteKey, fn: FunctionDefinition, options: HttpRouteOptions = {}): this {
    this.routes.push({ key, fn, options });
    return this;
  }

  /** The functions its routes call, with where each is used. */
  functionUses(): FunctionUse[] {
    return this.routes.map((route, index) => ({ fn: route.fn, path: `routes[${index}]`, label: `route "${route.key}"` }));
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
      routes: this.routes.map(({ key, fn, options }) => ({
        key,
        function: fn.name,
        payloadFormatVersion: options.payloadFormatVersion ?? this.options.payloadFormatVersion ?? '2.0',
        integrationTimeoutMs: options.integrationTimeoutMs ?? HTTP_INTEGRATION_TIMEOUT_RANGE_MS.default,
        ...(options.throttling ? { throttling: { ...options.throttling } } : {}),
      })),
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
