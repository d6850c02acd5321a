// @ts-check
/**
 * ES module hooks of an execution environment (registered with `module.register`): bare imports from function
 * code follow the deployment's module policy (module-policy.js), TypeScript files are compiled in place
 * (transpile.js), and in the in-process runner each environment's own files get an instance tag in their URL, so
 * that every environment has its own instance of the function's modules (its dependencies are shared).
 * Plain JavaScript: it runs on Node's hooks thread, without the TypeScript loader.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { moduleFormat } from './handler-loader.js';
import {
  isBareSpecifier,
  isDependencyFile,
  isInside,
  isRuntimePackage,
  layerFolderFor,
  localResolution,
  missingPackageHint,
  RUNTIME_SDK_BASE,
  resolutionFor,
} from './module-policy.js';
import { isTypeScript, transpiled } from './transpile.js';

/** The search parameter that names the in-process environment a module instance belongs to. */
export const INSTANCE_TAG = 'hoplite-environment';

/** @type {import('./module-policy.js').ModuleScope[]} */
let scopes = [];
/**
 * One registration per code root: the in-process runner registers another instance (by URL) for each function
 * code root it meets, since the hooks thread takes no messages between imports.
 * @param {{ scopes: import('./module-policy.js').ModuleScope[] }} data
 */
export async function initialize(data) {
  scopes = [...data.scopes];
}

/** @param {string} file */
function scopeOf(file) {
  let found;
  for (const scope of scopes) if (isInside(file, scope.codeRoot) && (!found || scope.codeRoot.length > found.codeRoot.length)) found = scope;
  return found;
}

/**
 * @param {string} message
 */
function notFound(message) {
  return Object.assign(new Error(message), { code: 'ERR_MODULE_NOT_FOUND' });
}

/** @param {unknown} error */
function isNotFound(error) {
  const code = /** @type {{ code?: string }} */ (error)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
}

/** TypeScript's own convention: `./util.js` in a .ts file names util.ts; extensionless paths are tried too. */
const TYPESCRIPT_ALTERNATIVES = {
  '.js': ['.ts'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
  '': ['.ts', '/index.ts'],
};

/**
 * @param {string} specifier
 * @param {{ parentURL?: string, conditions: string[], importAttributes?: Record<string, string> }} context
 * @param {Function} nextResolve
 */
export async function resolve(specifier, context, nextResolve) {
  const parentURL = context.parentURL;
  if (!parentURL?.startsWith('file:')) return nextResolve(specifier, context);
  const parentFile = fileURLToPath(parentURL);
  const scope = scopeOf(parentFile);
  if (!scope) return nextResolve(specifier, context);
  if (isBareSpecifier(specifier)) return resolvePackage(specifier, context, nextResolve, parentFile, scope);
  let result;
  try {
    result = await nextResolve(specifier, context);
  } catch (error) {
    if (!isNotFound(error) || !isTypeScript(parentFile) || !/^\.\.?\//.test(specifier)) throw error;
    result = await resolveTypeScriptAlternative(specifier, context, nextResolve, error);
  }
  return withInstanceTag(result, parentURL, scope);
}

/**
 * @param {string} specifier
 * @param {any} context
 * @param {Function} nextResolve
 * @param {unknown} original
 */
async function resolveTypeScriptAlternative(specifier, context, nextResolve, original) {
  const extension = extname(specifier);
  const alternatives = /** @type {Record<string, string[]>} */ (TYPESCRIPT_ALTERNATIVES)[extension] ?? [];
  const stem = extension === '' ? specifier : specifier.slice(0, -extension.length);
  for (const alternative of alternatives) {
    try {
      return await nextResolve(stem + alternative, context);
    } catch {
      // Try the next one.
    }
  }
  throw original;
}

/**
 * @param {string} specifier
 * @param {any} context
 * @param {Function} nextResolve
 * @param {string} parentFile
 * @param {import('./module-policy.js').ModuleScope} scope
 */
async function resolvePackage(specifier, context, nextResolve, parentFile, scope) {
  const base = `Cannot find package '${specifier}' imported from ${parentFile}`;
  const how = resolutionFor(specifier, parentFile);
  if (how === 'local') {
    let result;
    try {
      result = await nextResolve(specifier, context);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      const layered = await fromLayers(specifier, context, nextResolve, scope);
      if (layered) return layered;
      if (!isRuntimePackage(specifier)) throw error;
    }
    if (result) {
      if (!result.url.startsWith('file:')) return result;
      const local = localResolution(specifier, parentFile, fileURLToPath(result.url), scope.codeRoot);
      if (local.take === 'local') return result;
      const layered = await fromLayers(specifier, context, nextResolve, scope);
      if (layered) return layered;
      if (local.take === 'missing') throw notFound(`${base}. ${local.hint}`);
    }
  } else {
    const layered = await fromLayers(specifier, context, nextResolve, scope);
    if (layered) return layered;
    if (how === 'missing') throw notFound(`${base}. ${missingPackageHint(specifier, parentFile, scope)}`);
  }
  try {
    return await nextResolve(specifier, { ...context, parentURL: RUNTIME_SDK_BASE.href });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    throw notFound(`${base}. ${missingPackageHint(specifier, parentFile, scope)}`);
  }
}

/**
 * A package from the function's layers (after its own node_modules, before the runtime's SDK, as NODE_PATH orders
 * them), resolved as Node resolves it from that layer folder.
 * @param {string} specifier
 * @param {any} context
 * @param {Function} nextResolve
 * @param {import('./module-policy.js').ModuleScope} scope
 */
async function fromLayers(specifier, context, nextResolve, scope) {
  const folder = layerFolderFor(specifier, scope.layerPaths);
  if (folder === undefined) return undefined;
  return nextResolve(specifier, { ...context, parentURL: pathToFileURL(join(folder, 'layer.js')).href });
}

/**
 * In the in-process runner, a function's own files (not its dependencies) belong to the importing environment.
 * @param {{ url: string, format?: string }} result
 * @param {string} parentURL
 * @param {import('./module-policy.js').ModuleScope} scope
 */
function withInstanceTag(result, parentURL, scope) {
  const tag = new URL(parentURL).searchParams.get(INSTANCE_TAG);
  if (!tag || !result.url.startsWith('file:')) return result;
  const url = new URL(result.url);
  const file = fileURLToPath(url);
  if (!isInside(file, scope.codeRoot) || isDependencyFile(file)) return result;
  url.searchParams.set(INSTANCE_TAG, tag);
  return { ...result, url: url.href };
}

/** @type {Map<string, import('./module-policy.js').Snapshot | undefined>} */
const snapshotsByBuild = new Map();

/**
 * The snapshot a module URL belongs to: its environment's (one function per environment), or in-process the build
 * named by the instance tag, `<build id>.<environment>`, whose manifest is in this registration's cache folder.
 * @param {URL} url
 * @param {import('./module-policy.js').ModuleScope | undefined} scope
 */
function snapshotOf(url, scope) {
  if (scope?.snapshot) return scope.snapshot;
  const build = url.searchParams.get(INSTANCE_TAG)?.split('.')[0];
  if (!build || !scope?.cacheDir) return undefined;
  if (!snapshotsByBuild.has(build)) {
    const manifest = join(scope.cacheDir, `snapshot-${build}.json`);
    snapshotsByBuild.set(build, existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')) : undefined);
  }
  return snapshotsByBuild.get(build);
}

/**
 * @param {string} url
 * @param {any} context
 * @param {Function} nextLoad
 */
export async function load(url, context, nextLoad) {
  if (url.startsWith('file:')) {
    const parsed = new URL(url);
    const file = fileURLToPath(parsed);
    const scope = scopeOf(file);
    // The code as it was built: an edit reaches new environments through a rebuild (reload), as through a deployment.
    const snapshot = snapshotOf(parsed, scope);
    // In-process, another registration (another gateway's cache folder) owns this build.
    if (!snapshot && parsed.searchParams.has(INSTANCE_TAG)) return nextLoad(url, context);
    const entry = snapshot?.[file];
    if (entry?.format === 'module') return { format: 'module', source: readFileSync(entry.stored, 'utf8'), shortCircuit: true };
    if (isTypeScript(file)) {
      const format = moduleFormat(file);
      // CommonJS TypeScript is compiled by the require hook (require-policy.js) that the CommonJS loader calls.
      if (format === 'commonjs') return { format: 'commonjs', shortCircuit: true };
      return { format: 'module', source: transpiled(file, 'module', scope?.cacheDir), shortCircuit: true };
    }
  }
  return nextLoad(url, context);
}
