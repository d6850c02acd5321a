/** Checks a property value against its type in the resource specification: scalars, lists, maps, nested objects, intrinsics. */
import { closestName } from './closest-name.ts';
import { CONDITION_FUNCTIONS, type Intrinsic, intrinsicOf, VALUE_FUNCTIONS, valueKind } from './intrinsics.ts';
import { childPath, isPlainObject, shown } from './issues.ts';
import { acceptedTypes, type Property, type PropertyType, typeDefinition } from './spec.ts';
import type { TemplateFacts } from './template-facts.ts';

export interface Finding {
  path: string;
  message: string;
}

export interface ValueContext {
  facts: TemplateFacts;
  /** The resource type the value belongs to, for messages: `AWS::Lambda::Function`. */
  resourceType: string;
}

/** Each property present has its type; each required one is present; no other key is there. */
export function checkProperties(
  properties: Record<string, unknown>,
  spec: Record<string, Property>,
  owner: string,
  path: string,
  context: ValueContext,
): Finding[] {
  const findings: Finding[] = [];
  for (const [name, value] of Object.entries(properties)) {
    const property = spec[name];
    if (!property) {
      const near = closestName(name, Object.keys(spec));
      findings.push({ path: childPath(path, name), message: `not a property of ${owner}${near ? `; did you mean "${near}"?` : ''}` });
      continue;
    }
    findings.push(...checkValue(value, acceptedTypes(property), childPath(path, name), context));
  }
  for (const [name, property] of Object.entries(spec)) {
    if (property.required && !(name in properties)) findings.push({ path: childPath(path, name), message: `missing: ${owner} requires it` });
  }
  return findings;
}

export function checkValue(value: unknown, types: PropertyType[], path: string, context: ValueContext): Finding[] {
  const members = flatten(types);
  const intrinsic = intrinsicOf(value);
  // `{ Condition: name }` is a function only inside conditions; where a value goes it is an object with a Condition key.
  if (intrinsic && intrinsic.name !== 'Condition') return checkIntrinsic(intrinsic, members, path, context);
  // The members shaped like the value decide (a list for a list type); JSON, which the specification adds to older
  // properties' unions, takes only what no other member does: DynamoDB's KeySchema list is still checked item by item.
  const shape = valueShape(value);
  const alike = members.filter((type) => typeShape(type) === shape);
  if (alike.length === 0) {
    if (members.some((type) => type.type === 'json')) return [];
    return [{ path, message: `expected ${describeTypes(members)}, got ${shown(value)}` }];
  }
  const results = alike.map((type) => checkAgainst(value, type, path, context));
  if (results.some((findings) => findings.length === 0)) return [];
  // Several scalar members (a boolean or a string) fail alike: name them all; else the first member's own findings.
  if (shape === 'scalar') return [{ path, message: `expected ${describeTypes(alike)}, got ${shown(value)}` }];
  return results[0]!;
}

function checkIntrinsic(intrinsic: Intrinsic, types: PropertyType[], path: string, context: ValueContext): Finding[] {
  const at = childPath(path, intrinsic.name);
  if (intrinsic.name === 'Fn::If') {
    // A malformed Fn::If is reported with the other functions' arguments.
    if (!Array.isArray(intrinsic.argument) || intrinsic.argument.length !== 3) return [];
    // Either branch may be the value; AWS::NoValue removes the property.
    return [1, 2].flatMap((index) => checkValue((intrinsic.argument as unknown[])[index], types, childPath(at, index), context));
  }
  if (!VALUE_FUNCTIONS.has(intrinsic.name)) {
    const message = CONDITION_FUNCTIONS.has(intrinsic.name)
      ? 'a condition function: it goes in Conditions or as the first argument of Fn::If, not where a value goes'
      : `not an intrinsic function that gives a value (${[...VALUE_FUNCTIONS].join(', ')})`;
    return [{ path: at, message }];
  }
  if (intrinsic.name === 'Ref' && intrinsic.argument === 'AWS::NoValue') return [];
  if (types.some((type) => type.type === 'json')) return [];
  const kind = valueKind(intrinsic, context.facts);
  if (kind === 'unknown') return [];
  if (types.some((type) => typeShape(type) === kind)) return [];
  return [{ path, message: `expected ${describeTypes(types)}, got ${intrinsic.name} (${kind === 'list' ? 'a list' : 'a string'})` }];
}

/** Findings of a literal (not an intrinsic) against one member type. */
function checkAgainst(value: unknown, type: PropertyType, path: string, context: ValueContext): Finding[] {
  const mismatch = [{ path, message: `expected ${describeType(type)}, got ${shown(value)}` }];
  switch (type.type) {
    case 'null':
      return value === null ? [] : mismatch;
    case 'string':
    case 'date-time':
    case 'number':
    case 'integer':
    case 'boolean':
      return scalarMatches(value, type) ? [] : mismatch;
    case 'tag':
      if (!isPlainObject(value)) return mismatch;
      return checkProperties(value, TAG_PROPERTIES, 'a tag', path, context);
    case 'array':
      if (!Array.isArray(value)) return mismatch;
      return value.flatMap((item, index) => checkValue(item, [type.element], childPath(path, index), context));
    case 'map':
      if (!isPlainObject(value)) return mismatch;
      return Object.entries(value).flatMap(([key, item]) => checkValue(item, [type.element], childPath(path, key), context));
    case 'ref': {
      if (!isPlainObject(value)) return mismatch;
      const definition = typeDefinition(type);
      return checkProperties(value, definition.properties, `${context.resourceType} ${definition.name}`, path, context);
    }
    default:
      return [];
  }
}

const TAG_PROPERTIES: Record<string, Property> = {
  Key: { type: { type: 'string' }, required: true },
  Value: { type: { type: 'string' }, required: true },
};

/**
 * CloudFormation hands every scalar to the resource as text, so `512` and `"512"` are the same value where a number or
 * a string goes, and `"true"` is a boolean. UNVERIFIED: this loose reading follows how templates are written in the
 * wild (numbers in environment variables, quoted MemorySize); it was not tried against CloudFormation itself.
 */
function scalarMatches(value: unknown, type: Extract<PropertyType, { type: 'string' | 'date-time' | 'number' | 'integer' | 'boolean' }>): boolean {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return false;
  const text = String(value);
  switch (type.type) {
    case 'string':
      return !type.allowedValues || type.allowedValues.includes(text);
    case 'date-time':
      return typeof value === 'string';
    case 'number':
      return typeof value !== 'boolean' && text.trim() !== '' && Number.isFinite(Number(text));
    case 'integer':
      return typeof value !== 'boolean' && /^-?\d+$/.test(text) && (!type.allowedValues || type.allowedValues.includes(Number(text)));
    case 'boolean':
      return text === 'true' || text === 'false';
  }
}

type Shape = 'object' | 'list' | 'scalar';

function valueShape(value: unknown): Shape {
  if (Array.isArray(value)) return 'list';
  return isPlainObject(value) ? 'object' : 'scalar';
}

function typeShape(type: PropertyType): Shape | 'any' {
  switch (type.type) {
    case 'json':
      return 'any';
    case 'array':
      return 'list';
    case 'map':
    case 'ref':
    case 'tag':
      return 'object';
    default:
      return 'scalar';
  }
}

/** Unions spread into their members, each member once. */
function flatten(types: PropertyType[]): PropertyType[] {
  const members = types.flatMap((type) => (type.type === 'union' ? flatten(type.types) : [type]));
  const seen = new Set<string>();
  return members.filter((type) => {
    const key = JSON.stringify(type);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describeTypes(types: PropertyType[]): string {
  return types.map(describeType).join(' or ');
}

function describeType(type: PropertyType): string {
  switch (type.type) {
    case 'string':
      return type.allowedValues ? `one of ${type.allowedValues.map((value) => `"${value}"`).join(', ')}` : 'a string';
    case 'integer':
      return type.allowedValues ? `one of ${type.allowedValues.join(', ')}` : 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'date-time':
      return 'a date-time string';
    case 'json':
      return 'a JSON value';
    case 'null':
      return 'null';
    case 'tag':
      return 'a tag { Key, Value }';
    case 'array':
      return 'a list';
    case 'map':
      return 'a map';
    case 'ref':
      return `an object (${typeDefinition(type).name})`;
    case 'union':
      return describeTypes(type.types);
  }
}
