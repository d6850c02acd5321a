/** The ARNs and URIs synthesized resources point at, written with pseudo parameters so a template fits any account and region. */
import { ConfigError } from '../../errors.ts';
import type { ResourceRef, WebSocketApiModel } from '../../model/types.ts';
import { ids, type SynthContext } from './context.ts';
import { type CfnValue, getAtt, sub } from './template.ts';

/** The URI API Gateway invokes a Lambda function through (integrations and authorizers). */
export function lambdaInvocationUri(functionName: string): CfnValue {
  return sub(`arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${ids.function(functionName)}.Arn}/invocations`);
}

/** Every route, method and stage of an API: what a Lambda permission's SourceArn is scoped to. */
export function executeApiArn(apiName: string): CfnValue {
  return sub(`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${ids.api(apiName)}}/*`);
}

/** The @connections API of a WebSocket API's stage, every method (POST, GET, DELETE): `{api-id}/{stage}/{method}/@connections/{id}`. */
export function connectionsArn(api: WebSocketApiModel): CfnValue {
  return sub(`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${ids.api(api.name)}}/${api.stage.name}/*/@connections/*`);
}

/** The WebSocket API a policy or output names; anything else is a defect of the model, reported with its owner. */
export function webSocketApiNamed(context: SynthContext, name: string, owner: string): WebSocketApiModel {
  const api = context.model.apis.find((candidate) => candidate.name === name);
  if (api?.protocol !== 'WEBSOCKET')
    throw new ConfigError(context.options.source, [{ path: owner, message: `names the WebSocket API "${name}", which the service does not have` }]);
  return api;
}

function tableNamed(context: SynthContext, name: string, owner: string) {
  const table = context.model.tables.find((candidate) => candidate.name === name);
  if (!table) throw new ConfigError(context.options.source, [{ path: owner, message: `names the table "${name}", which the service does not have` }]);
  return table;
}

/** The ARNs an IAM statement on a resource covers: a table and, when it has any, its indexes. */
export function policyResources(context: SynthContext, resource: ResourceRef, owner: string): CfnValue[] {
  if (resource.kind === 'arn') return [resource.arn];
  if (resource.kind === 'api-connections') return [connectionsArn(webSocketApiNamed(context, resource.api, owner))];
  const table = tableNamed(context, resource.table, owner);
  const id = ids.table(table.name);
  const indexed = (table.globalSecondaryIndexes?.length ?? 0) + (table.localSecondaryIndexes?.length ?? 0) > 0;
  return indexed ? [getAtt(id, 'Arn'), sub(`\${${id}.Arn}/index/*`)] : [getAtt(id, 'Arn')];
}

/** What an environment variable standing for a resource holds once deployed: a table's generated name, an ARN. */
export function environmentValue(context: SynthContext, resource: ResourceRef, owner: string): CfnValue {
  if (resource.kind === 'arn') return resource.arn;
  if (resource.kind === 'api-connections') return connectionsArn(webSocketApiNamed(context, resource.api, owner));
  return { Ref: ids.table(tableNamed(context, resource.table, owner).name) };
}
