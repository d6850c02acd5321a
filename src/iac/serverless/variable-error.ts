/** A variable that cannot be resolved: the message names the variable and what would resolve it. */
import type { PropertyPath } from './positions.ts';

export class VariableError extends Error {
  /** The property whose value holds the variable; set where the error first arises. */
  keys: PropertyPath | undefined;

  constructor(message: string, keys?: PropertyPath) {
    super(message);
    this.name = 'VariableError';
    this.keys = keys;
  }
}
