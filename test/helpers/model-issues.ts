/** The problems the model check reports for a definition, one line each, or none. */
import assert from 'node:assert/strict';
import { ConfigError } from '../../src/errors.ts';
import { validateService } from '../../src/model/validate.ts';

export function issuesOf(model: unknown, source = 'app.ts'): string[] {
  try {
    validateService(model, source);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message.split('\n');
  }
  return [];
}
