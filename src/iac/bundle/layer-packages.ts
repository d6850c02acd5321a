/**
 * Where a function's layers keep their packages: Lambda puts each layer under `/opt`, and the Node.js runtimes resolve
 * `/opt/nodejs/node22/node_modules` and `/opt/nodejs/node_modules` after the function's own node_modules
 * (docs.aws.amazon.com/lambda/latest/dg/nodejs-layers.html). Synthesis writes no layers, so bundles take those
 * packages in from the same folders, in that order: a shipped function has what it had locally.
 */
import { resolve } from 'node:path';
import type { FunctionModel, LayerModel } from '../../model/types.ts';

/** The layer folders Node.js resolves packages from, for the Node.js version bundles target; the versioned one first. */
const LAYER_MODULE_FOLDERS = ['nodejs/node22/node_modules', 'nodejs/node_modules'];

/** The function's layers' module folders, a later layer's first (on Lambda a later layer's files win). */
export function layerModuleFolders(fn: FunctionModel, layers: readonly LayerModel[], rootDir: string): string[] {
  const named = (fn.layers ?? []).flatMap((name) => layers.filter((layer) => layer.name === name));
  return named.reverse().flatMap((layer) => LAYER_MODULE_FOLDERS.map((folder) => resolve(rootDir, layer.contentUri, folder)));
}
