/** AWS::ApiGatewayV2::Api with its Routes: a WebSocket API, or an HTTP API (routes, or quick create with Target). */
import { HTTP_INTEGRATION_TIMEOUT_RANGE_MS, INTEGRATION_TIMEOUT_RANGE_MS } from '../../limits.ts';
import type {
  ApiKeySelectionExpression,
  CorsModel,
  HttpApiModel,
  HttpRouteModel,
  WebSocketApiModel,
  WebSocketIntegrationModel,
  WebSocketRouteModel,
} from '../../model/types.ts';
import type { MappingContext } from './context.ts';
import { invokedFunction } from './function-reference.ts';
import { httpDefinitionOf, V2_DEFINITION } from './openapi-definitions.ts';
import { PropertyReader } from './properties.ts';
import { type LocalIdentity, referencedId } from './references.ts';
import { authorizerName, httpAuthorizers, V2_AUTHORIZER, webSocketAuthorizers, webSocketModels } from './v2-authorizers.ts';
import { requestParametersOf, routeIntegration, templatedFields, type V2Integration } from './v2-integrations.ts';
import { stageOf } from './v2-stage.ts';

export const V2_API = 'AWS::ApiGatewayV2::Api';
export const V2_ROUTE = 'AWS::ApiGatewayV2::Route';

/** The local name of an API: its Name when the template gives one, else its logical id. */
export function apiName(id: string, properties: Record<string, unknown>): string {
  return typeof properties.Name === 'string' ? properties.Name : id;
}

const readerOf = (context: MappingContext, id: string) => new PropertyReader(context, id, context.resource(id)?.properties ?? {});
const routesOf = (context: MappingContext, apiId: string) =>
  context
    .idsOf(V2_ROUTE)
    .filter((id) => referencedId(context.resource(id)?.properties.ApiId) === apiId)
    .map((id) => readerOf(context, id));

export function mapV2Api(context: MappingContext, identity: LocalIdentity, id: string): WebSocketApiModel | HttpApiModel {
  const reader = readerOf(context, id);
  const hasDefinition = reader.has('Body') || reader.has('BodyS3Location');
  // An API imported from a definition is an HTTP API unless it says otherwise.
  const protocol = hasDefinition ? (reader.string('ProtocolType') ?? 'HTTP') : reader.requiredString('ProtocolType');
  if (protocol !== 'HTTP' && hasDefinition)
    throw context.error(
      reader.at(reader.has('Body') ? 'Body' : 'BodyS3Location'),
      `${id}: an OpenAPI definition (Body, BodyS3Location) is for HTTP APIs; declare a WebSocket API's routes as AWS::ApiGatewayV2::Route resources`,
    );
  reader.ignore(
    V2_API,
    ['Description', 'DisableExecuteApiEndpoint', 'DisableSchemaValidation', 'Tags', 'Version', 'FailOnWarnings', 'CredentialsArn'],
    'not applied locally',
  );
  if (protocol === 'WEBSOCKET') return webSocketApi(context, identity, id, reader);
  if (protocol === 'HTTP') return httpApi(context, identity, id, reader);
  throw reader.fail('ProtocolType', 'WEBSOCKET or HTTP');
}

function webSocketApi(context: MappingContext, identity: LocalIdentity, id: string, reader: PropertyReader): WebSocketApiModel {
  const stage = stageOf(context, identity, id, 'local');
  if (stage.name === 'local' && !context.idsOf('AWS::ApiGatewayV2::Stage').length)
    context.warn(reader.path, `${id}: no AWS::ApiGatewayV2::Stage names this API; it is served on stage "local"`);
  const apiKeySelection = reader.string('ApiKeySelectionExpression');
  if (apiKeySelection !== undefined && apiKeySelection !== '$request.header.x-api-key' && apiKeySelection !== '$context.authorizer.usageIdentifierKey') {
    throw reader.fail('ApiKeySelectionExpression', '$request.header.x-api-key or $context.authorizer.usageIdentifierKey');
  }
  const routes = routesOf(context, id).map((route) => webSocketRoute(context, route, stage.routeThrottling));
  const models = webSocketModels(context, id);
  const authorizers = webSocketAuthorizers(context, id);
  return {
    protocol: 'WEBSOCKET',
    name: apiName(id, reader.properties),
    routeSelectionExpression: reader.requiredString('RouteSelectionExpression'),
    ...(apiKeySelection ? { apiKeySelectionExpression: apiKeySelection as ApiKeySelectionExpression } : {}),
    stage: { name: stage.name, variables: stage.variables, ...(stage.throttling ? { throttling: stage.throttling } : {}) },
    routes,
    ...(Object.keys(models).length > 0 ? { models } : {}),
    ...(authorizers.length > 0 ? { authorizers } : {}),
  };
}

function webSocketRoute(context: MappingContext, route: PropertyReader, routeThrottling: Map<string, unknown>): WebSocketRouteModel {
  const key = route.requiredString('RouteKey');
  const found = routeIntegration(context, route);
  const routeResponse = route.string('RouteResponseSelectionExpression');
  if (routeResponse !== undefined && routeResponse !== '$default')
    throw route.fail('RouteResponseSelectionExpression', '$default (the only value WebSocket APIs accept)');
  const authorizationType = route.string('AuthorizationType');
  if (authorizationType !== undefined && authorizationType !== 'NONE' && authorizationType !== 'CUSTOM' && authorizationType !== 'AWS_IAM')
    throw route.fail('AuthorizationType', 'NONE, CUSTOM or AWS_IAM');
  const modelSelectionExpression = route.string('ModelSelectionExpression');
  const requestModels = route.stringRecord('RequestModels', (value, path) => {
    if (typeof value !== 'string') throw context.error(path, `${route.id}: RequestModels: expected model names`);
    return value;
  });
  const apiKeyRequired = route.boolean('ApiKeyRequired');
  const throttling = routeThrottling.get(key);
  const authorizerId = authorizerOf(context, route);
  return {
    key,
    ...(found.function ? { function: found.function } : {}),
    ...webSocketIntegration(context, found),
    ...(routeResponse ? { routeResponseSelectionExpression: '$default' as const } : {}),
    integrationTimeoutMs: found.reader.number('TimeoutInMillis') ?? INTEGRATION_TIMEOUT_RANGE_MS.default,
    ...(throttling ? { throttling: throttling as WebSocketRouteModel['throttling'] } : {}),
    ...(modelSelectionExpression ? { modelSelectionExpression } : {}),
    ...(requestModels ? { requestModels } : {}),
    ...(apiKeyRequired ? { apiKeyRequired } : {}),
    ...(authorizationType && authorizationType !== 'NONE' ? { authorizationType: authorizationType as 'CUSTOM' | 'AWS_IAM' } : {}),
    ...(authorizerId ? { authorizerId } : {}),
  };
}

/** AuthorizerId: a reference to an AWS::ApiGatewayV2::Authorizer, named in the model by its Name. */
function authorizerOf(context: MappingContext, route: PropertyReader): string | undefined {
  const value = route.properties.AuthorizerId;
  if (value === undefined) return undefined;
  const id = referencedId(value);
  if (id === undefined || context.resource(id)?.type !== V2_AUTHORIZER)
    throw route.fail('AuthorizerId', 'a reference to an AWS::ApiGatewayV2::Authorizer (!Ref MyAuthorizer)');
  return authorizerName(context, id);
}

function webSocketIntegration(context: MappingContext, found: V2Integration): { integration?: WebSocketIntegrationModel } {
  const { reader } = found;
  if (found.type === 'AWS_PROXY') return {};
  if (found.type === 'MOCK' || found.type === 'AWS') return { integration: { type: found.type, ...templatedFields(context, found) } };
  const target = { integrationUri: reader.requiredString('IntegrationUri'), integrationMethod: reader.string('IntegrationMethod') ?? 'POST' };
  const requestParameters = requestParametersOf(reader);
  const withParameters = { ...target, ...(requestParameters ? { requestParameters } : {}) };
  if (found.type === 'HTTP_PROXY') return { integration: { type: 'HTTP_PROXY', ...withParameters } };
  return { integration: { type: 'HTTP', ...withParameters, ...templatedFields(context, found) } };
}

function httpApi(context: MappingContext, identity: LocalIdentity, id: string, reader: PropertyReader): HttpApiModel {
  const quickCreate = reader.has('Target');
  const stage = stageOf(context, identity, id, '$default');
  const definition = httpDefinitionOf(context, reader, V2_DEFINITION);
  const routes = [...(definition?.routes ?? []), ...routesOf(context, id).map((route) => httpRoute(context, route, stage.routeThrottling))];
  if (quickCreate) {
    routes.unshift({
      key: reader.string('RouteKey') ?? '$default',
      function: invokedFunction(context, reader.properties.Target, reader.at('Target'), `${id}: Target`),
      payloadFormatVersion: '2.0',
      integrationTimeoutMs: HTTP_INTEGRATION_TIMEOUT_RANGE_MS.default,
    });
  }
  const cors = corsOf(reader.object('CorsConfiguration')) ?? definition?.cors;
  const authorizers = [...(definition?.authorizers ?? []), ...httpAuthorizers(context, id)];
  return {
    protocol: 'HTTP',
    name: apiName(id, reader.properties),
    // Quick create makes a `$default` stage that deploys automatically.
    stage: {
      name: stage.name,
      variables: stage.variables,
      autoDeploy: quickCreate || stage.autoDeploy,
      ...(stage.throttling ? { throttling: stage.throttling } : {}),
    },
    routes,
    ...(cors ? { cors } : {}),
    ...(authorizers.length > 0 ? { authorizers } : {}),
  };
}

function httpRoute(context: MappingContext, route: PropertyReader, routeThrottling: Map<string, unknown>): HttpRouteModel {
  const key = route.requiredString('RouteKey');
  const found = routeIntegration(context, route);
  const { reader } = found;
  if (found.type === 'AWS' || found.type === 'MOCK' || found.type === 'HTTP')
    throw reader.fail('IntegrationType', 'AWS_PROXY or HTTP_PROXY (HTTP APIs have no other integration types)');
  const version = reader.string('PayloadFormatVersion') ?? (found.type === 'AWS_PROXY' ? '2.0' : '1.0');
  if (version !== '1.0' && version !== '2.0') throw reader.fail('PayloadFormatVersion', '1.0 or 2.0');
  const authorizationType = route.string('AuthorizationType');
  if (authorizationType !== undefined && !['NONE', 'JWT', 'CUSTOM', 'AWS_IAM'].includes(authorizationType))
    throw route.fail('AuthorizationType', 'NONE, JWT, CUSTOM or AWS_IAM');
  const authorizerId = authorizerOf(context, route);
  const scopes = route.stringList('AuthorizationScopes');
  const requestParameters = requestParametersOf(reader);
  const responseParameters = responseParametersOf(reader);
  const throttling = routeThrottling.get(key);
  return {
    key,
    ...(found.function ? { function: found.function } : {}),
    ...(found.type === 'HTTP_PROXY'
      ? {
          integration: {
            type: 'HTTP_PROXY' as const,
            integrationUri: reader.requiredString('IntegrationUri'),
            integrationMethod: reader.string('IntegrationMethod') ?? 'ANY',
          },
        }
      : {}),
    payloadFormatVersion: version,
    integrationTimeoutMs: reader.number('TimeoutInMillis') ?? HTTP_INTEGRATION_TIMEOUT_RANGE_MS.default,
    ...(requestParameters ? { requestParameters } : {}),
    ...(responseParameters ? { responseParameters } : {}),
    ...(throttling ? { throttling: throttling as HttpRouteModel['throttling'] } : {}),
    ...(authorizationType && authorizationType !== 'NONE' ? { authorizationType: authorizationType as HttpRouteModel['authorizationType'] } : {}),
    ...(authorizerId ? { authorizerId } : {}),
    ...(scopes ? { authorizationScopes: scopes } : {}),
  };
}

/** ResponseParameters: status code → `{ ResponseParameters: [{ Destination, Source }] }`, as the model's `destination → source`. */
function responseParametersOf(reader: PropertyReader): Record<string, Record<string, string>> | undefined {
  const byStatus = reader.object('ResponseParameters');
  if (!byStatus) return undefined;
  const result: Record<string, Record<string, string>> = {};
  for (const status of Object.keys(byStatus.properties)) {
    const entries = byStatus.object(status)?.list('ResponseParameters') ?? [];
    result[status] = Object.fromEntries(
      entries.map((entry) => {
        const { Destination, Source } = (entry ?? {}) as { Destination?: unknown; Source?: unknown };
        if (typeof Destination !== 'string' || typeof Source !== 'string')
          throw reader.context.error(byStatus.at(status), `${reader.id}: ResponseParameters.${status}: expected { Destination, Source } strings`);
        return [Destination, Source];
      }),
    );
  }
  return result;
}

/** CorsConfiguration of AWS::ApiGatewayV2::Api and AWS::Serverless::HttpApi (the same keys). */
export function corsOf(cors: PropertyReader | undefined): CorsModel | undefined {
  if (!cors) return undefined;
  const maxAge = cors.number('MaxAge');
  return {
    allowOrigins: cors.stringList('AllowOrigins') ?? [],
    allowMethods: cors.stringList('AllowMethods') ?? [],
    allowHeaders: cors.stringList('AllowHeaders') ?? [],
    exposeHeaders: cors.stringList('ExposeHeaders') ?? [],
    allowCredentials: cors.boolean('AllowCredentials') ?? false,
    ...(maxAge === undefined ? {} : { maxAgeSeconds: maxAge }),
  };
}
