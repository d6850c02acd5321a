/** Leaf schemas of the options, each worded as what it expects, so that an issue reads "expected <that>, got <value>". */
import { z } from 'zod';

/** Zod's error option with our wording: every issue of the schema it is given to says what is expected, nothing more. */
export const expecting = (expected: string) => ({ error: expected });

/** The highest TCP port. */
export const MAX_PORT = 65535;

export function integer(min: number, max: number, expected: string) {
  const error = expecting(expected);
  return z.number(error).int(error).min(min, error).max(max, error);
}

export const portNumber = integer(0, MAX_PORT, `an integer from 0 to ${MAX_PORT}`);
export const positiveInteger = integer(1, Number.MAX_SAFE_INTEGER, 'a positive integer');
export const trueOrFalse = z.boolean(expecting('true or false'));

/** `"a", "b" or "c"`: how messages list the values a string option takes. */
export function orList(values: readonly string[]): string {
  const quoted = values.map((value) => JSON.stringify(value));
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A set of numeric limits where each one given replaces its default: unknown names and non-positive values
 * are issues, and the parsed value always holds every limit.
 */
export function limitsOf<T extends { [K in keyof T]: number }>(defaults: T) {
  const names = Object.keys(defaults);
  const shape = Object.fromEntries(names.map((name) => [name, positiveInteger.optional()])) as { [K in keyof T]: z.ZodOptional<typeof positiveInteger> };
  return z
    .strictObject(shape, {
      error: (issue) => (issue.code === 'unrecognized_keys' ? `one of ${names.join(', ')}` : `{ ${names.map((name) => `${name}?`).join(', ')} }`),
    })
    .optional()
    .transform((given): T => {
      const limits: Record<string, number> = { ...defaults };
      for (const [name, value] of Object.entries(given ?? {})) if (value !== undefined) limits[name] = value as number;
      return limits as T;
    });
}
