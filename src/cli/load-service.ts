/** Loads a service definition file (TypeScript or JavaScript) and returns its validated model. */
import { access } from 'node:fs/promises';
import { dirname, extname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isServiceDefinition } from '../define/index.ts';
import { HopliteError, isHopliteError } from '../errors.ts';
import { type ServiceModel, validateService } from '../model/index.ts';
import type { DefinitionFormat, ImportOptions } from './definition-format.ts';
import { SERVERLESS_FORMAT } from './serverless-format.ts';
import { templateFormat } from './template-format.ts';

export type { DefinitionFormat, ImportedService, ImportOptions } from './definition-format.ts';

export const DEFAULT_ENTRY = 'hoplite.config.ts';

/**
 * How each accepted extension is imported: JavaScript as Node.js imports it, TypeScript through tsx's scoped
 * loader (loaded on first use), which works whether or not this process runs with a TypeScript loader.
 */
const IMPORTERS: Record<string, (url: string) => Promise<unknown>> = {
  '.ts': importTypeScript,
  '.mts': importTypeScript,
  '.js': (url) => import(url),
  '.mjs': (url) => import(url),
};

async function importTypeScript(url: string): Promise<unknown> {
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(url, import.meta.url);
}

export interface LoadedService {
  model: ServiceModel;
  /** Absolute path of the definition file. */
  file: string;
  /** The path as the user should read it in messages. */
  displayPath: string;
  /** What the format's importer ignored on purpose, one line each (`file:line:column: path: message`). */
  warnings: readonly string[];
  /** The port of the first API the format's users expect when `--port` is not given (serverless-offline's). */
  devPort?: number;
}

/** The other formats, tried in this order: serverless.yml before the templates, as both end in .yml or .json. */
const FORMATS: readonly DefinitionFormat[] = [SERVERLESS_FORMAT, templateFormat];

/** With no entry, the first of these that exists: the builder's files, then a template, then a serverless.yml. */
const DEFAULT_NAMES = [
  ...Object.keys(IMPORTERS).map((extension) => `hoplite.config${extension}`),
  ...templateFormat.defaultNames,
  ...SERVERLESS_FORMAT.defaultNames,
];

async function defaultEntry(cwd: string): Promise<string> {
  for (const name of DEFAULT_NAMES) {
    try {
      await access(resolve(cwd, name));
      return name;
    } catch {}
  }
  return DEFAULT_ENTRY;
}

export async function loadService(entry: string | undefined, cwd: string, options: ImportOptions = {}): Promise<LoadedService> {
  const file = resolve(cwd, entry ?? (await defaultEntry(cwd)));
  const displayPath = relative(cwd, file) || file;
  try {
    await access(file);
  } catch {
    const hint = entry ? '' : `; pass the definition file, e.g. hoplite dev path/to/${DEFAULT_ENTRY}`;
    throw new HopliteError('HOPLITE_ERR_CONFIG_LOAD', `${displayPath}: file not found${hint}`);
  }
  const format = FORMATS.find((candidate) => candidate.accepts(file));
  if (format) return { ...(await format.load(file, displayPath, options, cwd)), file, displayPath };
  const importer = IMPORTERS[extname(file)];
  if (!importer) {
    const accepted = Object.keys(IMPORTERS);
    const list = `${accepted.slice(0, -1).join(', ')} or ${accepted.at(-1)}`;
    const others = FORMATS.map((other) => `, or ${other.description}`).join('');
    throw new HopliteError('HOPLITE_ERR_CONFIG_LOAD', `${displayPath}: expected a definition file ending in ${list}${others}`);
  }
  let exports: Record<string, unknown>;
  try {
    exports = (await importer(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    if (isHopliteError(error)) throw error;
    throw new HopliteError('HOPLITE_ERR_CONFIG_LOAD', `${displayPath}: could not be loaded: ${(error as Error).message}`, { cause: error });
  }
  const definition = defaultExport(exports);
  const raw = isServiceDefinition(definition) ? definition.toModel() : definition;
  if (typeof raw !== 'object' || raw === null) {
    throw new HopliteError(
      'HOPLITE_ERR_CONFIG_LOAD',
      `${displayPath}: expected a default export made with service() from 'hoplite', got ${raw === undefined ? 'no default export' : typeof raw}`,
    );
  }
  const model = validateService({ ...raw, rootDir: (raw as ServiceModel).rootDir ?? dirname(file) }, displayPath);
  return { model, file, displayPath, warnings: [] };
}

/**
 * The module's default export. A TypeScript file in a CommonJS package is compiled to CommonJS, whose
 * `exports.default` Node.js hands over as the `default` of an object marked `__esModule`: unwrap it.
 */
function defaultExport(exports: Record<string, unknown>): unknown {
  const value = exports.default;
  if (typeof value !== 'object' || value === null || isServiceDefinition(value)) return value;
  const commonJs = value as { __esModule?: unknown; default?: unknown };
  return commonJs.__esModule === true && 'default' in commonJs ? commonJs.default : value;
}
