/** Typed reads of a resource's properties: each wrong type is an error at the property, naming what is expected. */
import { isUnresolved } from '../cloudformation/values.ts';
import { type MappingContext, propertiesPath } from './context.ts';

export type Properties = Record<string, unknown>;

/** The reader of one resource's (or one nested object's) properties. */
export class PropertyReader {
  readonly context: MappingContext;
  readonly id: string;
  readonly properties: Properties;
  readonly path: (string | number)[];

  constructor(context: MappingContext, id: string, properties: Properties, path: (string | number)[] = propertiesPath(id)) {
    this.context = context;
    this.id = id;
    this.properties = properties ?? {};
    this.path = path;
  }

  at(key: string | number): (string | number)[] {
    return [...this.path, key];
  }

  fail(key: string, expected: string): Error {
    const value = this.properties[key];
    const got = isUnresolved(value) ? 'a reference to another resource' : JSON.stringify(value);
    return this.context.error(this.at(key), `${this.id}: ${key}: expected ${expected}, got ${got}`);
  }

  has(key: string): boolean {
    return this.properties[key] !== undefined;
  }

  string(key: string): string | undefined {
    const value = this.properties[key];
    if (value === undefined) return undefined;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') throw this.fail(key, 'a string');
    return value;
  }

  requiredString(key: string): string {
    const value = this.string(key);
    if (value === undefined) throw this.context.error(this.path, `${this.id}: ${key} is required`);
    return value;
  }

  number(key: string): number | undefined {
    const value = this.properties[key];
    if (value === undefined) return undefined;
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) throw this.fail(key, 'a number');
    return number;
  }

  boolean(key: string): boolean | undefined {
    const value = this.properties[key];
    if (value === undefined) return undefined;
    if (value === 'true' || value === 'false') return value === 'true';
    if (typeof value !== 'boolean') throw this.fail(key, 'true or false');
    return value;
  }

  object(key: string): PropertyReader | undefined {
    const value = this.properties[key];
    if (value === undefined) return undefined;
    if (value === null || typeof value !== 'object' || Array.isArray(value) || isUnresolved(value)) throw this.fail(key, 'a mapping');
    return new PropertyReader(this.context, this.id, value as Properties, this.at(key));
  }

  list(key: string): unknown[] | undefined {
    const value = this.properties[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw this.fail(key, 'a list');
    return value;
  }

  stringList(key: string): string[] | undefined {
    const list = this.list(key);
    if (list === undefined) return undefined;
    return list.map((item, index) => {
      if (typeof item !== 'string') throw this.context.error(this.at(key), `${this.id}: ${key}[${index}]: expected a string`);
      return item;
    });
  }

  /** A mapping of strings, e.g. Environment.Variables or StageVariables; `stringify` turns references into local values. */
  stringRecord(key: string, stringify: (value: unknown, path: (string | number)[]) => string): Record<string, string> | undefined {
    const reader = this.object(key);
    if (!reader) return undefined;
    return Object.fromEntries(Object.entries(reader.properties).map(([name, value]) => [name, stringify(value, reader.at(name))]));
  }

  /** Keys this mapper does not act on, each warned about once for the resource type. */
  ignore(type: string, keys: readonly string[], why = 'not run locally'): void {
    for (const key of keys) {
      if (this.has(key)) this.context.warn(this.at(key), `${type} ${key} is ${why}; ignored`, `${type}.${key}`);
    }
  }
}
