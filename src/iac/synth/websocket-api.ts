/** A WebSocket API as AWS::ApiGatewayV2 resources: the Api, its models and authorizers, each route, a Deployment and the Stage. */
import { createHash } from 'node:crypto';
import type { ThrottlingModel, WebSocketApiModel } from '../../model/types.ts';
import { lambdaInvocationUri } from './arns.ts';
import { ids, type SynthContext } from './context.ts';
import { type CfnResource, type CfnValue, ref } from './template.ts';
import { synthesizeRoute } from './websocket-routes.ts';

export function webSocketApiResource(api: WebSocketApiModel): CfnResource {
  return {
    Type: 'AWS::ApiGatewayV2::Api',
    Properties: {
      Name: api.name,
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: api.routeSelectionExpression,
      ...(api.apiKeySelectionExpression ? { ApiKeySelectionExpression: api.apiKeySelectionExpression } : {}),
    },
  };
}

const throttlingSettings = (throttling: ThrottlingModel): CfnValue => ({
  ThrottlingBurstLimit: throttling.burstLimit,
  ThrottlingRateLimit: throttling.rateLimit,
});

export function stageResource(api: WebSocketApiModel, deploymentId: string): CfnResource {
  const routeSettings = api.routes.filter((route) => route.throttling);
  return {
    Type: 'AWS::ApiGatewayV2::Stage',
    Properties: {
      ApiId: ref(ids.api(api.name)),
      StageName: api.stage.name,
      DeploymentId: ref(deploymentId),
      ...(Object.keys(api.stage.variables).length ? { StageVariables: api.stage.variables } : {}),
      ...(api.stage.throttling ? { DefaultRouteSettings: throttlingSettings(api.stage.throttling) } : {}),
      ...(routeSettings.length
        ? { RouteSettings: Object.fromEntries(routeSettings.map((route) => [route.key, throttlingSettings(route.throttling as ThrottlingModel)])) }
        : {}),
    },
  };
}

/** Changes with anything a deployment snapshots (routes, integrations, models, authorizers), not with the stage. */
export function deploymentHash(api: WebSocketApiModel): string {
  const { stage: _stage, ...deployed } = api;
  return createHash('sha256').update(JSON.stringify(deployed)).digest('hex').slice(0, 10);
}

export function synthesizeWebSocketApi(context: SynthContext, api: WebSocketApiModel): void {
  const owner = `api "${api.name}"`;
  const { builder } = context;
  const apiId = ref(builder.resource(ids.api(api.name), webSocketApiResource(api), owner));
  for (const [name, model] of Object.entries(api.models ?? {})) {
    builder.resource(
      ids.model(api.name, name),
      { Type: 'AWS::ApiGatewayV2::Model', Properties: { ApiId: apiId, ContentType: model.contentType, Name: name, Schema: model.schema as CfnValue } },
      `${owner} model "${name}"`,
    );
  }
  for (const authorizer of api.authorizers ?? []) {
    builder.resource(
      ids.authorizer(api.name, authorizer.name),
      {
        Type: 'AWS::ApiGatewayV2::Authorizer',
        Properties: {
          ApiId: apiId,
          AuthorizerType: authorizer.authorizerType,
          AuthorizerUri: lambdaInvocationUri(authorizer.function),
          IdentitySource: authorizer.identitySource,
          Name: authorizer.name,
        },
      },
      `${owner} authorizer "${authorizer.name}"`,
    );
  }
  const deployed = api.routes.flatMap((route) => synthesizeRoute(context, api, route));
  const deploymentId = builder.resource(
    ids.deployment(api.name, deploymentHash(api)),
    // A deployment snapshots the routes as they are when it is created: it must come after every one of them.
    { Type: 'AWS::ApiGatewayV2::Deployment', DependsOn: deployed, Properties: { ApiId: apiId } },
    owner,
  );
  builder.resource(ids.stage(api.name), stageResource(api, deploymentId), owner);
}
