/** SAM CLI's `--env-vars env.json`: `Parameters` for every function, then per function (logical id, then name). */
import type { FunctionModel } from '../../model/types.ts';
import type { MappingContext } from './context.ts';

/** The file's content: `{ "Parameters": { K: V }, "MyFunction": { K: V } }`. */
export type EnvironmentOverrides = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** As SAM CLI does, a variable is overridden only when the template declares it for the function. */
export function applyEnvironmentOverrides(
  context: MappingContext,
  fn: FunctionModel,
  logicalId: string,
  overrides: EnvironmentOverrides | undefined,
): FunctionModel {
  if (!overrides) return fn;
  const layers = [overrides.Parameters, overrides[fn.name], overrides[logicalId]].filter(
    (layer): layer is Readonly<Record<string, unknown>> => layer !== undefined,
  );
  const environment = { ...fn.environment };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (key in environment) environment[key] = value === null ? '' : String(value);
      else
        context.warn(
          ['Resources', logicalId],
          `--env-vars: ${key} is not in ${logicalId}'s Environment.Variables, so it is not set (as SAM CLI does)`,
          `env-vars:${logicalId}:${key}`,
        );
    }
  }
  return { ...fn, environment };
}
