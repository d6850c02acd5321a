/** AUTH-20..40: each authorized route's `RouteAuthorization`, built once at start; undefined when no route has one. */
import type { HttpApiModel, HttpLambdaAuthorizerModel, HttpRouteModel } from '../model/types.ts';
import type { ApiRuntimeSettings } from '../surface/index.ts';
import type { RouteAuthorization } from './authorization.ts';
import { iamAuthorization } from './iam-authorization.ts';
import { HttpLambdaAuthorizer } from './lambda-authorizer.ts';

/** GEN-5: route ARNs name the gateway's region. */
const DEFAULT_REGION = 'us-east-1';

export function routeAuthorizations(api: HttpApiModel, options: ApiRuntimeSettings): Map<string, RouteAuthorization> | undefined {
  let authorizations: Map<string, RouteAuthorization> | undefined;
  // AUTH-35: one Lambda authorizer (and its cache) for all the routes naming it.
  const lambdaAuthorizers = new Map<string, HttpLambdaAuthorizer>();
  for (const route of api.routes) {
    const authorization = authorizationOf(route, api, options, lambdaAuthorizers);
    if (authorization === undefined) continue;
    authorizations ??= new Map();
    authorizations.set(route.key, authorization);
  }
  return authorizations;
}

function authorizationOf(
  route: HttpRouteModel,
  api: HttpApiModel,
  options: ApiRuntimeSettings,
  lambdaAuthorizers: Map<string, HttpLambdaAuthorizer>,
): RouteAuthorization | undefined {
  switch (route.authorizationType) {
    case undefined:
    case 'NONE':
      return undefined;
    case 'CUSTOM': {
      const name = route.authorizerId as string;
      let authorizer = lambdaAuthorizers.get(name);
      if (authorizer === undefined) {
        // The model's validator checked that the route names a Lambda authorizer of this API.
        const model = api.authorizers?.find((candidate) => candidate.name === name) as HttpLambdaAuthorizerModel;
        const { invoker, clock, log } = options;
        authorizer = new HttpLambdaAuthorizer({ model, apiName: api.name, region: options.region ?? DEFAULT_REGION, invoker, clock, log });
        lambdaAuthorizers.set(name, authorizer);
      }
      return authorizer;
    }
    case 'AWS_IAM':
      return iamAuthorization({
        credentials: options.credentials,
        region: options.region ?? DEFAULT_REGION,
        clock: options.clock,
        accountId: options.accountId,
      });
    default:
      throw new Error(`route "${route.key}": authorization ${route.authorizationType} is not run by this version of Hoplite`);
  }
}
