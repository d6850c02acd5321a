/** Bundles each function's handler with esbuild, as a deployment would, keeping packages external. */
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { build, type Message } from 'esbuild';
import { HopliteError } from '../errors.ts';
import type { FunctionModel } from '../model/types.ts';

export interface BuiltFunction {
  model: FunctionModel;
  /** Absolute path of the ES module bundle. */
  bundlePath: string;
  /** The handler's export name (`handler` when the spec names none). */
  exportName: string;
  /** The handler's source file, absolute. */
  sourcePath: string;
  /** Every source file the bundle was built from (for reload). */
  inputs: string[];
}

/** `file.ts#name` → file and export; the export defaults to `handler`. */
export function parseHandler(handler: string): { file: string; exportName: string } {
  const hash = handler.lastIndexOf('#');
  return hash === -1 ? { file: handler, exportName: 'handler' } : { file: handler.slice(0, hash), exportName: handler.slice(hash + 1) };
}

// Bundled CommonJS code may call require(); an ES module bundle needs one made for it.
const REQUIRE_BANNER = "import { createRequire as __hopliteCreateRequire } from 'node:module'; const require = __hopliteCreateRequire(import.meta.url);";

function describeMessage(message: Message, rootDir: string): string {
  const location = message.location;
  if (!location) return message.text;
  const file = isAbsolute(location.file) ? relative(rootDir, location.file) : location.file;
  return `${file}:${location.line}:${location.column + 1}: ${message.text}`;
}

/** `generation` numbers the builds of one function: environments still running an older bundle keep their file. */
export async function buildFunction(model: FunctionModel, rootDir: string, buildDir: string, generation = 0): Promise<BuiltFunction> {
  const { file, exportName } = parseHandler(model.handler);
  const sourcePath = resolve(rootDir, file);
  const bundlePath = join(buildDir, generation === 0 ? `${model.name}.mjs` : `${model.name}.${generation}.mjs`);
  await mkdir(buildDir, { recursive: true });
  try {
    const result = await build({
      entryPoints: [sourcePath],
      outfile: bundlePath,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      banner: { js: REQUIRE_BANNER },
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: rootDir,
    });
    const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(rootDir, input));
    return { model, bundlePath, exportName, sourcePath, inputs };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    const first = errors?.[0];
    const detail = first ? describeMessage(first, rootDir) : (error as Error).message;
    throw new HopliteError('HOPLITE_ERR_LAMBDA_BUILD', `function ${model.name}: handler "${model.handler}" could not be built: ${detail}`, { cause: error });
  }
}
