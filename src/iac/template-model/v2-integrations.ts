/** AWS::ApiGatewayV2::Integration and IntegrationResponse: what a route of a WebSocket or HTTP API invokes. */
import type { ContentHandlingStrategy, WebSocketIntegrationResponseModel, WebSocketTemplatedIntegration } from '../../model/types.ts';
import type { MappingContext } from './context.ts';
import { invokedFunction } from './function-reference.ts';
import { PropertyReader } from './properties.ts';
import { referencedId } from './references.ts';

export const V2_INTEGRATION = 'AWS::ApiGatewayV2::Integration';
export const V2_INTEGRATION_RESPONSE = 'AWS::ApiGatewayV2::IntegrationResponse';

export type V2IntegrationType = 'AWS_PROXY' | 'AWS' | 'MOCK' | 'HTTP' | 'HTTP_PROXY';

export interface V2Integration {
  id: string;
  type: V2IntegrationType;
  reader: PropertyReader;
  /** AWS_PROXY and AWS: the function it invokes. */
  function?: string;
}

const TYPES = new Set<V2IntegrationType>(['AWS_PROXY', 'AWS', 'MOCK', 'HTTP', 'HTTP_PROXY']);

/** The integration a route's Target (`integrations/<id>`) names. */
export function routeIntegration(context: MappingContext, route: PropertyReader): V2Integration {
  const target = route.properties.Target;
  const id = referencedId(target);
  if (id === undefined || context.resource(id)?.type !== V2_INTEGRATION) {
    throw context.error(
      route.at('Target'),
      `${route.id}: Target: expected integrations/<id> naming an AWS::ApiGatewayV2::Integration, e.g. !Sub integrations/\${MyIntegration}`,
    );
  }
  return integration(context, id);
}

export function integration(context: MappingContext, id: string): V2Integration {
  const reader = new PropertyReader(context, id, context.resource(id)?.properties ?? {});
  const type = reader.requiredString('IntegrationType') as V2IntegrationType;
  if (!TYPES.has(type)) throw reader.fail('IntegrationType', 'AWS_PROXY, AWS, MOCK, HTTP or HTTP_PROXY');
  if (reader.has('ConnectionType') && reader.string('ConnectionType') === 'VPC_LINK')
    throw reader.fail('ConnectionType', 'INTERNET (VPC links cannot be reached locally)');
  reader.ignore(V2_INTEGRATION, ['CredentialsArn', 'Description', 'TlsConfig', 'IntegrationSubtype'], 'not applied locally');
  const fn =
    type === 'AWS_PROXY' || type === 'AWS'
      ? invokedFunction(context, reader.properties.IntegrationUri, reader.at('IntegrationUri'), `${id}: IntegrationUri`)
      : undefined;
  return { id, type, reader, ...(fn ? { function: fn } : {}) };
}

export function contentHandling(reader: PropertyReader, key: string): ContentHandlingStrategy | undefined {
  const value = reader.string(key);
  if (value === undefined) return undefined;
  if (value !== 'CONVERT_TO_BINARY' && value !== 'CONVERT_TO_TEXT') throw reader.fail(key, 'CONVERT_TO_BINARY or CONVERT_TO_TEXT');
  return value;
}

function passthrough(reader: PropertyReader): WebSocketTemplatedIntegration['passthroughBehavior'] {
  const value = reader.string('PassthroughBehavior');
  if (value === undefined) return undefined;
  if (value !== 'WHEN_NO_MATCH' && value !== 'WHEN_NO_TEMPLATES' && value !== 'NEVER')
    throw reader.fail('PassthroughBehavior', 'WHEN_NO_MATCH, WHEN_NO_TEMPLATES or NEVER');
  return value;
}

const stringsOf = (reader: PropertyReader, key: string) =>
  reader.stringRecord(key, (value, path) => {
    if (typeof value !== 'string') throw reader.context.error(path, `${reader.id}: ${key}: expected strings`);
    return value;
  });

/** The fields MOCK, AWS and HTTP integrations share on a WebSocket API. */
export function templatedFields(context: MappingContext, found: V2Integration): WebSocketTemplatedIntegration {
  const { reader } = found;
  const requestTemplates = stringsOf(reader, 'RequestTemplates');
  const templateSelectionExpression = reader.string('TemplateSelectionExpression');
  const passthroughBehavior = passthrough(reader);
  const contentHandlingStrategy = contentHandling(reader, 'ContentHandlingStrategy');
  const integrationResponses = integrationResponsesOf(context, found.id);
  return {
    ...(requestTemplates ? { requestTemplates } : {}),
    ...(templateSelectionExpression ? { templateSelectionExpression } : {}),
    ...(passthroughBehavior ? { passthroughBehavior } : {}),
    ...(contentHandlingStrategy ? { contentHandlingStrategy } : {}),
    ...(integrationResponses.length > 0 ? { integrationResponses } : {}),
  };
}

export function requestParametersOf(reader: PropertyReader): Record<string, string> | undefined {
  return stringsOf(reader, 'RequestParameters');
}

/** The IntegrationResponses whose IntegrationId names the integration, in template order. */
export function integrationResponsesOf(context: MappingContext, integrationId: string): WebSocketIntegrationResponseModel[] {
  return context.idsOf(V2_INTEGRATION_RESPONSE).flatMap((id) => {
    const reader = new PropertyReader(context, id, context.resource(id)?.properties ?? {});
    if (referencedId(reader.properties.IntegrationId) !== integrationId) return [];
    const responseTemplates = stringsOf(reader, 'ResponseTemplates');
    const templateSelectionExpression = reader.string('TemplateSelectionExpression');
    const contentHandlingStrategy = contentHandling(reader, 'ContentHandlingStrategy');
    return [
      {
        key: reader.requiredString('IntegrationResponseKey'),
        ...(responseTemplates ? { responseTemplates } : {}),
        ...(templateSelectionExpression ? { templateSelectionExpression } : {}),
        ...(contentHandlingStrategy ? { contentHandlingStrategy } : {}),
      },
    ];
  });
}
