/** AWS::ApiGatewayV2::Authorizer and Model: what routes of a WebSocket or HTTP API name. */
import type { HttpAuthorizerModel, WebSocketAuthorizerModel, WebSocketModel } from '../../model/types.ts';
import type { MappingContext } from './context.ts';
import { invokedFunction } from './function-reference.ts';
import { PropertyReader } from './properties.ts';
import { referencedId } from './references.ts';
import { schemaProperty } from './schema-property.ts';

export const V2_AUTHORIZER = 'AWS::ApiGatewayV2::Authorizer';
export const V2_MODEL = 'AWS::ApiGatewayV2::Model';

const ofApi = (context: MappingContext, type: string, apiId: string) =>
  context.idsOf(type).filter((id) => referencedId(context.resource(id)?.properties.ApiId) === apiId);

const readerOf = (context: MappingContext, id: string) => new PropertyReader(context, id, context.resource(id)?.properties ?? {});

/** The authorizer's name (routes name it by logical id in AuthorizerId; the model by its Name). */
export function authorizerName(context: MappingContext, id: string): string {
  return readerOf(context, id).string('Name') ?? id;
}

/** A WebSocket identity source in CloudFormation is one list; some templates write one comma-separated string. */
function identitySource(reader: PropertyReader): string[] {
  const value = reader.properties.IdentitySource;
  if (typeof value === 'string')
    return value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  return reader.stringList('IdentitySource') ?? [];
}

export function webSocketAuthorizers(context: MappingContext, apiId: string): WebSocketAuthorizerModel[] {
  return ofApi(context, V2_AUTHORIZER, apiId).map((id) => {
    const reader = readerOf(context, id);
    const type = reader.requiredString('AuthorizerType');
    if (type !== 'REQUEST') throw reader.fail('AuthorizerType', 'REQUEST (WebSocket APIs have Lambda REQUEST authorizers only)');
    return {
      name: authorizerName(context, id),
      authorizerType: 'REQUEST',
      function: invokedFunction(context, reader.properties.AuthorizerUri, reader.at('AuthorizerUri'), `${id}: AuthorizerUri`),
      identitySource: identitySource(reader),
    };
  });
}

export function httpAuthorizers(context: MappingContext, apiId: string): HttpAuthorizerModel[] {
  return ofApi(context, V2_AUTHORIZER, apiId).map((id) => {
    const reader = readerOf(context, id);
    const type = reader.requiredString('AuthorizerType');
    const name = authorizerName(context, id);
    if (type === 'JWT') {
      const jwt = reader.object('JwtConfiguration');
      if (!jwt) throw context.error(reader.path, `${id}: JwtConfiguration is required with AuthorizerType JWT`);
      return {
        name,
        authorizerType: 'JWT',
        identitySource: identitySource(reader),
        jwtConfiguration: { issuer: jwt.requiredString('Issuer'), audience: jwt.stringList('Audience') ?? [] },
      };
    }
    if (type !== 'REQUEST') throw reader.fail('AuthorizerType', 'JWT or REQUEST');
    const version = reader.string('AuthorizerPayloadFormatVersion') ?? '2.0';
    if (version !== '1.0' && version !== '2.0') throw reader.fail('AuthorizerPayloadFormatVersion', '1.0 or 2.0');
    return {
      name,
      authorizerType: 'REQUEST',
      function: invokedFunction(context, reader.properties.AuthorizerUri, reader.at('AuthorizerUri'), `${id}: AuthorizerUri`),
      authorizerPayloadFormatVersion: version,
      enableSimpleResponses: reader.boolean('EnableSimpleResponses') ?? false,
      identitySource: identitySource(reader),
      authorizerResultTtlInSeconds: reader.number('AuthorizerResultTtlInSeconds') ?? 0,
    };
  });
}

export function webSocketModels(context: MappingContext, apiId: string): Record<string, WebSocketModel> {
  const models: Record<string, WebSocketModel> = {};
  for (const id of ofApi(context, V2_MODEL, apiId)) {
    const reader = readerOf(context, id);
    const contentType = reader.string('ContentType') ?? 'application/json';
    if (contentType !== 'application/json') throw reader.fail('ContentType', 'application/json');
    models[reader.requiredString('Name')] = { contentType: 'application/json', schema: schemaProperty(reader) };
  }
  return models;
}
