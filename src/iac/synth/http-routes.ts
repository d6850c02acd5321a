/** Each HTTP API route as an AWS::ApiGatewayV2::Route and the AWS::ApiGatewayV2::Integration it targets. */
import type { HttpApiModel, HttpRouteModel } from '../../model/types.ts';
import { ids, type SynthContext } from './context.ts';
import { httpIds } from './http-ids.ts';
import { type CfnValue, getAtt, ref, sub } from './template.ts';

export const V2_ROUTE = 'AWS::ApiGatewayV2::Route';
export const V2_INTEGRATION = 'AWS::ApiGatewayV2::Integration';

export function synthesizeHttpRoute(context: SynthContext, api: HttpApiModel, route: HttpRouteModel, stem: string): void {
  const owner = `api "${api.name}" route "${route.key}"`;
  const integrationId = httpIds.integration(stem);
  context.builder.resource(integrationId, { Type: V2_INTEGRATION, Properties: integrationProperties(api, route) }, owner);
  context.builder.resource(httpIds.route(stem), { Type: V2_ROUTE, Properties: routeProperties(api, route, integrationId) }, owner);
}

function routeProperties(api: HttpApiModel, route: HttpRouteModel, integrationId: string): Record<string, CfnValue> {
  const type = route.authorizationType ?? 'NONE';
  // Only JWT and CUSTOM routes name an authorizer; the model keeps scopes to JWT routes (AUTH-23).
  const authorizer = (type === 'JWT' || type === 'CUSTOM') && route.authorizerId !== undefined ? route.authorizerId : undefined;
  return {
    ApiId: ref(ids.api(api.name)),
    RouteKey: route.key,
    Target: sub(`integrations/\${${integrationId}}`),
    AuthorizationType: type,
    ...(authorizer === undefined ? {} : { AuthorizerId: ref(httpIds.authorizer(api.name, authorizer)) }),
    ...(route.authorizationScopes?.length ? { AuthorizationScopes: [...route.authorizationScopes] } : {}),
  };
}

function integrationProperties(api: HttpApiModel, route: HttpRouteModel): Record<string, CfnValue> {
  const proxy = route.integration;
  const target: Record<string, CfnValue> = proxy
    ? // HTTP-83: 1.0 is the only payload format of HTTP_PROXY integrations.
      { IntegrationType: 'HTTP_PROXY', IntegrationUri: proxy.integrationUri, IntegrationMethod: proxy.integrationMethod, PayloadFormatVersion: '1.0' }
    : // HTTP APIs take the function's ARN itself as a Lambda proxy's IntegrationUri.
      { IntegrationType: 'AWS_PROXY', IntegrationUri: getAtt(ids.function(route.function as string), 'Arn'), PayloadFormatVersion: route.payloadFormatVersion };
  return {
    ApiId: ref(ids.api(api.name)),
    ...target,
    TimeoutInMillis: route.integrationTimeoutMs,
    ...(route.requestParameters ? { RequestParameters: { ...route.requestParameters } } : {}),
    ...(route.responseParameters ? { ResponseParameters: responseParameters(route.responseParameters) } : {}),
  };
}

/** HTTP-81: CloudFormation writes each status code's mappings as a list of `{ Destination, Source }`, not as a map. */
function responseParameters(byStatus: Record<string, Record<string, string>>): CfnValue {
  return Object.fromEntries(
    Object.entries(byStatus).map(([status, mappings]) => [
      status,
      { ResponseParameters: Object.entries(mappings).map(([destination, source]) => ({ Destination: destination, Source: source })) },
    ]),
  );
}
