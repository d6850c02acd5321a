/** The checker every part of the model's validation reports through: field paths and what was expected. */
import type { ConfigIssue } from '../errors.ts';

export type Fields = Record<string, unknown>;

export class Checker {
  readonly issues: ConfigIssue[] = [];

  fail(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  isObject(value: unknown, path: string): value is Fields {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return true;
    this.fail(path, `expected an object, got ${describe(value)}`);
    return false;
  }

  isArray(value: unknown, path: string): value is unknown[] {
    if (Array.isArray(value)) return true;
    this.fail(path, `expected an array, got ${describe(value)}`);
    return false;
  }

  string(value: unknown, path: string, pattern?: RegExp, expected?: string): value is string {
    if (typeof value !== 'string' || (pattern && !pattern.test(value))) {
      this.fail(path, `expected ${expected ?? 'a string'}, got ${describe(value)}`);
      return false;
    }
    return true;
  }

  number(value: unknown, path: string, min: number, max: number, unit: string, integer = true): value is number {
    if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
      this.fail(path, `expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max} (${unit}), got ${describe(value)}`);
      return false;
    }
    return true;
  }

  stringMap(value: unknown, path: string, keyPattern?: RegExp): void {
    if (!this.isObject(value, path)) return;
    for (const [key, entry] of Object.entries(value)) {
      if (keyPattern && !keyPattern.test(key)) this.fail(`${path}.${key}`, 'expected a key of letters, digits and underscores, starting with a letter');
      if (typeof entry !== 'string') this.fail(`${path}.${key}`, `expected a string, got ${describe(entry)}`);
    }
  }

  stringArray(value: unknown, path: string, pattern?: RegExp, expected?: string): value is string[] {
    if (!this.isArray(value, path)) return false;
    for (const [i, entry] of value.entries()) this.string(entry, `${path}[${i}]`, pattern, expected);
    return true;
  }

  /** Runs `each` on every object of an array, with its path. */
  eachObject(value: unknown, path: string, each: (entry: Fields, path: string) => void): void {
    if (!this.isArray(value, path)) return;
    value.forEach((entry, i) => {
      if (this.isObject(entry, `${path}[${i}]`)) each(entry, `${path}[${i}]`);
    });
  }

  /** Checks `name` is unique among `seen`. */
  unique(seen: Set<string>, name: unknown, path: string, what: string): void {
    if (typeof name !== 'string') return;
    if (seen.has(name)) this.fail(path, `expected a unique ${what}, "${name}" is defined twice`);
    seen.add(name);
  }
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
