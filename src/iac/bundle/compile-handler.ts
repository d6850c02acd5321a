/** One handler's code as one file with esbuild: its dependencies inside, the runtime's SDK left out, its module format kept. */
import { isAbsolute, relative } from 'node:path';
import { build, type Message } from 'esbuild';
import type { ModuleFormat } from './bundle-layout.ts';
import { BUNDLE_TARGET, RUNTIME_PROVIDED_PACKAGES } from './runtime-provided.ts';

/**
 * An ES module bundle may hold CommonJS dependencies that call `require()` (of Node's own modules, or of the
 * runtime's SDK); esbuild's shim for them calls the `require` this defines. esbuild renames any top-level
 * `require` of the bundled code itself, so the two do not clash.
 */
const ESM_REQUIRE_BANNER = "import { createRequire as __hopliteCreateRequire } from 'node:module';\nconst require = __hopliteCreateRequire(import.meta.url);";

export interface CompiledHandler {
  code: Uint8Array;
  /** What the entry module exports, as esbuild saw it (ES modules); undefined for CommonJS. */
  exports: string[] | undefined;
  /** esbuild's warnings, `file:line:column: text` each. */
  warnings: string[];
}

export type CompileResult = { ok: true; compiled: CompiledHandler } | { ok: false; message: string };

/** `file:line:column: text`, the file relative to `base`. */
export function describeMessage(message: Message, base: string): string {
  const location = message.location;
  if (!location) return message.text;
  const file = isAbsolute(location.file) ? relative(base, location.file) : location.file;
  return `${file}:${location.line}:${location.column + 1}: ${message.text}`;
}

/** `base` is esbuild's working folder: the paths it writes in comments are relative to it, so output does not depend on where the project sits. */
/** `layerFolders`: where packages the function's own node_modules lack are found next (its layers'). */
export async function compileHandler(
  entry: string,
  format: ModuleFormat,
  outfile: string,
  base: string,
  layerFolders: readonly string[] = [],
): Promise<CompileResult> {
  try {
    const result = await build({
      entryPoints: [entry],
      outfile,
      write: false,
      bundle: true,
      platform: 'node',
      target: BUNDLE_TARGET,
      format: format === 'module' ? 'esm' : 'cjs',
      external: [...RUNTIME_PROVIDED_PACKAGES],
      nodePaths: [...layerFolders],
      ...(format === 'module' ? { banner: { js: ESM_REQUIRE_BANNER } } : {}),
      // Stack traces name the bundle's lines; a source map would add a file and change nothing Lambda reports.
      sourcemap: false,
      minify: false,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: base,
    });
    const output = result.outputFiles[0];
    if (!output) return { ok: false, message: 'esbuild wrote no output' };
    const meta = Object.values(result.metafile?.outputs ?? {}).find((candidate) => candidate.entryPoint !== undefined);
    return {
      ok: true,
      compiled: {
        code: output.contents,
        exports: format === 'module' ? meta?.exports : undefined,
        warnings: result.warnings.map((warning) => describeMessage(warning, base)),
      },
    };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    const described = errors && errors.length > 0 ? errors.map((message) => describeMessage(message, base)).join('; ') : (error as Error).message;
    return { ok: false, message: described };
  }
}
