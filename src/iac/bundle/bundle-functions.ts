/**
 * One deployable bundle per function: its handler bundled with esbuild at the handler's own path, the code root's
 * other files beside it, zipped deterministically under a content-hashed name.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { ConfigError } from '../../errors.ts';
import { codeLocation, staticExports } from '../../lambda/build.ts';
import { layerModulePaths } from '../../lambda/layers.ts';
import { forgetPackageTypes, locateHandler } from '../../lambda/runners/handler-loader.js';
import type { FunctionModel, LayerModel, ServiceModel } from '../../model/types.ts';
import { DEFAULT_RUNTIME } from '../synth/context.ts';
import { bundleExtension, bundleLayout, type ModuleFormat } from './bundle-layout.ts';
import { listCodeAssets } from './code-assets.ts';
import { compileHandler } from './compile-handler.ts';
import { deterministicZip, type ZipEntry } from './deterministic-zip.ts';

export interface BundleOptions {
  /** Bundles go to `<outDir>/functions/`: a folder and a zip per function. */
  outDir: string;
  /** The folder the model's paths are relative to. */
  rootDir: string;
  /** The definition file, as errors name it. @default rootDir */
  source?: string;
  /** Receives esbuild's warnings, one line each. */
  warn?: (message: string) => void;
}

export interface FunctionBundle {
  function: string;
  /** Lambda's Handler inside the bundle: `src/app.handler`, `handlers.connectWorld`. */
  handler: string;
  format: ModuleFormat;
  /** The unzipped bundle: the same files as the zip. */
  dir: string;
  zipFile: string;
  /** `functions/<name>-<first 16 hex digits of the zip's sha256>.zip`. */
  s3Key: string;
  /** Of the zip, in hex. */
  sha256: string;
  /** The zip's size. */
  bytes: number;
}

/** The digits of the zip's hash in its name: enough that two builds never share a key by chance. */
const HASH_DIGITS_IN_NAME = 16;
const FILE_MODE = 0o644;
const EXECUTABLE_MODE = 0o755;

export async function bundleFunctions(model: ServiceModel, options: BundleOptions): Promise<FunctionBundle[]> {
  // A package.json may have changed since the handler loader last read it.
  forgetPackageTypes();
  const bundles: FunctionBundle[] = [];
  for (const [index, fn] of model.functions.entries()) bundles.push(await bundleFunction(fn, index, model.layers ?? [], options));
  return bundles;
}

async function bundleFunction(fn: FunctionModel, index: number, layers: readonly LayerModel[], options: BundleOptions): Promise<FunctionBundle> {
  const source = options.source ?? options.rootDir;
  const fail = (message: string) =>
    new ConfigError(source, [{ path: `functions[${index}].handler`, message: `function "${fn.name}": handler "${fn.handler}": ${message}` }]);
  const outDir = resolve(options.outDir);
  const { handlerBase } = codeLocation(fn, options.rootDir);
  const located = locateHandler(fn.handler, handlerBase);
  if (!located.ok) {
    const tried = (located.candidates ?? []).map((candidate) => relative(options.rootDir, candidate) || candidate);
    throw fail(tried.length > 0 ? `no such file: tried ${tried.join(', ')}` : `${located.error.errorMessage} (${located.error.errorType})`);
  }
  const { file, format, exportPath } = located.location;
  const layout = bundleLayout(handlerBase, file, exportPath, bundleExtension(format, packageTypeWithin(dirname(file), handlerBase)));
  if (!layout) throw fail(`${relative(options.rootDir, file)} lies outside the function's code folder ${relative(options.rootDir, handlerBase) || '.'}`);
  const dir = join(outDir, 'functions', fn.name);
  // Synthesis writes no layers, so the bundle takes their packages in, found where the shipped runtime would find them.
  const layerPaths = layerModulePaths({ ...fn, runtime: fn.runtime ?? DEFAULT_RUNTIME }, layers, options.rootDir);
  const compiled = await compileHandler(file, format, join(dir, layout.file), handlerBase, layerPaths);
  if (!compiled.ok) throw fail(`could not be bundled: ${compiled.message}`);
  const exported = await staticExports(file, format, compiled.compiled.exports);
  const name = exportPath[0] as string;
  if (exported && !exported.includes(name)) {
    const known = exported.filter((candidate) => candidate !== '__esModule');
    throw fail(`${relative(options.rootDir, file)} does not export "${name}" (${known.length > 0 ? `it exports ${known.join(', ')}` : 'it exports nothing'})`);
  }
  for (const warning of compiled.compiled.warnings) options.warn?.(`function "${fn.name}": ${warning}`);

  const assets = await listCodeAssets(handlerBase, [outDir]);
  const entries: ZipEntry[] = [{ path: layout.file, data: compiled.compiled.code, executable: false }];
  for (const asset of assets) entries.push({ path: asset.path, data: await readFile(asset.absolutePath), executable: asset.executable });
  await rm(dir, { recursive: true, force: true });
  for (const entry of entries) {
    const target = join(dir, entry.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, entry.data);
    await chmod(target, entry.executable ? EXECUTABLE_MODE : FILE_MODE);
  }
  const zip = deterministicZip(entries);
  const sha256 = createHash('sha256').update(zip).digest('hex');
  const s3Key = `functions/${fn.name}-${sha256.slice(0, HASH_DIGITS_IN_NAME)}.zip`;
  const zipFile = join(outDir, s3Key);
  await writeFile(zipFile, zip);
  return { function: fn.name, handler: layout.handler, format, dir, zipFile, s3Key, sha256, bytes: zip.byteLength };
}

/**
 * The `type` of the nearest package.json from `dir` up to `base`: what Node.js on Lambda reads for a `.js` bundle,
 * as that package.json ships beside it. None inside the bundle folder: CommonJS, as `/var/task` has none above.
 */
function packageTypeWithin(dir: string, base: string): 'module' | 'commonjs' {
  for (let current = dir; ; current = dirname(current)) {
    const manifest = join(current, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'module' ? 'module' : 'commonjs';
      } catch {
        return 'commonjs';
      }
    }
    if (current === base || dirname(current) === current) return 'commonjs';
  }
}
