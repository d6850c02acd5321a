/** An HTTP API's stage as AWS::ApiGatewayV2::Stage: its variables and throttling, and a deployment when it does not deploy itself. */
import type { HttpApiModel, ThrottlingModel } from '../../model/types.ts';
import { ids, type SynthContext } from './context.ts';
import { httpIds } from './http-ids.ts';
import type { CfnResource, CfnValue } from './template.ts';
import { ref } from './template.ts';

export const V2_STAGE = 'AWS::ApiGatewayV2::Stage';
export const V2_DEPLOYMENT = 'AWS::ApiGatewayV2::Deployment';

const throttlingSettings = (throttling: ThrottlingModel): Record<string, CfnValue> => ({
  ThrottlingBurstLimit: throttling.burstLimit,
  ThrottlingRateLimit: throttling.rateLimit,
});

/** `routeIds`: each route key's Route logical id; `parts`: the ids of all the API's resources, which a deployment holds. */
export function synthesizeHttpStage(context: SynthContext, api: HttpApiModel, routeIds: ReadonlyMap<string, string>, parts: string[]): void {
  const { stage } = api;
  const owner = `api "${api.name}" stage "${stage.name}"`;
  const throttled = api.routes.filter((route) => route.throttling);
  const routeSettings = Object.fromEntries(throttled.map((route) => [route.key, throttlingSettings(route.throttling as ThrottlingModel)]));
  const deploymentId = stage.autoDeploy ? undefined : synthesizeDeployment(context, api, [...routeIds.values()], parts);
  const resource: CfnResource = {
    Type: V2_STAGE,
    Properties: {
      ApiId: ref(ids.api(api.name)),
      StageName: stage.name,
      AutoDeploy: stage.autoDeploy,
      ...(deploymentId ? { DeploymentId: ref(deploymentId) } : {}),
      ...(Object.keys(stage.variables).length > 0 ? { StageVariables: { ...stage.variables } } : {}),
      ...(stage.throttling ? { DefaultRouteSettings: throttlingSettings(stage.throttling) } : {}),
      ...(throttled.length > 0 ? { RouteSettings: routeSettings } : {}),
    },
    // AWS refuses RouteSettings that name a route it has not created yet; nothing else orders them.
    ...(throttled.length > 0 ? { DependsOn: throttled.map((route) => routeIds.get(route.key) as string) } : {}),
  };
  context.builder.resource(ids.stage(api.name), resource, owner);
}

/**
 * HTTP-3: without AutoDeploy a stage serves only what a deployment holds. A deployment is made once, so its logical id
 * carries a digest of the API's resources: a changed route gives a new deployment, and the stage moves to it.
 */
function synthesizeDeployment(context: SynthContext, api: HttpApiModel, routes: string[], parts: string[]): string {
  const template = context.builder.toTemplate();
  const content = JSON.stringify(parts.map((id) => [id, template.Resources[id] ?? null]));
  const id = httpIds.deployment(api.name, content);
  context.builder.resource(
    id,
    { Type: V2_DEPLOYMENT, Properties: { ApiId: ref(ids.api(api.name)), Description: `The routes of API "${api.name}"` }, DependsOn: routes },
    `api "${api.name}" stage "${api.stage.name}"`,
  );
  return id;
}
