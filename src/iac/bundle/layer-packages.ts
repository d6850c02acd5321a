/**
 * The packages a function's layers provide: Lambda puts each layer under `/opt`, and the Node.js runtimes resolve
 * `/opt/nodejs/node_modules` and `/opt/nodejs/node22/node_modules` for CommonJS and ES modules alike
 * (docs.aws.amazon.com/lambda/latest/dg/nodejs-layers.html), so bundles leave them out.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { FunctionModel, LayerModel } from '../../model/types.ts';

/** The layer folders Node.js resolves packages from, for the Node.js version bundles target. */
const LAYER_MODULE_FOLDERS = [join('nodejs', 'node_modules'), join('nodejs', 'node22', 'node_modules')];

async function folderNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory() || entry.isSymbolicLink()).map((entry) => entry.name);
}

/** Package names (`lodash`, `@scope/name`) in the layers the function names, sorted. */
export async function layerPackages(fn: FunctionModel, layers: readonly LayerModel[], rootDir: string): Promise<string[]> {
  const names = new Set<string>();
  for (const layerName of fn.layers ?? []) {
    const layer = layers.find((candidate) => candidate.name === layerName);
    if (!layer) continue;
    for (const folder of LAYER_MODULE_FOLDERS) {
      const modules = resolve(rootDir, layer.contentUri, folder);
      for (const name of await folderNames(modules)) {
        if (name.startsWith('.')) continue;
        if (!name.startsWith('@')) {
          names.add(name);
          continue;
        }
        for (const scoped of await folderNames(join(modules, name))) names.add(`${name}/${scoped}`);
      }
    }
  }
  return [...names].sort();
}
