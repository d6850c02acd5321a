/** AWS's CloudFormation resource specification (`@aws-cdk/aws-service-spec`), loaded once on first use. */
import { createRequire } from 'node:module';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import type { Attribute, Property, PropertyType, Resource, SpecDatabase, TypeDefinition } from '@aws-cdk/service-spec-types';

export type { Attribute, Property, PropertyType, Resource, TypeDefinition };

// The database is a 2.6 MB gzipped JSON file of every resource type; loading it took 0.35 s (warm) to 0.6 s (cold)
// on a 2-core machine, so it is loaded only when a template is first checked and then kept: it never changes.
let database: SpecDatabase | undefined;

function spec(): SpecDatabase {
  database ??= loadAwsServiceSpecSync();
  return database;
}

/** The specification of a resource type such as `AWS::Lambda::Function`, or undefined when it has none. */
export function resourceSpec(cloudFormationType: string): Resource | undefined {
  return spec().lookup('resource', 'cloudFormationType', 'equals', cloudFormationType)[0];
}

/** The object type a `{ type: 'ref' }` property type names (e.g. AWS::Lambda::Function's `Code`). */
export function typeDefinition(type: Extract<PropertyType, { type: 'ref' }>): TypeDefinition {
  return spec().get('typeDefinition', type.reference);
}

/** A property's current type and the types it had before: CloudFormation still accepts templates written for those. */
export function acceptedTypes(field: Pick<Property, 'type' | 'previousTypes'>): PropertyType[] {
  return [field.type, ...(field.previousTypes ?? [])];
}

/** The version of `@aws-cdk/aws-service-spec` templates are checked against, for reports to name. */
export function resourceSpecVersion(): string {
  return (createRequire(import.meta.url)('@aws-cdk/aws-service-spec/package.json') as { version: string }).version;
}
