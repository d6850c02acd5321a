/** AUTH-20..40: each authorized route's `RouteAuthorization`, built once at start; undefined when no route has one. */
import { createJwtIssuers, type JwtIssuers } from '../auth/jwt/index.ts';
import type { HttpApiModel, HttpJwtAuthorizerModel, HttpLambdaAuthorizerModel, HttpRouteModel } from '../model/types.ts';
import type { ApiRuntimeSettings } from '../surface/index.ts';
import type { RouteAuthorization } from './authorization.ts';
import { iamAuthorization } from './iam-authorization.ts';
import { jwtAuthorization } from './jwt-authorization.ts';
import { HttpLambdaAuthorizer } from './lambda-authorizer.ts';

/** GEN-5: route ARNs name the gateway's region. */
const DEFAULT_REGION = 'us-east-1';

export interface AuthorizationSettings extends ApiRuntimeSettings {
  /** AUTH-22: the gateway's issuers with their cached keys. @default issuers of this API alone, no local issuer */
  jwtIssuers?: JwtIssuers;
}

/** What the routes of one API share: the JWT issuers, and one Lambda authorizer (with its cache, AUTH-35) per name. */
interface Shared {
  issuers: JwtIssuers | undefined;
  lambdaAuthorizers: Map<string, HttpLambdaAuthorizer>;
}

export function routeAuthorizations(api: HttpApiModel, options: AuthorizationSettings): Map<string, RouteAuthorization> | undefined {
  let authorizations: Map<string, RouteAuthorization> | undefined;
  const shared: Shared = { issuers: options.jwtIssuers, lambdaAuthorizers: new Map() };
  for (const route of api.routes) {
    if (route.authorizationType === 'JWT') shared.issuers ??= createJwtIssuers({ clock: options.clock });
    const authorization = authorizationOf(route, api, options, shared);
    if (authorization === undefined) continue;
    authorizations ??= new Map();
    authorizations.set(route.key, authorization);
  }
  return authorizations;
}

function authorizationOf(route: HttpRouteModel, api: HttpApiModel, options: AuthorizationSettings, shared: Shared): RouteAuthorization | undefined {
  switch (route.authorizationType) {
    case undefined:
    case 'NONE':
      return undefined;
    case 'JWT': {
      // The model's check made sure the route names a JWT authorizer of this API.
      const authorizer = api.authorizers?.find((candidate) => candidate.name === route.authorizerId) as HttpJwtAuthorizerModel;
      return jwtAuthorization({ authorizer, route, issuers: shared.issuers as JwtIssuers, clock: options.clock, log: options.log });
    }
    case 'CUSTOM': {
      const name = route.authorizerId as string;
      let authorizer = shared.lambdaAuthorizers.get(name);
      if (authorizer === undefined) {
        // The model's validator checked that the route names a Lambda authorizer of this API.
        const model = api.authorizers?.find((candidate) => candidate.name === name) as HttpLambdaAuthorizerModel;
        const { invoker, clock, log } = options;
        authorizer = new HttpLambdaAuthorizer({ model, apiName: api.name, region: options.region ?? DEFAULT_REGION, invoker, clock, log });
        shared.lambdaAuthorizers.set(name, authorizer);
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
  }
}
