/** Property names of CloudFormation resources as AWS's published specification (@aws-cdk/aws-service-spec) gives them. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';

interface SpecType {
  type: string;
  reference?: { $ref: string };
  element?: SpecType;
}
interface SpecProperty {
  type: SpecType;
  required?: boolean;
}
interface SpecDefinition {
  $id: string;
  name: string;
  properties: Record<string, SpecProperty>;
}
interface SpecResource extends SpecDefinition {
  cloudFormationType: string;
}

const require = createRequire(import.meta.url);
const db = JSON.parse(gunzipSync(readFileSync(require.resolve('@aws-cdk/aws-service-spec/db.json.gz'))).toString('utf8'));
const resources = new Map<string, SpecResource>(
  Object.values(db.schema.resource.entities as Record<string, SpecResource>).map((resource) => [resource.cloudFormationType, resource]),
);
const definitions = new Map<string, SpecDefinition>(
  Object.values(db.schema.typeDefinition.entities as Record<string, SpecDefinition>).map((definition) => [definition.$id, definition]),
);

const isIntrinsic = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).some((key) => key === 'Ref' || key.startsWith('Fn::'));

/** Each property (nested ones too, where the specification types them) that the specification does not know, or misses. */
export function specProblems(type: string, properties: Record<string, unknown>): string[] {
  const resource = resources.get(type);
  if (!resource) return [`${type}: not a resource type`];
  return checkObject(type, resource.properties, properties);
}

function checkObject(where: string, spec: Record<string, SpecProperty>, value: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [name, property] of Object.entries(spec)) if (property.required && value[name] === undefined) problems.push(`${where}.${name}: required`);
  for (const [name, item] of Object.entries(value)) {
    const property = spec[name];
    if (!property) problems.push(`${where}.${name}: unknown property`);
    else problems.push(...checkValue(`${where}.${name}`, property.type, item));
  }
  return problems;
}

function checkValue(where: string, type: SpecType, value: unknown): string[] {
  if (isIntrinsic(value)) return [];
  if (type.type === 'ref' && type.reference) {
    const definition = definitions.get(type.reference.$ref);
    return definition ? checkObject(where, definition.properties, value as Record<string, unknown>) : [];
  }
  if (type.type === 'array' && type.element && Array.isArray(value))
    return value.flatMap((item, index) => checkValue(`${where}[${index}]`, type.element as SpecType, item));
  if (type.type === 'map' && type.element && typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, item]) => checkValue(`${where}.${key}`, type.element as SpecType, item));
  if (['string', 'integer', 'number', 'boolean'].includes(type.type)) {
    const expected = type.type === 'integer' ? 'number' : type.type;
    if (typeof value !== expected || (type.type === 'integer' && !Number.isInteger(value)))
      return [`${where}: expected ${type.type}, got ${JSON.stringify(value)}`];
  }
  return [];
}
