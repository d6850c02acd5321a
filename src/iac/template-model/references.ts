/** References to resources as the mapping sees them: which resource a value names, and its local value as text. */
import { apiIdFor } from '../../internal/api-id.ts';
import { DeferredIntrinsic, JoinedValue, ResourceReference } from '../cloudformation/values.ts';
import type { MappingContext } from './context.ts';

/** The logical id a value names: `!Ref X`, `!GetAtt X.Arn`, or the first reference inside a `!Sub`/`!Join`. */
export function referencedId(value: unknown): string | undefined {
  if (value instanceof ResourceReference) return value.ref;
  if (value instanceof JoinedValue) {
    for (const part of value.parts) {
      const id = referencedId(part);
      if (id) return id;
    }
  }
  return undefined;
}

const API_TYPES = new Set(['AWS::ApiGatewayV2::Api', 'AWS::Serverless::HttpApi', 'AWS::Serverless::Api', 'AWS::ApiGateway::RestApi']);
const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);
const TABLE_TYPES = new Set(['AWS::Serverless::SimpleTable', 'AWS::DynamoDB::Table']);

export const isApiType = (type: string | undefined): boolean => type !== undefined && API_TYPES.has(type);
export const isFunctionType = (type: string | undefined): boolean => type !== undefined && FUNCTION_TYPES.has(type);
export const isTableType = (type: string | undefined): boolean => type !== undefined && TABLE_TYPES.has(type);

export interface LocalIdentity {
  region: string;
  accountId: string;
}

/** A resource's `Ref` or `Fn::GetAtt` value locally: names, ARNs and API ids as a deployment of this service would have them. */
export function localReference(context: MappingContext, identity: LocalIdentity, reference: ResourceReference, path: (string | number)[]): string {
  const resource = context.resource(reference.ref);
  const name = context.names.get(reference.ref) ?? reference.ref;
  const { region, accountId } = identity;
  const attribute = reference.attribute;
  if (isFunctionType(resource?.type)) {
    if (attribute === undefined) return name;
    if (attribute === 'Arn') return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
  } else if (isTableType(resource?.type)) {
    if (attribute === undefined) return name;
    if (attribute === 'Arn') return `arn:aws:dynamodb:${region}:${accountId}:table/${name}`;
  } else if (isApiType(resource?.type)) {
    const apiId = apiIdFor(context.model.name, name);
    if (attribute === undefined || attribute === 'ApiId') return apiId;
    if (attribute === 'ApiEndpoint') {
      const scheme = resource?.properties.ProtocolType === 'WEBSOCKET' ? 'wss' : 'https';
      return `${scheme}://${apiId}.execute-api.${region}.amazonaws.com`;
    }
  }
  const what = attribute === undefined ? `Ref ${reference.ref}` : `Fn::GetAtt ${reference.ref}.${attribute}`;
  context.warn(path, `${what}: ${resource?.type ?? 'the resource'} has no local value for it; its logical id is used`, what);
  return reference.ref;
}

/** A value as the text a handler's environment or a stage variable holds; references become local values. */
export function localText(context: MappingContext, identity: LocalIdentity, value: unknown, path: (string | number)[]): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof ResourceReference) return localReference(context, identity, value, path);
  if (value instanceof JoinedValue) return value.parts.map((part) => localText(context, identity, part, path)).join('');
  if (value instanceof DeferredIntrinsic) throw context.error(path, `${value.fn} over a resource's value cannot be evaluated locally; write the value out`);
  throw context.error(path, `expected a string, got ${JSON.stringify(value)}`);
}
