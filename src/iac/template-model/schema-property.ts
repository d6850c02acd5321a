/** A Model's `Schema`: CloudFormation takes the JSON Schema as a mapping or as its JSON text. */
import type { JsonSchemaDraft4 } from '../../model/types.ts';
import type { PropertyReader } from './properties.ts';

export function schemaProperty(reader: PropertyReader): JsonSchemaDraft4 {
  const raw = reader.properties.Schema;
  let schema: unknown = raw;
  if (typeof raw === 'string') {
    try {
      schema = JSON.parse(raw);
    } catch {
      throw reader.fail('Schema', 'a JSON Schema (draft 4), as a mapping or its JSON text');
    }
  }
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema))
    throw reader.fail('Schema', 'a JSON Schema (draft 4), as a mapping or its JSON text');
  return schema as JsonSchemaDraft4;
}
