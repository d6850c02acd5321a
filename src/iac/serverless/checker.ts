/** Reads a resolved configuration value by value, collecting each problem with its position. */
import type { PositionMap, PropertyPath } from './positions.ts';
import { issueAt, type LocatedIssue } from './serverless-error.ts';

export class Checker {
  readonly issues: LocatedIssue[] = [];
  readonly warnings: LocatedIssue[] = [];
  constructor(readonly positions: PositionMap) {}

  fail(keys: PropertyPath, message: string): undefined {
    this.issues.push(issueAt(this.positions, keys, message));
    return undefined;
  }

  /** Warns once per message: the first place it applies (anything ignored on purpose warns once). */
  warn(keys: PropertyPath, message: string): void {
    if (this.warnings.some((warning) => warning.message === message)) return;
    this.warnings.push(issueAt(this.positions, keys, message));
  }

  string(value: unknown, keys: PropertyPath): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    return this.fail(keys, `expected text, got ${describe(value)}`);
  }

  number(value: unknown, keys: PropertyPath): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    return this.fail(keys, `expected a number, got ${describe(value)}`);
  }

  boolean(value: unknown, keys: PropertyPath): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    return this.fail(keys, `expected true or false, got ${describe(value)}`);
  }

  object(value: unknown, keys: PropertyPath): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return undefined;
    if (isRecord(value)) return value;
    return this.fail(keys, `expected a map, got ${describe(value)}`);
  }

  /** A list of text; a single text counts as a list of one, as the Framework accepts. */
  strings(value: unknown, keys: PropertyPath): string[] | undefined {
    if (value === undefined || value === null) return undefined;
    const list = Array.isArray(value) ? value : [value];
    const result: string[] = [];
    list.forEach((item, index) => {
      const text = this.string(item, Array.isArray(value) ? [...keys, index] : keys);
      if (text !== undefined) result.push(text);
    });
    return result;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `"${value}"`;
  return `${typeof value} ${String(value)}`;
}
