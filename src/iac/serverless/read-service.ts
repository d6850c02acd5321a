/**
 * Reads a serverless service from disk: finds the file as the Framework does, parses YAML/JSON with positions or
 * imports serverless.ts/.js (the configuration object it exports, possibly a promise), resolves its variables
 * and normalises it. The only part of this folder that does I/O.
 */
import { randomUUID } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HopliteError, isHopliteError } from '../../errors.ts';
import { normaliseService } from './normalise-service.ts';
import { parseServerlessText } from './parse-document.ts';
import type { PositionMap } from './positions.ts';
import { resolveVariables } from './resolve-variables.ts';
import type { LocatedIssue } from './serverless-error.ts';
import type { ServerlessService } from './types.ts';
import type { ServiceFiles } from './variable-context.ts';

/** The names the Framework looks for in a service directory, in its order. */
export const SERVERLESS_FILE_NAMES = [
  'serverless.yml',
  'serverless.yaml',
  'serverless.json',
  'serverless.js',
  'serverless.cjs',
  'serverless.mjs',
  'serverless.ts',
];

const DATA_EXTENSIONS = new Set(['.yml', '.yaml', '.json']);
const MODULE_EXTENSIONS = new Set(['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts']);

export interface ReadServerlessOptions {
  /** Directory messages are relative to. @default process.cwd() */
  cwd?: string;
  /** CLI options (`stage`, `region`, any other) as `${opt:...}` reads them. */
  options?: Record<string, unknown>;
  /** `--param "name=value"` values. */
  params?: Record<string, string>;
  /** @default process.env */
  env?: Record<string, string | undefined>;
  /** Values for `${cf:...}`, `${ssm:...}`, `${aws:...}`, `${s3:...}`, keyed `cf:stack.Output`. */
  overrides?: Record<string, unknown>;
  /** The value of `${sls:instanceId}`. @default a random UUID */
  instanceId?: string;
}

/** The configuration as read, before its variables are resolved. */
export interface LoadedServerlessFile {
  /** Absolute path of the file. */
  path: string;
  /** The path as messages name it. */
  file: string;
  serviceDir: string;
  configuration: unknown;
  positions: PositionMap;
  warnings: LocatedIssue[];
}

/** Reads `path` (a serverless file, or a directory holding one) into a ServerlessService. */
export async function readServerlessService(path: string, settings: ReadServerlessOptions = {}): Promise<ServerlessService> {
  return (await readServerlessServiceAt(path, settings)).service;
}

/** The service and where each of its properties was written, for the messages of what reads it further. */
export async function readServerlessServiceAt(
  path: string,
  settings: ReadServerlessOptions = {},
): Promise<{ service: ServerlessService; positions: PositionMap }> {
  const loaded = await loadServerlessFile(path, settings.cwd);
  const options = settings.options ?? {};
  const configuration = await resolveVariables(loaded.configuration, loaded.positions, {
    file: loaded.file,
    serviceDir: loaded.serviceDir,
    options,
    params: settings.params ?? {},
    env: settings.env ?? process.env,
    overrides: settings.overrides ?? {},
    instanceId: settings.instanceId ?? randomUUID(),
    files: diskFiles,
  });
  const service = normaliseService({ configuration, positions: loaded.positions, file: loaded.file, serviceDir: loaded.serviceDir, options });
  return { service: { ...service, warnings: [...loaded.warnings, ...service.warnings] }, positions: loaded.positions };
}

export async function loadServerlessFile(path: string, cwd = process.cwd()): Promise<LoadedServerlessFile> {
  const absolute = await findServiceFile(resolve(cwd, path), cwd);
  const file = relative(cwd, absolute) || basename(absolute);
  const serviceDir = dirname(absolute);
  const extension = extname(absolute);
  if (DATA_EXTENSIONS.has(extension)) {
    const { value, positions, warnings } = parseServerlessText(await readFile(absolute, 'utf8'), file);
    return { path: absolute, file, serviceDir, configuration: value, positions, warnings };
  }
  if (!MODULE_EXTENSIONS.has(extension)) {
    throw new HopliteError('HOPLITE_ERR_CONFIG_LOAD', `${file}: expected a serverless file ending in .yml, .yaml, .json, .js, .cjs, .mjs or .ts`);
  }
  let configuration: unknown;
  try {
    configuration = await exportedValue(await importModule(absolute));
  } catch (error) {
    if (isHopliteError(error)) throw error;
    throw new HopliteError('HOPLITE_ERR_CONFIG_LOAD', `${file}: could not be loaded: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  if (typeof configuration !== 'object' || configuration === null || Array.isArray(configuration)) {
    throw new HopliteError(
      'HOPLITE_ERR_CONFIG_LOAD',
      `${file}: expected the configuration object as its export, got ${configuration === undefined ? 'no export' : typeof configuration}`,
    );
  }
  return { path: absolute, file, serviceDir, configuration, positions: new Map(), warnings: [] };
}

/** A file path as given, or the first of SERVERLESS_FILE_NAMES in a directory. */
async function findServiceFile(path: string, cwd: string): Promise<string> {
  const isFile = MODULE_EXTENSIONS.has(extname(path)) || DATA_EXTENSIONS.has(extname(path));
  const candidates = isFile ? [path] : SERVERLESS_FILE_NAMES.map((name) => resolve(path, name));
  for (const candidate of candidates) if (await exists(candidate)) return candidate;
  const shown = relative(cwd, path) || '.';
  throw new HopliteError('HOPLITE_ERR_CONFIG_LOAD', `${shown}: no serverless file found (looked for ${isFile ? shown : SERVERLESS_FILE_NAMES.join(', ')})`);
}

/** TypeScript through tsx's scoped loader, as src/cli/load-service.ts loads definitions; JavaScript as Node.js imports it. */
async function importModule(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  if (/\.[cm]?ts$/.test(path)) {
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
  return (await import(url)) as Record<string, unknown>;
}

/**
 * The configuration a module exports: `export default`, or `module.exports` (which Node.js hands over as the
 * default, marked `__esModule` when compiled from TypeScript), awaited when it is a promise.
 */
async function exportedValue(exports: Record<string, unknown>): Promise<unknown> {
  let value: unknown = 'default' in exports ? exports.default : exports;
  const compiled = value as { __esModule?: unknown; default?: unknown } | null;
  if (compiled && typeof compiled === 'object' && compiled.__esModule === true && 'default' in compiled) value = compiled.default;
  return await value;
}

/** `${file(...)}` on disk: a missing file is undefined, so the variable can fall back. */
export const diskFiles: ServiceFiles = {
  async readText(path) {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  async importModule(path) {
    if (!(await exists(path))) return undefined;
    return exportedValue(await importModule(path));
  },
};

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
