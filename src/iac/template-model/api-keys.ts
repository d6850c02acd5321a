/** AWS::ApiGateway::ApiKey: the keys `$connect` (ApiKeyRequired) and REST methods accept. */
import type { ApiKeyModel } from '../../model/types.ts';
import type { MappingContext } from './context.ts';
import { PropertyReader } from './properties.ts';

export const API_KEY = 'AWS::ApiGateway::ApiKey';

export function mapApiKey(context: MappingContext, id: string): ApiKeyModel | undefined {
  const reader = new PropertyReader(context, id, context.resource(id)?.properties ?? {});
  if (reader.boolean('Enabled') === false) return undefined;
  // AWS generates a value when there is none; locally a client must know it, so the template has to give it.
  const value = reader.string('Value');
  if (value === undefined)
    throw context.error(reader.path, `${id}: Value is required locally (20-128 characters): AWS generates one, but a local client must know the key it sends`);
  reader.ignore(API_KEY, ['StageKeys', 'CustomerId', 'GenerateDistinctId', 'Description', 'Tags'], 'not applied locally');
  return { name: reader.string('Name') ?? id, value };
}
