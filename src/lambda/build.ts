/**
 * Prepares each function as a deployment would see it, without moving its code: the code root, the handler file
 * found as the Node.js runtime finds it, a check at start that it parses and exports the handler (so a mistake is
 * a definition error naming the function, the file and the export), the files it is built from (for reload), and
 * its TypeScript compiled into the gateway's cache. Environments then load the real files (runners/handler-loader.js).
 */

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { init as initLexer, parse as parseCommonJs } from 'cjs-module-lexer';
import { build, type Message, transform } from 'esbuild';
import { HopliteError } from '../errors.ts';
import type { FunctionModel, LayerModel } from '../model/types.ts';
import { layerModulePaths } from './layers.ts';
import { displayName, forgetPackageTypes, locateHandler, moduleFormat } from './runners/handler-loader.js';
import { forgetDeclaredPackages, type Snapshot } from './runners/module-policy.js';
import { cachePath, isTypeScript, transformOptions, writeCached } from './runners/transpile.js';

export interface BuiltFunction {
  model: FunctionModel;
  /** The handler string as configured (`src/app.handler`, `handlers.ts#connect`). */
  handler: string;
  /** The folder the handler path is relative to. */
  handlerBase: string;
  /** What a deployment would zip: `LAMBDA_TASK_ROOT`, the working directory, the bounds of module resolution. */
  codeRoot: string;
  /** The handler's source file, absolute. */
  sourcePath: string;
  format: 'module' | 'commonjs';
  /** Every source file the handler is built from, outside node_modules (for reload). */
  inputs: string[];
  /** Where compiled TypeScript and snapshots are kept for the environments. */
  cacheDir: string;
  /** The function's own files as they were at this build; environments run this code. */
  snapshot: Snapshot;
  /** Names this build's snapshot (its manifest is `snapshot-<id>.json` in cacheDir). */
  buildId: string;
  /** The `node_modules` folders of the function's layers, in lookup order (layers.ts). */
  layerPaths: string[];
}

/** The nearest folder at or above `dir` with a package.json: what a deployment of code in `dir` ships. */
export function packageRoot(dir: string): string {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, 'package.json'))) return current;
    if (dirname(current) === current) return dir;
  }
}

/** The code root and the handler's base folder: SAM's CodeUri when given, else the definition's package. */
export function codeLocation(model: FunctionModel, rootDir: string): { codeRoot: string; handlerBase: string } {
  if (model.codeUri !== undefined) {
    const codeRoot = resolve(rootDir, model.codeUri);
    return { codeRoot, handlerBase: codeRoot };
  }
  return { codeRoot: packageRoot(rootDir), handlerBase: rootDir };
}

function describeMessage(message: Message, rootDir: string): string {
  const location = message.location;
  if (!location) return message.text;
  const file = isAbsolute(location.file) ? relative(rootDir, location.file) : location.file;
  return `${file}:${location.line}:${location.column + 1}: ${message.text}`;
}

function handlerError(model: FunctionModel, detail: string): HopliteError {
  return new HopliteError('HOPLITE_ERR_LAMBDA_HANDLER', `function ${model.name}: handler "${model.handler}": ${detail}`);
}

/** What a file exports, as far as it can be told without running it; undefined when it cannot be told. */
export async function staticExports(file: string, format: 'module' | 'commonjs', esmExports: string[] | undefined): Promise<string[] | undefined> {
  if (format === 'module') return esmExports;
  await initLexer();
  const source = isTypeScript(file) ? (await transform(await readFile(file, 'utf8'), transformOptions(file, 'commonjs'))).code : await readFile(file, 'utf8');
  const { exports, reexports } = parseCommonJs(source);
  // `module.exports = require(…)` or an object built at run time: only running it would tell.
  if (reexports.length > 0 || exports.length === 0) return undefined;
  return exports;
}

export async function buildFunction(model: FunctionModel, rootDir: string, cacheDir: string, layers: readonly LayerModel[] = []): Promise<BuiltFunction> {
  // A reload may follow an edit of package.json or an npm install.
  forgetPackageTypes();
  forgetDeclaredPackages();
  const { codeRoot, handlerBase } = codeLocation(model, rootDir);
  const layerPaths = layerModulePaths(model, layers, rootDir);
  const located = locateHandler(model.handler, handlerBase);
  if (!located.ok) {
    if (located.error.errorType === 'Runtime.MalformedHandlerName') {
      throw handlerError(
        model,
        `${located.error.errorMessage} (Runtime.MalformedHandlerName): expected "path/to/module.export" as Lambda writes it, or "path/to/file.ts#export"`,
      );
    }
    const tried = (located.candidates ?? []).map((candidate) => relative(rootDir, candidate) || candidate);
    if (tried.length <= 1) throw handlerError(model, `no such file: ${tried[0] ?? model.handler}`);
    throw handlerError(
      model,
      `no such file: tried ${tried.join(', ')} (as the Node.js runtime looks for the module, with Hoplite's TypeScript extensions last)`,
    );
  }
  const { file, format, exportPath } = located.location;
  await mkdir(cacheDir, { recursive: true });
  let result: Awaited<ReturnType<typeof build>>;
  try {
    result = await build({
      entryPoints: [file],
      write: false,
      outdir: cacheDir,
      bundle: true,
      platform: 'node',
      format: format === 'module' ? 'esm' : 'cjs',
      target: 'node20',
      packages: 'external',
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: rootDir,
    });
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    const first = errors?.[0];
    const detail = first ? describeMessage(first, rootDir) : (error as Error).message;
    throw new HopliteError('HOPLITE_ERR_LAMBDA_BUILD', `function ${model.name}: handler "${model.handler}" could not be built: ${detail}`, { cause: error });
  }
  const metafile = result.metafile as NonNullable<typeof result.metafile>;
  const inputs = Object.keys(metafile.inputs)
    .map((input) => resolve(rootDir, input))
    .filter((input) => !input.split(/[\\/]/).includes('node_modules'));
  const output = Object.values(metafile.outputs).find((candidate) => candidate.entryPoint !== undefined);
  const exported = await staticExports(file, format, output?.exports);
  const name = exportPath[0] as string;
  if (exported && !exported.includes(name)) {
    const shown = relative(rootDir, file);
    const known = exported.filter((candidate) => candidate !== '__esModule');
    throw handlerError(
      model,
      `${shown} does not export "${name}" (${known.length > 0 ? `it exports ${known.join(', ')}` : 'it exports nothing'}); Lambda would fail with Runtime.HandlerNotFound: ${displayName(model.handler)} is undefined or not exported`,
    );
  }
  const { snapshot, buildId } = await takeSnapshot(inputs, cacheDir);
  return { model, handler: model.handler, handlerBase, codeRoot, sourcePath: file, format, inputs, cacheDir, snapshot, buildId, layerPaths };
}

/** Through the gateway's running esbuild service (the sync API would start another). */
async function compiledTypeScript(file: string, format: 'module' | 'commonjs', cacheDir: string): Promise<string> {
  const cached = cachePath(file, format, cacheDir);
  if (existsSync(cached)) return readFile(cached, 'utf8');
  const { code } = await transform(await readFile(file, 'utf8'), transformOptions(file, format));
  writeCached(cached, code);
  return code;
}

const SNAPSHOT_EXTENSIONS = /\.(?:[cm]?js|[cm]?ts)$/;

/**
 * The code of each source file as it is now (TypeScript compiled), stored by content: what a deployment would
 * freeze. Environments started later run it even if the files change meanwhile; a rebuild takes a new snapshot.
 */
async function takeSnapshot(inputs: string[], cacheDir: string): Promise<{ snapshot: Snapshot; buildId: string }> {
  const snapshot: Snapshot = {};
  for (const input of inputs) {
    if (!SNAPSHOT_EXTENSIONS.test(input)) continue;
    const format = moduleFormat(input);
    const code = isTypeScript(input) ? await compiledTypeScript(input, format, cacheDir) : await readFile(input, 'utf8');
    const stored = join(cacheDir, `${createHash('sha1').update(code).digest('hex')}.${format === 'module' ? 'mjs' : 'cjs'}`);
    if (!existsSync(stored)) await writeFile(stored, code);
    snapshot[input] = { stored, format };
  }
  const manifest = JSON.stringify(snapshot);
  const buildId = createHash('sha1').update(manifest).digest('hex').slice(0, 12);
  await writeFile(join(cacheDir, `snapshot-${buildId}.json`), manifest);
  return { snapshot, buildId };
}
