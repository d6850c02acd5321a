/** An HTTP API as AWS::ApiGatewayV2 resources: the API with its CORS, authorizers, a route and integration per route, the stage. */
import { ConfigError } from '../../errors.ts';
import type { CorsModel, HttpApiModel } from '../../model/types.ts';
import { ids, type SynthContext } from './context.ts';
import { synthesizeHttpAuthorizers } from './http-authorizers.ts';
import { httpIds, routeStems } from './http-ids.ts';
import { synthesizeHttpRoute } from './http-routes.ts';
import { synthesizeHttpStage } from './http-stage.ts';
import type { CfnValue } from './template.ts';

export const V2_API = 'AWS::ApiGatewayV2::Api';

export function synthesizeHttpApi(context: SynthContext, api: HttpApiModel): void {
  const apiId = ids.api(api.name);
  context.builder.resource(
    apiId,
    { Type: V2_API, Properties: { Name: api.name, ProtocolType: 'HTTP', ...(api.cors ? { CorsConfiguration: corsConfiguration(api.cors) } : {}) } },
    `api "${api.name}"`,
  );
  synthesizeHttpAuthorizers(context, api);
  const stems = routeStems(api);
  const routeIds = new Map<string, string>();
  const parts = [apiId, ...(api.authorizers ?? []).map((authorizer) => httpIds.authorizer(api.name, authorizer.name))];
  api.routes.forEach((route, index) => {
    if (!route.function && !route.integration)
      throw new ConfigError(context.options.source, [
        { path: `api "${api.name}" routes[${index}]`, message: `route "${route.key}" needs a function or an HTTP_PROXY integration to ship` },
      ]);
    const stem = stems.get(route.key) as string;
    synthesizeHttpRoute(context, api, route, stem);
    routeIds.set(route.key, httpIds.route(stem));
    parts.push(httpIds.integration(stem), httpIds.route(stem));
  });
  synthesizeHttpStage(context, api, routeIds, parts);
}

/** HTTP-50: CorsConfiguration; lists the model leaves empty are left out, as AWS reads them as unset. */
function corsConfiguration(cors: CorsModel): Record<string, CfnValue> {
  const list = (key: string, values: string[]) => (values.length > 0 ? { [key]: [...values] } : {});
  return {
    AllowCredentials: cors.allowCredentials,
    ...list('AllowHeaders', cors.allowHeaders),
    ...list('AllowMethods', cors.allowMethods),
    ...list('AllowOrigins', cors.allowOrigins),
    ...list('ExposeHeaders', cors.exposeHeaders),
    ...(cors.maxAgeSeconds === undefined ? {} : { MaxAge: cors.maxAgeSeconds }),
  };
}
