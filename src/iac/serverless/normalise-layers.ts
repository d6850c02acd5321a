/**
 * The top-level `layers` (each a local folder) and a function's `layers` (`{ Ref: <Name>LambdaLayer }`, as the
 * Framework names a layer's resource, or a published layer's ARN).
 */
import { type Checker, describe, isRecord } from './checker.ts';
import type { PropertyPath } from './positions.ts';
import type { ServerlessFunctionLayer, ServerlessLayer } from './types.ts';

/** What a layer's consumers never see locally: only its files matter here. */
const IGNORED = ['name', 'description', 'compatibleRuntimes', 'compatibleArchitectures', 'licenseInfo', 'allowedAccounts', 'retain'];

/** The Framework's normalised name (`my-layer` → `MyDashlayer`) followed by `LambdaLayer`: the layer's logical id. */
export function layerLogicalId(key: string): string {
  const normalised = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${normalised.charAt(0).toUpperCase()}${normalised.slice(1)}LambdaLayer`;
}

export function normaliseLayers(value: unknown, check: Checker): ServerlessLayer[] {
  const layers = check.object(value, ['layers']) ?? {};
  const result: ServerlessLayer[] = [];
  for (const [key, definition] of Object.entries(layers)) {
    const keys = ['layers', key];
    const settings = check.object(definition, keys);
    if (!settings) continue;
    const path = check.string(settings.path, [...keys, 'path']);
    if (path === undefined) {
      check.fail(
        settings.package === undefined ? keys : [...keys, 'package'],
        'expected path: the local folder of the layer, holding nodejs/node_modules (a packaged artifact is not read)',
      );
      continue;
    }
    for (const property of IGNORED) {
      if (settings[property] !== undefined) check.warn([...keys, property], `layer ${property} is not used locally; ignored`);
    }
    result.push({ key, logicalId: layerLogicalId(key), path: path.replace(/\/+$/, '') || '.' });
  }
  return result;
}

/** A function's `layers`, in order; an ARN (a published layer) cannot run locally and warns once. */
export function normaliseFunctionLayers(value: unknown, keys: PropertyPath, check: Checker): ServerlessFunctionLayer[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return check.fail(keys, `expected a list of layers ({ Ref: <Name>LambdaLayer } or an ARN), got ${describe(value)}`);
  const layers: ServerlessFunctionLayer[] = [];
  value.forEach((entry, index) => {
    const at = [...keys, index];
    if (isRecord(entry) && typeof entry.Ref === 'string' && Object.keys(entry).length === 1) layers.push({ ref: entry.Ref, index });
    else if (typeof entry === 'string' && entry.startsWith('arn:'))
      check.warn(at, `layer ${entry} is a published layer, which cannot be run locally: ignored, so its packages are not found unless the service ships them`);
    else check.fail(at, `expected { Ref: <Name>LambdaLayer } naming a layer of this service's layers, or a layer version ARN, got ${describe(entry)}`);
  });
  return layers;
}
