/** Checks shared by the intrinsic functions: argument lists, strings, and text built from strings and references. */
import type { ConfigError } from '../../errors.ts';
import type { EvaluationContext } from './evaluation-context.ts';
import type { TemplatePath } from './positions.ts';
import { templateError } from './template-error.ts';
import { isUnresolved, JoinedValue, NO_VALUE, type Unresolved } from './values.ts';

export function fail(context: EvaluationContext, path: TemplatePath, message: string): ConfigError {
  return templateError(context.positions, path, message);
}

/** The arguments of `fn` as a list of `count` items (or between `count[0]` and `count[1]`). */
export function argumentList(
  fn: string,
  args: unknown,
  count: number | readonly [number, number],
  shape: string,
  path: TemplatePath,
  context: EvaluationContext,
): unknown[] {
  const [min, max] = typeof count === 'number' ? [count, count] : count;
  if (!Array.isArray(args) || args.length < min || args.length > max) throw fail(context, path, `${fn} expects ${shape}`);
  return args;
}

export function expectString(fn: string, value: unknown, what: string, path: TemplatePath, context: EvaluationContext): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isUnresolved(value)) throw fail(context, path, `${fn} needs ${what} known before resources exist; it refers to ${describeUnresolved(value)}`);
  throw fail(context, path, `${fn} expects ${what} as a string, got ${describe(value)}`);
}

/** A value as pieces of text: scalars become strings, references stay, joined values are spread into their parts. */
export function textParts(fn: string, value: unknown, path: TemplatePath, context: EvaluationContext): (string | Unresolved)[] {
  if (value instanceof JoinedValue) return [...value.parts];
  if (isUnresolved(value)) return [value];
  return [expectString(fn, value, 'each value', path, context)];
}

/** Adjacent strings merged; all text gives a string, text with references gives a JoinedValue. */
export function joinParts(parts: readonly (string | Unresolved)[]): string | JoinedValue {
  const merged: (string | Unresolved)[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (typeof part === 'string' && typeof last === 'string') merged[merged.length - 1] = last + part;
    else if (part !== '') merged.push(part);
  }
  if (merged.length === 0) return '';
  return merged.every((part) => typeof part === 'string') ? merged.join('') : new JoinedValue(merged);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === NO_VALUE) return 'AWS::NoValue';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function describeUnresolved(value: Unresolved): string {
  if ('ref' in value) return value.attribute === undefined ? `Ref ${value.ref}` : `Fn::GetAtt ${value.ref}.${value.attribute}`;
  return 'a resource';
}
