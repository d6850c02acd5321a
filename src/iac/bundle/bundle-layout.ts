/**
 * Where a handler's bundle goes inside its bundle folder, and the Handler Lambda is given for it: the handler's own
 * path, relative to the folder handler paths are relative to, so `src/app.handler` stays `src/app.handler` and
 * `handlers.ts#connectWorld` becomes `handlers.connectWorld`.
 */
import { basename, dirname, extname, relative, sep } from 'node:path';

export type ModuleFormat = 'commonjs' | 'module';

export interface BundleLayout {
  /** The bundle's file inside the bundle folder, with `/` separators: `src/app.js`, `handlers.mjs`. */
  file: string;
  /** Lambda's Handler: the file without its extension, a dot, the export path. */
  handler: string;
}

/**
 * ES modules are written as `.mjs`, which Node.js loads as an ES module whatever package.json says (so the bundle
 * needs none). CommonJS is written as `.js`, or `.cjs` when the bundle folder's package.json (shipped as an asset)
 * says `"type": "module"` and `.js` would be read as an ES module.
 */
export function bundleExtension(format: ModuleFormat, typeOfPackage: 'module' | 'commonjs'): '.mjs' | '.js' | '.cjs' {
  if (format === 'module') return '.mjs';
  return typeOfPackage === 'module' ? '.cjs' : '.js';
}

/** `undefined` when the handler's file lies outside `base`: a bundle folder cannot hold it at its own path. */
export function bundleLayout(base: string, sourceFile: string, exportPath: readonly string[], extension: string): BundleLayout | undefined {
  const fromBase = relative(base, sourceFile);
  if (fromBase === '' || fromBase.startsWith('..')) return undefined;
  const folder = dirname(fromBase);
  const stem = basename(fromBase, extname(fromBase));
  const modulePath = (folder === '.' ? stem : `${folder}/${stem}`).split(sep).join('/');
  return { file: `${modulePath}${extension}`, handler: `${modulePath}.${exportPath.join('.')}` };
}
