/** Loads a service definition file (TypeScript or JavaScript) and returns its validated model. */
import { access } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isServiceDefinition } from '../define/index.ts';
import { HopliteError, isHopliteError } from '../errors.ts';
import { type ServiceModel, validateService } from '../model/index.ts';

export const DEFAULT_ENTRY = 'hoplite.config.ts';

export interface LoadedService {
  model: ServiceModel;
  /** Absolute path of the definition file. */
  file: string;
  /** The path as the user should read it in messages. */
  displayPath: string;
}

export async function loadService(entry: string | undefined, cwd: string): Promise<LoadedService> {
  const file = resolve(cwd, entry ?? DEFAULT_ENTRY);
  const displayPath = relative(cwd, file) || file;
  try {
    await access(file);
  } catch {
    const hint = entry ? '' : `; pass the definition file, e.g. hoplite dev path/to/${DEFAULT_ENTRY}`;
    throw new HopliteError('HOPLITE_ERR_CONFIG_LOAD', `${displayPath}: file not found${hint}`);
  }
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    if (isHopliteError(error)) throw error;
    throw new HopliteError('HOPLITE_ERR_CONFIG_LOAD', `${displayPath}: could not be loaded: ${(error as Error).message}`, { cause: error });
  }
  const definition = exports.default;
  const raw = isServiceDefinition(definition) ? definition.toModel() : definition;
  if (typeof raw !== 'object' || raw === null) {
    throw new HopliteError(
      'HOPLITE_ERR_CONFIG_LOAD',
      `${displayPath}: expected a default export made with service() from 'hoplite', got ${raw === undefined ? 'no default export' : typeof raw}`,
    );
  }
  const model = validateService({ ...raw, rootDir: (raw as ServiceModel).rootDir ?? dirname(file) }, displayPath);
  return { model, file, displayPath };
}
