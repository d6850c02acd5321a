// @ts-check
/**
 * Finds and loads a handler as the Node.js Lambda runtime does: the handler string (`src/app.handler`, or
 * Hoplite's `app.ts#handler`), the file by Lambda's extension order, CommonJS or ES module as Node decides, the
 * export by its dotted path, and each failure with the runtime's error type and message.
 * Plain JavaScript: environment bootstraps load it without the TypeScript loader; the gateway uses it to check
 * definitions at start.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** @typedef {import('./handler-runtime.js').LambdaError} LambdaError */

/**
 * Where a handler lives once found.
 * @typedef {{ file: string, format: 'module' | 'commonjs', exportPath: string[] }} HandlerLocation
 */

// The runtime's own expressions (UserFunction.js of the Node.js runtime interface client).
const FUNCTION_EXPR = /^([^.]*)\.(.*)$/;
const RELATIVE_PATH_SUBSTRING = '..';

/** Extensions Lambda tries, in its order; then the TypeScript ones Hoplite adds. */
const TYPESCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts'];
export const SOURCE_EXTENSIONS = ['.js', '.mjs', '.cjs', ...TYPESCRIPT_EXTENSIONS];

/**
 * A runtime error of the Node.js runtime: `Runtime.<name>`.
 * @param {string} name
 * @param {string} message
 * @param {string[]} [trace]
 * @returns {LambdaError}
 */
function runtimeError(name, message, trace = []) {
  return { errorType: `Runtime.${name}`, errorMessage: message, trace };
}

/**
 * The handler string split as the runtime splits it, or the MalformedHandlerName error it raises.
 * `file.ext#export` is Hoplite's own form (an explicit file); everything else is Lambda's `path/module.export`.
 * @param {string} handler
 * @returns {{ ok: true, moduleRoot: string, module: string, exportPath: string[], explicitFile: boolean } | { ok: false, error: LambdaError }}
 */
export function parseHandlerString(handler) {
  const hash = handler.lastIndexOf('#');
  if (hash !== -1) {
    const file = handler.slice(0, hash);
    const name = handler.slice(hash + 1);
    if (file === '' || name === '') return { ok: false, error: runtimeError('MalformedHandlerName', 'Bad handler') };
    return { ok: true, moduleRoot: dirname(file), module: basename(file), exportPath: name.split('.'), explicitFile: true };
  }
  // A source file named without an export: Hoplite's form, the export is `handler`.
  if (SOURCE_EXTENSIONS.includes(extname(handler))) {
    return { ok: true, moduleRoot: dirname(handler), module: basename(handler), exportPath: ['handler'], explicitFile: true };
  }
  if (handler.includes(RELATIVE_PATH_SUBSTRING)) {
    return {
      ok: false,
      error: runtimeError(
        'MalformedHandlerName',
        `'${handler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
      ),
    };
  }
  const moduleAndHandler = basename(handler);
  const match = moduleAndHandler.match(FUNCTION_EXPR);
  if (!match) return { ok: false, error: runtimeError('MalformedHandlerName', 'Bad handler') };
  const moduleRoot = handler.slice(0, handler.length - moduleAndHandler.length);
  return { ok: true, moduleRoot, module: /** @type {string} */ (match[1]), exportPath: /** @type {string} */ (match[2]).split('.'), explicitFile: false };
}

/** @param {string} path */
function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** @type {Map<string, string | undefined>} */
const packageTypes = new Map();

/**
 * The `type` of the package.json nearest to `file`, as Node reads it to decide what a `.js` file is.
 * @param {string} file
 * @returns {string | undefined}
 */
export function packageType(file) {
  const dir = dirname(file);
  if (packageTypes.has(dir)) return packageTypes.get(dir);
  let type;
  const manifest = join(dir, 'package.json');
  if (existsSync(manifest)) {
    try {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8'));
      type = typeof parsed.type === 'string' ? parsed.type : 'commonjs';
    } catch {
      type = 'commonjs';
    }
  } else {
    type = dirname(dir) === dir ? 'commonjs' : packageType(dir);
  }
  packageTypes.set(dir, type);
  return type;
}

/**
 * CommonJS or ES module, as Node decides: by extension, then by the nearest package.json's `type`.
 * @param {string} file
 * @returns {'module' | 'commonjs'}
 */
export function moduleFormat(file) {
  const extension = extname(file);
  if (extension === '.mjs' || extension === '.mts') return 'module';
  if (extension === '.cjs' || extension === '.cts') return 'commonjs';
  return packageType(file) === 'module' ? 'module' : 'commonjs';
}

/**
 * Forgets what package.json files said (they may have changed before a reload).
 */
export function forgetPackageTypes() {
  packageTypes.clear();
}

/**
 * The handler's file and export, found as the runtime finds them: the module path as a file, then with `.js`,
 * `.mjs`, `.cjs`, then Hoplite's `.ts`, `.mts`, `.cts`.
 * @param {string} handler the handler string
 * @param {string} base the folder handler paths are relative to
 * @returns {{ ok: true, location: HandlerLocation } | { ok: false, error: LambdaError, candidates?: string[] }}
 */
export function locateHandler(handler, base) {
  const parsed = parseHandlerString(handler);
  if (!parsed.ok) return parsed;
  const stem = resolve(base, parsed.moduleRoot, parsed.module);
  const candidates = parsed.explicitFile ? [stem] : [stem, ...SOURCE_EXTENSIONS.map((extension) => stem + extension)];
  const file = candidates.find(isFile);
  if (!file) {
    // The runtime's message once every attempt has failed.
    return { ok: false, error: runtimeError('ImportModuleError', `Error: Cannot find module '${parsed.module}'`), candidates };
  }
  return { ok: true, location: { file, format: moduleFormat(file), exportPath: parsed.exportPath } };
}

/**
 * The runtime's error for a module that failed to load: a syntax error, a module that cannot be found, or the
 * error the module's own code threw.
 * @param {unknown} error
 * @param {(error: unknown) => LambdaError} toLambdaError
 * @returns {LambdaError}
 */
export function loadError(error, toLambdaError) {
  const trace = toLambdaError(error).trace;
  if (error instanceof SyntaxError) return runtimeError('UserCodeSyntaxError', `SyntaxError: ${error.message}`, trace);
  // A TypeScript file that does not compile (esbuild's error, from Hoplite's compiler or a loader such as tsx).
  const compileErrors = /** @type {{ errors?: Array<{ text: string, location?: { file: string, line: number, column: number } }> }} */ (error)?.errors;
  if (/** @type {Error} */ (error)?.name === 'TransformError') {
    const first = compileErrors?.[0];
    const where = first?.location ? ` (${first.location.file}:${first.location.line}:${first.location.column + 1})` : '';
    // Without the structured errors, the message's second line is the first error: `file:line:col: ERROR: text`.
    const message = /** @type {Error} */ (error).message;
    const detail = first ? `${first.text}${where}` : (message.split('\n')[1] ?? message).replace(/^(.*?): ERROR: (.*)$/, '$2 ($1)');
    return runtimeError('UserCodeSyntaxError', `SyntaxError: ${detail}`, trace);
  }
  const code = /** @type {{ code?: string }} */ (error)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    return runtimeError('ImportModuleError', `Error: ${/** @type {Error} */ (error).message}`, trace);
  }
  return toLambdaError(error);
}

/**
 * Loads the module and walks to the export: ES modules by `import()` (with `query`, for a fresh instance), CommonJS
 * by `require()` (through `requireFrom`, which may keep its own module cache).
 * @param {string} handler the handler string, as error messages name it
 * @param {HandlerLocation} location
 * @param {{ query?: string, requireModule?: (file: string) => unknown, toLambdaError: (error: unknown) => LambdaError }} options
 * @returns {Promise<{ ok: true, handler: Function } | { ok: false, error: LambdaError }>}
 */
export async function loadHandler(handler, location, options) {
  /** @type {unknown} */
  let loaded;
  try {
    if (location.format === 'module') {
      loaded = await import(`${pathToFileURL(location.file).href}${options.query ?? ''}`);
    } else {
      loaded = options.requireModule ? options.requireModule(location.file) : createRequire(location.file)(location.file);
    }
  } catch (error) {
    return { ok: false, error: loadError(error, options.toLambdaError) };
  }
  /** @type {any} */
  let candidate = loaded;
  for (const key of location.exportPath) candidate = candidate == null ? undefined : candidate[key];
  const name = displayName(handler);
  if (candidate === undefined) return { ok: false, error: runtimeError('HandlerNotFound', `${name} is undefined or not exported`) };
  if (typeof candidate !== 'function') return { ok: false, error: runtimeError('HandlerNotFound', `${name} is not a function`) };
  return { ok: true, handler: candidate };
}

/**
 * How the runtime names a handler in its messages: the handler string as configured (`app.handler`); Hoplite's
 * `file.ts#name` form as the module and export (`handlers.name`).
 * @param {string} handler
 */
export function displayName(handler) {
  const parsed = parseHandlerString(handler);
  if (!parsed.ok || !parsed.explicitFile) return handler;
  return `${basename(parsed.module, extname(parsed.module))}.${parsed.exportPath.join('.')}`;
}
