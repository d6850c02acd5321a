/** AUTH-20..40: each authorized route's `RouteAuthorization`, built once at start; undefined when no route has one. */
import type { HttpApiModel, HttpRouteModel } from '../model/types.ts';
import type { ApiRuntimeSettings } from '../surface/index.ts';
import type { RouteAuthorization } from './authorization.ts';

export function routeAuthorizations(api: HttpApiModel, options: ApiRuntimeSettings): Map<string, RouteAuthorization> | undefined {
  let authorizations: Map<string, RouteAuthorization> | undefined;
  for (const route of api.routes) {
    const authorization = authorizationOf(route, api, options);
    if (authorization === undefined) continue;
    authorizations ??= new Map();
    authorizations.set(route.key, authorization);
  }
  return authorizations;
}

function authorizationOf(route: HttpRouteModel, _api: HttpApiModel, _options: ApiRuntimeSettings): RouteAuthorization | undefined {
  switch (route.authorizationType) {
    case undefined:
    case 'NONE':
      return undefined;
    default:
      throw new Error(`route "${route.key}": authorization ${route.authorizationType} is not run by this version of Hoplite`);
  }
}
