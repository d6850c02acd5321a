/** Bundles each function's handler with esbuild, as a deployment would, keeping packages external. */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { build, type Message, type Plugin } from 'esbuild';
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
/** Packages the Node.js Lambda runtime provides without a deployment shipping them: the AWS SDK for JavaScript v3. */
const RUNTIME_PACKAGES = /^@(aws-sdk|smithy|aws-crypto)\//;

/** The nearest package.json's name and the packages it declares (what a deployment would ship). */
function declaredPackages(from: string): Set<string> {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      const names = new Set<string>(typeof manifest.name === 'string' ? [manifest.name] : []);
      for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
        for (const name of Object.keys((manifest[field] as Record<string, string> | undefined) ?? {})) names.add(name);
      }
      return names;
    } catch {
      if (dirname(dir) === dir) return new Set();
    }
  }
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
}

/**
 * On Lambda a handler finds only what its deployment ships plus the runtime's AWS SDK v3. A package that merely
 * happens to be installed nearby (a dependency of Hoplite, the SDK v2) fails at import, with Lambda's error.
 */
function lambdaModuleResolution(sourcePath: string): Plugin {
  return {
    name: 'hoplite-lambda-modules',
    setup(pluginBuild) {
      const declared = declaredPackages(dirname(sourcePath));
      pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.kind === 'entry-point' || args.path.startsWith('node:') || builtinModules.includes(args.path.split('/')[0] as string)) return undefined;
        const name = packageName(args.path);
        if (RUNTIME_PACKAGES.test(args.path) || declared.has(name)) return undefined;
        return { path: args.path, namespace: 'hoplite-missing-package', pluginData: { importer: args.importer } };
      });
      pluginBuild.onLoad({ filter: /.*/, namespace: 'hoplite-missing-package' }, (args) => ({
        contents: `const error = new Error(${JSON.stringify(`Cannot find package '${args.path}' imported from ${(args.pluginData as { importer: string }).importer}`)}); error.code = 'ERR_MODULE_NOT_FOUND'; throw error;`,
        loader: 'js',
      }));
    },
  };
}

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
      plugins: [lambdaModuleResolution(sourcePath)],
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
