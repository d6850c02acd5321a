/** AUTH-20..40: each authorized route's `RouteAuthorization`, built once at start; undefined when no route has one. */
import { createJwtIssuers, type JwtIssuers } from '../auth/jwt/index.ts';
import type { HttpApiModel, HttpJwtAuthorizerModel, HttpRouteModel } from '../model/types.ts';
import type { ApiRuntimeSettings } from '../surface/index.ts';
import type { RouteAuthorization } from './authorization.ts';
import { jwtAuthorization } from './jwt-authorization.ts';

export interface AuthorizationSettings extends ApiRuntimeSettings {
  /** AUTH-22: the gateway's issuers with their cached keys. @default issuers of this API alone, no local issuer */
  jwtIssuers?: JwtIssuers;
}

export function routeAuthorizations(api: HttpApiModel, options: AuthorizationSettings): Map<string, RouteAuthorization> | undefined {
  let authorizations: Map<string, RouteAuthorization> | undefined;
  let issuers = options.jwtIssuers;
  for (const route of api.routes) {
    if (route.authorizationType === 'JWT') issuers ??= createJwtIssuers({ clock: options.clock });
    const authorization = authorizationOf(route, api, options, issuers);
    if (authorization === undefined) continue;
    authorizations ??= new Map();
    authorizations.set(route.key, authorization);
  }
  return authorizations;
}

function authorizationOf(
  route: HttpRouteModel,
  api: HttpApiModel,
  options: AuthorizationSettings,
  issuers: JwtIssuers | undefined,
): RouteAuthorization | undefined {
  switch (route.authorizationType) {
    case undefined:
    case 'NONE':
      return undefined;
    case 'JWT': {
      // The model's check made sure the route names a JWT authorizer of this API.
      const authorizer = api.authorizers?.find((candidate) => candidate.name === route.authorizerId) as HttpJwtAuthorizerModel;
      return jwtAuthorization({ authorizer, route, issuers: issuers as JwtIssuers, clock: options.clock, log: options.log });
    }
    default:
      throw new Error(`route "${route.key}": authorization ${route.authorizationType} is not run by this version of Hoplite`);
  }
}
