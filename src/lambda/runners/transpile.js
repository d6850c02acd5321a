// @ts-check
/**
 * TypeScript handler files (Hoplite's addition to the runtime) compiled one file at a time, in place: the module
 * keeps its real path, so `import.meta.url`, `__dirname` and relative imports are the file's own, and an inline
 * source map makes stack traces name its lines. Compiled code is cached on disk by path, size and mtime, so the
 * environments of one gateway compile each file once (the gateway warms the cache at start).
 * Plain JavaScript: environment bootstraps load it without the TypeScript loader.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';

export const TYPESCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts'];

/** @param {string} file */
export function isTypeScript(file) {
  return TYPESCRIPT_EXTENSIONS.includes(extname(file));
}

/** @type {import('esbuild') | undefined} */
let esbuild;

/**
 * How a TypeScript file is compiled, for esbuild's transform (sync here, async in the gateway at start).
 * @param {string} file
 * @param {'module' | 'commonjs'} format
 * @returns {import('esbuild').TransformOptions}
 */
export function transformOptions(file, format) {
  return {
    loader: 'ts',
    format: format === 'module' ? 'esm' : 'cjs',
    target: 'node20',
    platform: 'node',
    sourcemap: 'inline',
    sourcefile: basename(file),
    logLevel: 'silent',
  };
}

/**
 * Where the compiled code of this version of the file is cached.
 * @param {string} file
 * @param {'module' | 'commonjs'} format
 * @param {string} cacheDir
 */
export function cachePath(file, format, cacheDir) {
  const { size, mtimeMs } = statSync(file);
  return join(cacheDir, `${createHash('sha1').update(`${file}\0${size}\0${mtimeMs}\0${format}`).digest('hex')}.js`);
}

/**
 * Writes whole, then renames: another environment never reads half a file.
 * @param {string} path
 * @param {string} code
 */
export function writeCached(path, code) {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(partial, code);
  renameSync(partial, path);
}

/**
 * @param {string} file
 * @param {'module' | 'commonjs'} format
 * @param {string | undefined} cacheDir
 * @returns {string} JavaScript with an inline source map
 */
export function transpiled(file, format, cacheDir) {
  const cached = cacheDir ? cachePath(file, format, cacheDir) : undefined;
  if (cached) {
    try {
      return readFileSync(cached, 'utf8');
    } catch {
      // Not compiled yet.
    }
  }
  // Loaded only on a cache miss: most environments never need it.
  esbuild ??= /** @type {import('esbuild')} */ (createRequire(import.meta.url)('esbuild'));
  const { code } = esbuild.transformSync(readFileSync(file, 'utf8'), transformOptions(file, format));
  if (cached) writeCached(cached, code);
  return code;
}
