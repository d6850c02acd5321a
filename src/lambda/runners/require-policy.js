// @ts-check
/**
 * The CommonJS side of an execution environment's module policy: `require()` from function code finds what a
 * deployment ships and the runtime's SDK v3 (module-policy.js), TypeScript files compile in place (transpile.js),
 * and, in the in-process runner, each environment keeps its own instances of the function's own files.
 * Plain JavaScript: environment bootstraps load it without the TypeScript loader.
 */
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import {
  isBareSpecifier,
  isDependencyFile,
  isRuntimePackage,
  layerFolderFor,
  localResolution,
  missingPackageHint,
  RUNTIME_SDK_BASE,
  resolutionFor,
} from './module-policy.js';
import { isTypeScript, transpiled } from './transpile.js';

/** @typedef {import('./module-policy.js').ModuleScope} ModuleScope */

/**
 * @typedef {{
 *   scopeOf(file: string): ModuleScope | undefined,
 *   snapshotOf(file: string): import('./module-policy.js').Snapshot | undefined,
 *   instanceCache?: () => Map<string, Module> | undefined,
 * }} RequirePolicy
 */

/** @type {any} */
const CommonJs = Module;

/** @param {unknown} error */
function isNotFound(error) {
  return /** @type {{ code?: string }} */ (error)?.code === 'MODULE_NOT_FOUND';
}

/**
 * Node's message, then what to do.
 * @param {string} request
 * @param {string} parentFile
 * @param {string} hint
 */
function notFound(request, parentFile, hint) {
  return Object.assign(new Error(`Cannot find module '${request}'\nRequire stack:\n- ${parentFile}\n${hint}`), { code: 'MODULE_NOT_FOUND' });
}

/**
 * A package from the function's layers (after its own node_modules, before the runtime's SDK, as NODE_PATH orders
 * them), resolved as Node resolves it from that layer folder.
 * @param {string} request
 * @param {ModuleScope} scope
 * @returns {string | undefined}
 */
function fromLayers(request, scope) {
  const folder = layerFolderFor(request, scope.layerPaths);
  return folder === undefined ? undefined : createRequire(join(folder, 'layer.js')).resolve(request);
}

/** TypeScript's convention: `./util.js` in a .ts file names util.ts. */
const TYPESCRIPT_ALTERNATIVES = /** @type {Record<string, string>} */ ({ '.js': '.ts', '.cjs': '.cts' });

/** @type {RequirePolicy | undefined} */
let policy;

/**
 * Installs the policy once per thread; a later call replaces it.
 * @param {RequirePolicy} next
 */
export function installRequirePolicy(next) {
  const first = policy === undefined;
  policy = next;
  if (!first) return;
  const resolveFilename = CommonJs._resolveFilename;
  CommonJs._resolveFilename = function resolveForFunctionCode(/** @type {string} */ request, /** @type {any} */ parent, /** @type {any[]} */ ...rest) {
    const parentFile = parent?.filename;
    const scope = typeof parentFile === 'string' ? policy?.scopeOf(parentFile) : undefined;
    if (!scope) return resolveFilename.call(this, request, parent, ...rest);
    if (!isBareSpecifier(request)) {
      try {
        return resolveFilename.call(this, request, parent, ...rest);
      } catch (error) {
        const alternative = TYPESCRIPT_ALTERNATIVES[extname(request)];
        if (!isNotFound(error) || !alternative || !isTypeScript(parentFile)) throw error;
        return resolveFilename.call(this, request.slice(0, -extname(request).length) + alternative, parent, ...rest);
      }
    }
    const how = resolutionFor(request, parentFile);
    if (how === 'local') {
      let file;
      try {
        file = resolveFilename.call(this, request, parent, ...rest);
      } catch (error) {
        if (!isNotFound(error)) throw error;
        const layered = fromLayers(request, scope);
        if (layered !== undefined) return layered;
        if (!isRuntimePackage(request)) throw error;
      }
      if (file !== undefined) {
        if (!file.startsWith('/')) return file;
        const local = localResolution(request, parentFile, file, scope.codeRoot);
        if (local.take === 'local') return file;
        const layered = fromLayers(request, scope);
        if (layered !== undefined) return layered;
        if (local.take === 'missing') throw notFound(request, parentFile, local.hint);
      }
    } else {
      const layered = fromLayers(request, scope);
      if (layered !== undefined) return layered;
      if (how === 'missing') throw notFound(request, parentFile, missingPackageHint(request, parentFile, scope));
    }
    try {
      return createRequire(RUNTIME_SDK_BASE).resolve(request);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      throw notFound(request, parentFile, missingPackageHint(request, parentFile, scope));
    }
  };

  /** The code as it was built, if the file is part of the function's snapshot. */
  const snapshotted = (/** @type {string} */ filename) => {
    const entry = policy?.snapshotOf(filename)?.[filename];
    return entry?.format === 'commonjs' ? readFileSync(entry.stored, 'utf8') : undefined;
  };
  const compileTypeScript = (/** @type {any} */ module, /** @type {string} */ filename) => {
    module._compile(snapshotted(filename) ?? transpiled(filename, 'commonjs', policy?.scopeOf(filename)?.cacheDir), filename);
  };
  CommonJs._extensions['.ts'] = compileTypeScript;
  CommonJs._extensions['.cts'] = compileTypeScript;
  for (const extension of ['.js', '.cjs']) {
    const compileJavaScript = CommonJs._extensions[extension];
    CommonJs._extensions[extension] = function compileFromSnapshot(/** @type {any} */ module, /** @type {string} */ filename) {
      const code = snapshotted(filename);
      if (code === undefined) return compileJavaScript.call(this, module, filename);
      module._compile(code, filename);
    };
  }

  const load = CommonJs._load;
  CommonJs._load = function loadForEnvironment(/** @type {string} */ request, /** @type {any} */ parent, /** @type {boolean} */ isMain) {
    const cache = policy?.instanceCache?.();
    if (!cache || !parent) return load.call(this, request, parent, isMain);
    const filename = CommonJs._resolveFilename(request, parent, isMain);
    if (!filename.startsWith('/') || isDependencyFile(filename) || !policy?.scopeOf(filename)) return load.call(this, request, parent, isMain);
    return loadInstance(filename, parent, cache);
  };
}

/**
 * A module instance of this environment's own (not in Node's shared cache).
 * @param {string} filename
 * @param {any} parent
 * @param {Map<string, Module>} cache
 */
function loadInstance(filename, parent, cache) {
  const cached = cache.get(filename);
  if (cached) return cached.exports;
  const module = new CommonJs(filename, parent);
  module.filename = filename;
  module.paths = CommonJs._nodeModulePaths(dirname(filename));
  cache.set(filename, module);
  let loaded = false;
  try {
    module.load(filename);
    loaded = true;
  } finally {
    if (!loaded) cache.delete(filename);
  }
  return module.exports;
}

/**
 * Requires a handler file into an environment's own module cache (in-process runner).
 * @param {string} filename
 * @param {Map<string, Module>} cache
 */
export function requireInstance(filename, cache) {
  return loadInstance(filename, null, cache);
}
