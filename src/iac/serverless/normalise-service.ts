/** A resolved serverless configuration into a ServerlessService; every problem at once, with positions. */
import { Checker, describe, isRecord } from './checker.ts';
import { normaliseFunctions } from './normalise-functions.ts';
import { normaliseLayers } from './normalise-layers.ts';
import { normaliseProvider, type ProviderOptions } from './normalise-provider.ts';
import type { PositionMap } from './positions.ts';
import { ServerlessConfigError } from './serverless-error.ts';
import type { ServerlessService } from './types.ts';

export interface NormaliseInput {
  /** The configuration with its variables resolved. */
  configuration: unknown;
  positions: PositionMap;
  file: string;
  serviceDir: string;
  options: ProviderOptions;
}

export function normaliseService({ configuration, positions, file, serviceDir, options }: NormaliseInput): ServerlessService {
  const check = new Checker(positions);
  const root = check.object(configuration, []) ?? {};
  const service = serviceName(root.service, check);
  const provider = normaliseProvider(root.provider, options, check);
  const result: ServerlessService = {
    file,
    serviceDir,
    service: service ?? '',
    provider,
    functions: normaliseFunctions(root.functions, service ?? '', provider, check),
    resources: normaliseResources(root.resources, check),
    plugins: plugins(root.plugins, check),
    custom: check.object(root.custom, ['custom']) ?? {},
    warnings: check.warnings,
  };
  const layers = normaliseLayers(root.layers, check);
  if (layers.length > 0) result.layers = layers;
  const frameworkVersion = root.frameworkVersion;
  if (typeof frameworkVersion === 'string' || typeof frameworkVersion === 'number') result.frameworkVersion = String(frameworkVersion);
  if (check.issues.length > 0) throw new ServerlessConfigError(file, check.issues);
  return result;
}

/** `service: name`, or the older `service: { name }`. */
function serviceName(value: unknown, check: Checker): string | undefined {
  const name = isRecord(value) ? value.name : value;
  if (typeof name === 'string' && name !== '') return name;
  return check.fail(['service'], `expected the service name, got ${describe(value)}`);
}

/** `resources` as one template fragment; a list of fragments (`- ${file(...)}`) is merged section by section, as the Framework does. */
function normaliseResources(value: unknown, check: Checker): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  const fragments = Array.isArray(value) ? value : [value];
  const merged: Record<string, unknown> = {};
  fragments.forEach((fragment, index) => {
    const keys = Array.isArray(value) ? ['resources', index] : ['resources'];
    const sections = check.object(fragment, keys) ?? {};
    for (const [section, content] of Object.entries(sections)) {
      const previous = merged[section];
      merged[section] = isRecord(previous) && isRecord(content) ? { ...previous, ...content } : content;
    }
  });
  return merged;
}

/** `plugins: [a, b]` or `plugins: { modules: [a, b], localPath }`; each is recorded and warned about, none is run. */
function plugins(value: unknown, check: Checker): string[] {
  if (value === undefined || value === null) return [];
  const keys = isRecord(value) ? ['plugins', 'modules'] : ['plugins'];
  const names = check.strings(isRecord(value) ? value.modules : value, keys) ?? [];
  names.forEach((name, index) => {
    check.warn(
      [...keys, index],
      `plugin ${name} is not run: Hoplite reads the service itself${name === 'serverless-offline' ? ' and serves what serverless-offline would' : ''}`,
    );
  });
  return names;
}
