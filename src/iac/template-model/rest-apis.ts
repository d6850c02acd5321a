/** AWS::ApiGateway::RestApi declared resource by resource (without an OpenAPI Body): its path tree, methods and parts. */
import type { RestApiModel, RestResourceModel } from '../../model/types.ts';
import type { MappingContext } from './context.ts';
import { restDefinitionOf, V2_DEFINITION } from './openapi-definitions.ts';
import type { LocalIdentity } from './references.ts';
import { restGatewayResponsesOf, restModelsOf, restValidatorsOf } from './rest-api-parts.ts';
import { restAuthorizersOf } from './rest-authorizers.ts';
import { mapRestMethod } from './rest-methods.ts';
import { partsOf, REST_API, REST_METHOD, REST_RESOURCE, readerOf } from './rest-parts.ts';
import { RestPathTree } from './rest-resources.ts';
import { type MethodThrottling, restStageOf } from './rest-stage.ts';

function resourcesOf(context: MappingContext, apiId: string): RestResourceModel[] {
  const tree = new RestPathTree(context, apiId);
  // Every Resource of the API is resolved, so a broken path is an error even where no method hangs yet.
  for (const id of partsOf(context, REST_RESOURCE, apiId)) tree.resourcePath(id);
  const resources: RestResourceModel[] = [];
  for (const id of partsOf(context, REST_METHOD, apiId)) {
    const reader = readerOf(context, id);
    const path = tree.pathOf(reader, 'ResourceId');
    const method = mapRestMethod(context, id);
    let resource = resources.find((candidate) => candidate.path === path);
    if (!resource) {
      resource = { path, methods: [] };
      resources.push(resource);
    }
    if (resource.methods.some((other) => other.httpMethod === method.httpMethod))
      throw reader.fail('HttpMethod', `a method ${path} does not have yet (${method.httpMethod} is declared twice)`);
    resource.methods.push(method);
  }
  return resources;
}

function applyMethodThrottling(resources: RestResourceModel[], settings: MethodThrottling[]): void {
  for (const { path, httpMethod, throttling } of settings) {
    for (const resource of resources) {
      if (path !== '/*' && path !== resource.path) continue;
      for (const method of resource.methods) if (httpMethod === '*' || httpMethod === method.httpMethod) method.throttling = throttling;
    }
  }
}

export function mapRestApi(context: MappingContext, identity: LocalIdentity, id: string): RestApiModel {
  const reader = readerOf(context, id);
  // An OpenAPI definition (`Body`, or `BodyS3Location` as a local path) gives resources as the declared ones do.
  const definition = restDefinitionOf(context, reader, V2_DEFINITION);
  reader.ignore(
    REST_API,
    [
      'Description',
      'EndpointConfiguration',
      'Policy',
      'Tags',
      'MinimumCompressionSize',
      'DisableExecuteApiEndpoint',
      'FailOnWarnings',
      'CloneFrom',
      'Parameters',
      'Mode',
    ],
    'not applied locally',
  );
  const source = reader.string('ApiKeySourceType') ?? definition?.apiKeySource;
  if (source !== undefined && source !== 'HEADER' && source !== 'AUTHORIZER') throw reader.fail('ApiKeySourceType', 'HEADER or AUTHORIZER');
  const { stage, methodThrottling } = restStageOf(context, identity, id);
  const resources = [...(definition?.resources ?? []), ...resourcesOf(context, id)];
  applyMethodThrottling(resources, methodThrottling);
  const authorizers = [...(definition?.authorizers ?? []), ...restAuthorizersOf(context, identity, id)];
  const models = { ...definition?.models, ...restModelsOf(context, id) };
  const requestValidators = [...(definition?.requestValidators ?? []), ...restValidatorsOf(context, id)];
  const gatewayResponses = restGatewayResponsesOf(context, id);
  return {
    protocol: 'REST',
    name: reader.string('Name') ?? id,
    stage,
    // `~1` is how a `/` is written in a media type here (as in an OpenAPI path).
    binaryMediaTypes: [...(definition?.binaryMediaTypes ?? []), ...(reader.stringList('BinaryMediaTypes') ?? []).map((type) => type.replaceAll('~1', '/'))],
    resources,
    ...(gatewayResponses.length > 0 ? { gatewayResponses } : {}),
    ...(Object.keys(models).length > 0 ? { models } : {}),
    ...(requestValidators.length > 0 ? { requestValidators } : {}),
    ...(source ? { apiKeySource: source } : {}),
    ...(authorizers.length > 0 ? { authorizers } : {}),
  };
}
