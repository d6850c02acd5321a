/** A REST API's AWS::ApiGateway::Deployment and its one AWS::ApiGateway::Stage, with stage and per-method throttling. */
import { ConfigError } from '../../errors.ts';
import type { ThrottlingModel } from '../../model/types.ts';
import { ids } from './context.ts';
import { restIds } from './rest-ids.ts';
import type { RestApiWriter } from './rest-writer.ts';
import { type CfnValue, ref } from './template.ts';

/** MethodSetting ResourcePath: a `/`, then the path with each `/` written `~1` (`/items/{id}` → `/~1items~1{id}`); `/` stays `/`. */
export const methodSettingPath = (path: string): string => (path === '/' ? '/' : `/${path.replaceAll('/', '~1')}`);

const throttlingSetting = (resourcePath: string, httpMethod: string, throttling: ThrottlingModel): CfnValue => ({
  ResourcePath: resourcePath,
  HttpMethod: httpMethod,
  ThrottlingBurstLimit: throttling.burstLimit,
  ThrottlingRateLimit: throttling.rateLimit,
});

/** THR-2: the stage's default (`/*`, `*`) first, then each method that overrides it. */
function methodSettingsOf(writer: RestApiWriter): CfnValue[] {
  const settings: CfnValue[] = [];
  if (writer.api.stage.throttling) settings.push(throttlingSetting('/*', '*', writer.api.stage.throttling));
  for (const resource of writer.api.resources) {
    for (const method of resource.methods) {
      if (method.throttling) settings.push(throttlingSetting(methodSettingPath(resource.path), method.httpMethod, method.throttling));
    }
  }
  return settings;
}

/**
 * Added after every other part of the API: the Deployment's id carries their fingerprint, so a changed API is
 * deployed again on update. It DependsOn every method and gateway response, so that the snapshot it deploys has them
 * all; models, validators and authorizers come before the methods that Ref them.
 */
export function addDeploymentAndStage(writer: RestApiWriter): void {
  const api = writer.api.name;
  if (writer.methodIds.length === 0) {
    // CreateDeployment fails with "The REST API doesn't contain any methods": say so before anything is uploaded.
    throw new ConfigError(writer.context.options.source, [
      { path: `api "${api}"`, message: 'expected at least one method: AWS deploys no REST API without one' },
    ]);
  }
  const deployment = restIds.deployment(api, writer.contentHash());
  writer.context.builder.resource(
    deployment,
    { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: ref(ids.api(api)) }, DependsOn: [...writer.methodIds, ...writer.gatewayResponseIds] },
    `api "${api}" deployment`,
  );
  const variables = writer.api.stage.variables;
  const methodSettings = methodSettingsOf(writer);
  writer.context.builder.resource(
    ids.stage(api),
    {
      Type: 'AWS::ApiGateway::Stage',
      Properties: {
        RestApiId: ref(ids.api(api)),
        StageName: writer.api.stage.name,
        DeploymentId: ref(deployment),
        ...(Object.keys(variables).length > 0 ? { Variables: variables } : {}),
        ...(methodSettings.length > 0 ? { MethodSettings: methodSettings } : {}),
      },
    },
    `api "${api}" stage "${writer.api.stage.name}"`,
  );
}
