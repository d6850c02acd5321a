/**
 * Where a function's layers are found: the `node_modules` folders that Lambda's NODE_PATH names under `/opt`, in
 * each of the function's layer folders, in the order packages are looked up there.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HopliteError } from '../errors.ts';
import type { FunctionModel, LayerModel } from '../model/types.ts';

/**
 * Lambda's Node.js runtimes put `/opt/nodejs/node<major>/node_modules` then `/opt/nodejs/node_modules` on NODE_PATH,
 * after the function's own node_modules (found from /var/task) and before the runtime's SDK.
 * https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html#packaging-layers-paths
 */
export function layerNodePaths(nodeMajor: number): string[] {
  return [`nodejs/node${nodeMajor}/node_modules`, 'nodejs/node_modules'];
}

/** The Node.js major version whose layer folder (`nodejs/node22/...`) applies: the function's runtime's, else this Node's. */
export function runtimeNodeMajor(runtime: string | undefined, nodeVersion = process.versions.node): number {
  const match = /^nodejs(\d+)\./.exec(runtime ?? '');
  return Number(match?.[1] ?? nodeVersion.split('.')[0]);
}

/**
 * The absolute `node_modules` folders a function's bare imports fall back to, first to last. Lambda extracts its
 * layers into `/opt` in the order the function lists them, a later layer's files replacing an earlier one's, so
 * for each NODE_PATH entry the later layer is looked in first. Folders a layer does not have are left out.
 * DIFF: layers are not merged into one `/opt` (nothing is created there): a package is taken whole from the last
 * layer that has it, where Lambda would merge the files of two layers' copies of one package.
 */
export function layerModulePaths(fn: FunctionModel, layers: readonly LayerModel[], rootDir: string): string[] {
  const folders = (fn.layers ?? []).map((name) => layerFolder(fn, layers, name, rootDir));
  const paths: string[] = [];
  for (const nodePath of layerNodePaths(runtimeNodeMajor(fn.runtime))) {
    for (const folder of [...folders].reverse()) {
      const candidate = join(folder, nodePath);
      if (isDirectory(candidate)) paths.push(candidate);
    }
  }
  return paths;
}

function layerFolder(fn: FunctionModel, layers: readonly LayerModel[], name: string, rootDir: string): string {
  const layer = layers.find((candidate) => candidate.name === name);
  // The model's validation names unknown layers; a model built by hand may still name one.
  if (!layer) throw new HopliteError('HOPLITE_ERR_LAMBDA_BUILD', `function ${fn.name}: layer "${name}" is not a layer of the service`);
  const folder = resolve(rootDir, layer.contentUri);
  if (!isDirectory(folder)) {
    throw new HopliteError(
      'HOPLITE_ERR_LAMBDA_BUILD',
      `function ${fn.name}: layer ${name}: no folder ${folder}; expected the layer's content, with its packages in nodejs/node_modules`,
    );
  }
  return folder;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
