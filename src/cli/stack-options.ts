/** What provision, status and delete share on the command line: the stack's name, `K=V` lists, and the polling pace. */
import { HopliteError } from '../errors.ts';
import { isStackName, stackNameFor } from '../iac/ship/index.ts';
import { loadService } from './load-service.ts';

/** How often the stack commands poll CloudFormation, and their clock; tests make them fast and deterministic. */
export interface StackPolling {
  pollIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  clock?: () => number;
}

/** `--parameter Stage=v1 --parameter Key=a=b` as `{ Stage: 'v1', Key: 'a=b' }`. */
export function parseKeyValues(flag: string, entries: readonly string[] | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const entry of entries ?? []) {
    const at = entry.indexOf('=');
    if (at <= 0) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--${flag}: expected KEY=VALUE, got "${entry}"`);
    record[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return record;
}

export function checkStackName(name: string): string {
  if (!isStackName(name)) {
    throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--stack-name: expected a letter, then letters, digits and hyphens (at most 128), got "${name}"`);
  }
  return name;
}

/** `--stack-name`, else the name of the service the entry (or the folder's default definition) defines. */
export async function stackNameOf(flag: string | undefined, entry: string | undefined, cwd: string): Promise<string> {
  if (flag !== undefined) return checkStackName(flag);
  const { model } = await loadService(entry, cwd);
  return stackNameFor(model.name);
}
