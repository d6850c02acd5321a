/** An in-memory VariableContext for tests: files by path under a fixed service directory. */
import { join } from 'node:path';
import type { VariableContext } from '../../src/iac/serverless/variable-context.ts';

export const SERVICE_DIR = '/service';

export function memoryContext(
  overrides: Partial<VariableContext> & { texts?: Record<string, string>; modules?: Record<string, unknown> } = {},
): VariableContext {
  const { texts = {}, modules = {}, ...rest } = overrides;
  return {
    file: 'serverless.yml',
    serviceDir: SERVICE_DIR,
    options: {},
    params: {},
    env: {},
    overrides: {},
    instanceId: 'instance-1',
    files: {
      readText: async (path) => texts[path.slice(SERVICE_DIR.length + 1)],
      importModule: async (path) => modules[path.slice(SERVICE_DIR.length + 1)],
    },
    ...rest,
  };
}

export const servicePath = (file: string): string => join(SERVICE_DIR, file);
