/** The service's layers and the layers each function names: unique names, folders, no unknown layer. */
import type { Checker } from './checker.ts';

/** Checks `layers` and returns the names functions may use. */
export function checkLayers(check: Checker, layers: unknown): ReadonlySet<string> {
  const names = new Set<string>();
  if (layers === undefined) return names;
  check.eachObject(layers, 'layers', (layer, path) => {
    if (check.string(layer.name, `${path}.name`, /^[A-Za-z0-9_-]{1,140}$/, 'a layer name of 1-140 letters, digits, hyphens or underscores')) {
      check.unique(names, layer.name, `${path}.name`, 'layer name');
    }
    check.string(layer.contentUri, `${path}.contentUri`, /^.+$/, 'a folder relative to the service');
  });
  return names;
}

/** A function's `layers`: names of the service's layers, each once. */
export function checkFunctionLayers(check: Checker, layers: unknown, path: string, layerNames: ReadonlySet<string>): void {
  if (layers === undefined || !check.stringArray(layers, `${path}.layers`)) return;
  const seen = new Set<string>();
  layers.forEach((name, index) => {
    if (typeof name !== 'string') return;
    if (!layerNames.has(name)) check.fail(`${path}.layers[${index}]`, `expected the name of a layer of this service, "${name}" is not defined`);
    check.unique(seen, name, `${path}.layers[${index}]`, 'layer of the function');
  });
}
