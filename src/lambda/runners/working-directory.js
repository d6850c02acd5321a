// @ts-check
/**
 * `process.cwd()` is the function's code root, as on Lambda (`/var/task`), and relative paths given to `fs` resolve
 * from it. A worker thread cannot change the process's directory and the in-process runner must not, so both
 * answer for the code running now instead. (Child processes really start in the code root.)
 * Plain JavaScript: environment bootstraps load it without the TypeScript loader.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { isAbsolute, resolve } from 'node:path';

/** The fs functions whose second argument is a path too. */
const TWO_PATHS = new Set(['rename', 'renameSync', 'copyFile', 'copyFileSync', 'link', 'linkSync', 'cp', 'cpSync']);

/**
 * @param {Function} original
 * @param {string} name
 * @param {() => string | undefined} current
 */
function relativeToCodeRoot(original, name, current) {
  /** @this {unknown} */
  const wrapped = function (/** @type {unknown[]} */ ...args) {
    const dir = current();
    if (dir !== undefined) {
      if (typeof args[0] === 'string' && !isAbsolute(args[0])) args[0] = resolve(dir, args[0]);
      if (TWO_PATHS.has(name) && typeof args[1] === 'string' && !isAbsolute(args[1])) args[1] = resolve(dir, args[1]);
    }
    return original.apply(this, args);
  };
  // Keep what hangs off the function (realpathSync.native, util.promisify.custom).
  for (const key of Reflect.ownKeys(original)) {
    if (key === 'length' || key === 'name' || key === 'prototype') continue;
    const descriptor = Reflect.getOwnPropertyDescriptor(original, key);
    if (descriptor) Reflect.defineProperty(wrapped, key, descriptor);
  }
  return wrapped;
}

/**
 * @param {Record<string, unknown>} target
 * @param {() => string | undefined} current
 */
function wrapPathFunctions(target, current) {
  for (const [name, value] of Object.entries(target)) {
    // Classes (ReadStream, Dirent, …) and fd-only functions are left alone; the wrapper only touches string paths.
    if (typeof value !== 'function' || /^[A-Z]/.test(name) || name.startsWith('_')) continue;
    target[name] = relativeToCodeRoot(value, name, current);
  }
}

let installed = false;

/**
 * @param {() => string | undefined} current the code root of the code running now (undefined: the host's own code)
 */
export function installWorkingDirectory(current) {
  if (installed) return;
  installed = true;
  const cwd = process.cwd;
  process.cwd = () => current() ?? cwd.call(process);
  wrapPathFunctions(/** @type {any} */ (fs), current);
  wrapPathFunctions(/** @type {any} */ (fs.promises), current);
  syncBuiltinESMExports();
}
