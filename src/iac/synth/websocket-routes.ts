/** A WebSocket route as AWS::ApiGatewayV2 resources: its Route, Integration, IntegrationResponses and RouteResponse. */
import { ConfigError } from '../../errors.ts';
import type { WebSocketApiModel, WebSocketRouteModel } from '../../model/types.ts';
import { ids, type SynthContext } from './context.ts';
import { type CfnResource, ref, sub } from './template.ts';
import { integrationProperties, integrationResponseProperties, integrationResponsesOf } from './websocket-integrations.ts';

export function routeResource(context: SynthContext, api: WebSocketApiModel, route: WebSocketRouteModel): CfnResource {
  const apiId = ref(ids.api(api.name));
  const modelNames = [...new Set(Object.values(route.requestModels ?? {}))];
  return {
    Type: 'AWS::ApiGatewayV2::Route',
    Properties: {
      ApiId: apiId,
      RouteKey: route.key,
      Target: sub(`integrations/\${${ids.integration(api.name, route.key)}}`),
      ...(route.authorizationType ? { AuthorizationType: route.authorizationType } : {}),
      ...(route.authorizerId ? { AuthorizerId: ref(authorizerId(context, api, route.authorizerId)) } : {}),
      ...(route.apiKeyRequired ? { ApiKeyRequired: true } : {}),
      ...(route.modelSelectionExpression ? { ModelSelectionExpression: route.modelSelectionExpression } : {}),
      ...(route.requestModels ? { RequestModels: route.requestModels } : {}),
      ...(route.routeResponseSelectionExpression ? { RouteResponseSelectionExpression: route.routeResponseSelectionExpression } : {}),
    },
    // RequestModels name models by Name, which CloudFormation does not see as a reference.
    ...(modelNames.length ? { DependsOn: modelNames.map((name) => ids.model(api.name, name)) } : {}),
  };
}

function authorizerId(context: SynthContext, api: WebSocketApiModel, name: string): string {
  if (!api.authorizers?.some((authorizer) => authorizer.name === name))
    throw new ConfigError(context.options.source, [
      { path: `api "${api.name}"`, message: `a route names the authorizer "${name}", which the API does not have` },
    ]);
  return ids.authorizer(api.name, name);
}

/** Adds the route's resources; returns the logical ids a Deployment must wait for. */
export function synthesizeRoute(context: SynthContext, api: WebSocketApiModel, route: WebSocketRouteModel): string[] {
  const owner = `api "${api.name}" route "${route.key}"`;
  const apiId = ref(ids.api(api.name));
  const integrationId = context.builder.resource(
    ids.integration(api.name, route.key),
    { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: apiId, ...integrationProperties(route) } },
    owner,
  );
  const responseIds = integrationResponsesOf(route).map((response, index) =>
    context.builder.resource(
      ids.integrationResponse(api.name, route.key, index),
      {
        Type: 'AWS::ApiGatewayV2::IntegrationResponse',
        Properties: { ApiId: apiId, IntegrationId: ref(integrationId), ...integrationResponseProperties(response) },
      },
      owner,
    ),
  );
  const routeId = context.builder.resource(ids.route(api.name, route.key), routeResource(context, api, route), owner);
  if (route.routeResponseSelectionExpression) {
    // WS-40: the route response is what makes API Gateway send the integration's answer back to the client.
    responseIds.push(
      context.builder.resource(
        ids.routeResponse(api.name, route.key),
        { Type: 'AWS::ApiGatewayV2::RouteResponse', Properties: { ApiId: apiId, RouteId: ref(routeId), RouteResponseKey: '$default' } },
        owner,
      ),
    );
  }
  return [routeId, ...responseIds];
}
