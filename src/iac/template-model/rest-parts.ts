/** The parts of an AWS::ApiGateway::RestApi named by their RestApiId: how they find their API and the names methods use. */
import { ResourceReference } from '../cloudformation/values.ts';
import type { MappingContext } from './context.ts';
import { PropertyReader } from './properties.ts';
import { referencedId } from './references.ts';

export const REST_API = 'AWS::ApiGateway::RestApi';
export const REST_RESOURCE = 'AWS::ApiGateway::Resource';
export const REST_METHOD = 'AWS::ApiGateway::Method';
export const REST_STAGE = 'AWS::ApiGateway::Stage';
export const REST_DEPLOYMENT = 'AWS::ApiGateway::Deployment';
export const REST_AUTHORIZER = 'AWS::ApiGateway::Authorizer';
export const REST_MODEL = 'AWS::ApiGateway::Model';
export const REST_REQUEST_VALIDATOR = 'AWS::ApiGateway::RequestValidator';
export const REST_GATEWAY_RESPONSE = 'AWS::ApiGateway::GatewayResponse';

/** Read as parts of their RestApi; a Deployment is not among them: it is warned about as ignored. */
export const REST_PART_TYPES = [REST_RESOURCE, REST_METHOD, REST_STAGE, REST_AUTHORIZER, REST_MODEL, REST_REQUEST_VALIDATOR, REST_GATEWAY_RESPONSE] as const;

export const readerOf = (context: MappingContext, id: string): PropertyReader => new PropertyReader(context, id, context.resource(id)?.properties ?? {});

/** The ids of the resources of `type` whose RestApiId names `apiId`. */
export function partsOf(context: MappingContext, type: string, apiId: string): string[] {
  return context.idsOf(type).filter((id) => referencedId(context.resource(id)?.properties.RestApiId) === apiId);
}

/** A part's name as methods refer to it: its Name property, else its logical id (what `!Ref` gives locally). */
export function partName(context: MappingContext, id: string): string {
  const name = context.resource(id)?.properties.Name;
  return typeof name === 'string' ? name : id;
}

/** A property naming another part (`!Ref MyAuthorizer`, or its name as text): that part's name, checked to be of `type`. */
export function namedPart(reader: PropertyReader, key: string, type: string): string | undefined {
  const value = reader.properties[key];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (value instanceof ResourceReference && value.attribute === undefined && reader.context.resource(value.ref)?.type === type)
    return partName(reader.context, value.ref);
  throw reader.fail(key, `!Ref to an ${type} of this template`);
}

/** A part whose RestApiId names no RestApi of the template would be left out silently: it is an error at its RestApiId. */
export function checkRestApiIds(context: MappingContext): void {
  for (const type of [...REST_PART_TYPES, REST_DEPLOYMENT]) {
    for (const id of context.idsOf(type)) {
      const reader = readerOf(context, id);
      const api = referencedId(reader.properties.RestApiId);
      if (api === undefined || context.resource(api)?.type !== REST_API)
        throw reader.fail('RestApiId', `!Ref to an ${REST_API} of this template (the API is declared resource by resource)`);
    }
  }
}
