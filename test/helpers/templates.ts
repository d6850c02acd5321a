/** Resolving template text in tests, and the message of the error a call throws. */
import assert from 'node:assert/strict';
import { ConfigError } from '../../src/errors.ts';
import { parseTemplate } from '../../src/iac/cloudformation/parse-template.ts';
import type { ResolveOptions } from '../../src/iac/cloudformation/resolve-options.ts';
import { resolveTemplate } from '../../src/iac/cloudformation/resolve-template.ts';
import type { ResolvedTemplate } from '../../src/iac/cloudformation/resolved-template.ts';

export function resolveText(text: string, options: ResolveOptions = {}, file = 'template.yaml'): ResolvedTemplate {
  return resolveTemplate(parseTemplate(text, file), options);
}

/** The properties of resource `id` once `text` is resolved. */
export function propertiesOf(text: string, id = 'R', options: ResolveOptions = {}): Record<string, unknown> {
  const resource = resolveText(text, options).resources.get(id);
  assert.ok(resource, `no resource ${id}`);
  return resource.properties;
}

/** The message of the ConfigError that `run` throws. */
export function configErrorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected an error');
}
