/** A REST API's path tree as AWS::ApiGateway::Resource (one per segment) and its AWS::ApiGateway::Method resources. */
import type { RestMethodModel, RestResourceModel } from '../../model/types.ts';
import { ids } from './context.ts';
import { restIds } from './rest-ids.ts';
import { integrationOf } from './rest-integration.ts';
import type { RestApiWriter } from './rest-writer.ts';
import { type CfnValue, getAtt, ref } from './template.ts';

/** The ResourceId/ParentId of a path: the RestApi's RootResourceId for `/`, else that path's Resource. */
function resourceIdOf(writer: RestApiWriter, path: string): CfnValue {
  return path === '/' ? getAtt(ids.api(writer.api.name), 'RootResourceId') : ref(restIds.resource(writer.api.name, path));
}

/** Adds the Resource of `path` and of each of its parents not added yet, parents first. */
function addPath(writer: RestApiWriter, path: string, added: Set<string>): void {
  const parts = path.split('/').filter(Boolean);
  for (let depth = 1; depth <= parts.length; depth++) {
    const current = `/${parts.slice(0, depth).join('/')}`;
    if (added.has(current)) continue;
    added.add(current);
    const parent = depth === 1 ? '/' : `/${parts.slice(0, depth - 1).join('/')}`;
    writer.add(
      restIds.resource(writer.api.name, current),
      {
        Type: 'AWS::ApiGateway::Resource',
        Properties: {
          RestApiId: ref(ids.api(writer.api.name)),
          ParentId: resourceIdOf(writer, parent),
          PathPart: parts[depth - 1] as string,
        },
      },
      `api "${writer.api.name}" resource ${current}`,
    );
  }
}

function authorizationOf(writer: RestApiWriter, method: RestMethodModel): Record<string, CfnValue> {
  const properties: Record<string, CfnValue> = { AuthorizationType: method.authorizationType ?? 'NONE' };
  if (method.authorizerId) properties.AuthorizerId = ref(restIds.authorizer(writer.api.name, method.authorizerId));
  if (method.authorizationScopes) properties.AuthorizationScopes = method.authorizationScopes;
  return properties;
}

function methodProperties(writer: RestApiWriter, path: string, method: RestMethodModel): Record<string, CfnValue> {
  const api = writer.api.name;
  return {
    RestApiId: ref(ids.api(api)),
    ResourceId: resourceIdOf(writer, path),
    HttpMethod: method.httpMethod,
    ...authorizationOf(writer, method),
    ...(method.apiKeyRequired ? { ApiKeyRequired: true } : {}),
    ...(method.requestParameters ? { RequestParameters: method.requestParameters } : {}),
    ...(method.requestValidatorId ? { RequestValidatorId: ref(restIds.requestValidator(api, method.requestValidatorId)) } : {}),
    // The Ref of an AWS::ApiGateway::Model is its name, which is what RequestModels holds.
    ...(method.requestModels
      ? { RequestModels: Object.fromEntries(Object.entries(method.requestModels).map(([type, model]) => [type, ref(restIds.model(api, model))])) }
      : {}),
    Integration: integrationOf(method),
    ...(method.methodResponses.length > 0
      ? {
          MethodResponses: method.methodResponses.map((response) => ({
            StatusCode: response.statusCode,
            ...(Object.keys(response.responseParameters).length > 0 ? { ResponseParameters: response.responseParameters } : {}),
          })),
        }
      : {}),
  };
}

/** REST-1: every model resource's path and methods; CORS preflights are already OPTIONS methods of the model. */
export function addResourcesAndMethods(writer: RestApiWriter, resources: readonly RestResourceModel[]): void {
  const added = new Set<string>();
  for (const resource of resources) {
    addPath(writer, resource.path, added);
    for (const method of resource.methods) {
      writer.add(
        restIds.method(writer.api.name, resource.path, method.httpMethod),
        { Type: 'AWS::ApiGateway::Method', Properties: methodProperties(writer, resource.path, method) },
        `api "${writer.api.name}" method ${method.httpMethod} ${resource.path}`,
      );
    }
  }
}
