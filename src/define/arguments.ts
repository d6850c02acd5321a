/**
 * The options object a builder needs. JavaScript definitions have no compiler to check a call, so anything else
 * is a definition error naming the call, the file that made it and what was expected, never a TypeError later.
 */
import { ConfigError } from '../errors.ts';
import { describe } from '../model/validate.ts';
import { callerLocation } from './caller.ts';

export function optionsObject<T>(call: string, value: T, expected: string): T {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
  throw new ConfigError(callerLocation() ?? 'the service definition', [{ path: call, message: `expected ${expected}, got ${describe(value)}` }]);
}
