/** AWS's CloudFormation resource specification (`@aws-cdk/aws-service-spec`), loaded once on first use. */
import { createRequire } from 'node:module';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';

/**
 * The parts of the specification's types that checking reads, as `@aws-cdk/service-spec-types` declares them; written
 * here so that only the package this project depends on is imported.
 */
export type PropertyType =
  | { type: 'string'; allowedValues?: string[] }
  | { type: 'integer'; allowedValues?: number[] }
  | { type: 'number' }
  | { type: 'boolean' }
  | { type: 'date-time' }
  | { type: 'json' }
  | { type: 'null' }
  | { type: 'tag' }
  | { type: 'ref'; reference: { $ref: string } }
  | { type: 'array'; element: PropertyType }
  | { type: 'map'; element: PropertyType }
  | { type: 'union'; types: PropertyType[] };

export interface Property {
  type: PropertyType;
  previousTypes?: PropertyType[];
  required?: boolean;
}

export interface ResourceSpec {
  cloudFormationType: string;
  properties: Record<string, Property>;
  attributes: Record<string, { type: PropertyType }>;
}

export interface TypeDefinition {
  name: string;
  properties: Record<string, Property>;
}

type SpecDatabase = ReturnType<typeof loadAwsServiceSpecSync>;

// The database is a 2.6 MB gzipped JSON file of every resource type (1,828 of them). Loading it (gunzip, JSON.parse,
// indexing) took 0.35 to 0.6 s on a quiet 2-core machine and 1.6 to 2.1 s on the same machine under a load of 9, so it
// is loaded only when a template is first checked, and then kept: it never changes while the process runs.
let database: SpecDatabase | undefined;

function spec(): SpecDatabase {
  database ??= loadAwsServiceSpecSync();
  return database;
}

/** The specification of a resource type such as `AWS::Lambda::Function`, or undefined when it has none. */
export function resourceSpec(cloudFormationType: string): ResourceSpec | undefined {
  return spec().lookup('resource', 'cloudFormationType', 'equals', cloudFormationType)[0] as ResourceSpec | undefined;
}

/** The object type a `{ type: 'ref' }` property type names (e.g. AWS::Lambda::Function's `Code`). */
export function typeDefinition(type: Extract<PropertyType, { type: 'ref' }>): TypeDefinition {
  return spec().get('typeDefinition', type.reference.$ref) as TypeDefinition;
}

/** A property's current type and the types it had before: CloudFormation still accepts templates written for those. */
export function acceptedTypes(field: Property): PropertyType[] {
  return [field.type, ...(field.previousTypes ?? [])];
}

/** The version of `@aws-cdk/aws-service-spec` templates are checked against, for reports to name. */
export function resourceSpecVersion(): string {
  return (createRequire(import.meta.url)('@aws-cdk/aws-service-spec/package.json') as { version: string }).version;
}
