/** REST-40..48: each method's authorizer, built once at start, and one authorization step of the pipeline. */
import { createJwtIssuers, type JwtIssuers } from '../auth/jwt/index.ts';
import type { ApiFacts, HttpRequestFacts } from '../http/index.ts';
import type { EdgeRequest } from '../internal/edge/values.ts';
import type { RestApiModel, RestMethodModel } from '../model/types.ts';
import { type ApiRuntimeSettings, requestFacts } from '../surface/index.ts';
import type { RestAuthorizationVerdict, RestMethodAuthorizer } from './authorization.ts';
import { type RestRequestShape, restMethodArn } from './authorizer-events.ts';
import { cognitoAuthorizer } from './cognito-authorizer.ts';
import { RestLambdaAuthorizer } from './lambda-authorizer.ts';

/** GEN-5: method ARNs name the gateway's region. */
const DEFAULT_REGION = 'us-east-1';

export interface RestAuthorizerSettings extends ApiRuntimeSettings {
  /** REST-46: the gateway's issuers with their cached keys. @default issuers of this API alone, no local issuer */
  jwtIssuers?: JwtIssuers;
}

/** The authorizer of each method that names one; methods without get nothing and cost nothing. */
export function restAuthorizers(api: RestApiModel, options: RestAuthorizerSettings): (method: RestMethodModel) => RestMethodAuthorizer | undefined {
  // REST-44: one Lambda authorizer (and so one cache) per name, shared by its methods.
  const lambdas = new Map<string, RestLambdaAuthorizer>();
  let issuers = options.jwtIssuers;
  return (method) => {
    if (method.authorizationType !== 'CUSTOM' && method.authorizationType !== 'COGNITO_USER_POOLS') return undefined;
    const name = method.authorizerId as string;
    // The model's validator checked that the method names an authorizer of this API, of its type.
    const model = api.authorizers?.find((candidate) => candidate.name === name);
    if (model === undefined) return undefined;
    if (model.type === 'COGNITO_USER_POOLS') {
      issuers ??= createJwtIssuers({ clock: options.clock });
      return cognitoAuthorizer({ model, scopes: method.authorizationScopes, issuers, clock: options.clock, log: options.log });
    }
    let authorizer = lambdas.get(name);
    if (authorizer === undefined) {
      authorizer = new RestLambdaAuthorizer({ model, apiName: api.name, invoker: options.invoker, clock: options.clock, log: options.log });
      lambdas.set(name, authorizer);
    }
    return authorizer;
  };
}

export interface AuthorizationStep {
  request: EdgeRequest;
  api: ApiFacts;
  /** The stage-relative path, as the method ARN names it. */
  path: string;
  resource: string;
  pathParameters: Record<string, string> | undefined;
  requestId: string;
  settings: ApiRuntimeSettings;
}

/** The verdict, and the request facts a REQUEST authorizer built (the integration event reuses them: one trace id, one extended id). */
export async function authorizeMethod(
  authorizer: RestMethodAuthorizer,
  step: AuthorizationStep,
): Promise<{ verdict: RestAuthorizationVerdict; facts: HttpRequestFacts | undefined }> {
  const { request, api, path, settings } = step;
  let facts: HttpRequestFacts | undefined;
  const shape = (): RestRequestShape => {
    facts ??= requestFacts(request, undefined, settings.ids.gatewayId(), settings);
    return { facts, api, pathParameters: step.pathParameters, resource: step.resource, path, requestId: step.requestId };
  };
  const methodArn = restMethodArn(settings.region ?? DEFAULT_REGION, api, request.method, path);
  const verdict = await authorizer.authorize({ methodArn, rawHeaders: request.rawHeaders, requestId: step.requestId, shape });
  return { verdict, facts };
}
