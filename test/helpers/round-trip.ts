/**
 * The round trip `hoplite synth` then `hoplite dev template.json`: an example synthesized by the CLI into a folder
 * outside the repository, then that template loaded through the importer, as a deployment's template would be.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/io.ts';
import { type LoadedService, loadService } from '../../src/cli/load-service.ts';
import { main } from '../../src/cli/main.ts';
import type { ArtifactManifest } from '../../src/iac/ship/index.ts';
import { ids } from '../../src/iac/synth/context.ts';
import type { ServiceModel } from '../../src/model/index.ts';
import { modelDifferences } from './model-differences.ts';

export interface RoundTrip {
  /** The example as `hoplite dev <entry>` loads it. */
  original: LoadedService;
  /** The synthesized template as `hoplite dev template.json --stack-name <stack>` loads it. */
  imported: LoadedService;
  /** The synth output folder, in the system's temporary folder. */
  dir: string;
  stackName: string;
  /** What `hoplite synth` printed on stderr (its warnings). */
  synthWarnings: string;
  dispose(): Promise<void>;
}

function memoryIo(): CliIo & { err: () => string } {
  let err = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        append(chunk.toString());
        callback();
      },
    });
  return { stdin: new PassThrough(), stdout: sink(() => {}), stderr: sink((text) => (err += text)), env: {}, err: () => err };
}

/** `parameterOverrides` as `--parameter-overrides` takes them; the artifact bucket is only a name locally, as the code runs from the asset folders. */
export async function roundTrip(entry: string, parameterOverrides = 'ArtifactBucket=local-artifacts'): Promise<RoundTrip> {
  const root = process.cwd();
  const dir = await mkdtemp(join(tmpdir(), 'hoplite-round-trip-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const io = memoryIo();
    assert.equal(await main(['synth', entry, '--out', dir], io, root), 0, io.err());
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as ArtifactManifest;
    const original = await loadService(entry, root);
    const imported = await loadService(join(dir, 'template.json'), dir, { parameterOverrides, stackName: manifest.stackName });
    return { original, imported, dir, stackName: manifest.stackName, synthWarnings: io.err(), dispose };
  } catch (error) {
    // A failed round trip leaves no folder behind: the tests' `after` never sees it.
    await dispose();
    throw error;
  }
}

/**
 * The imported model with the names synthesis gave back to what the original calls them: a function's and a table's
 * logical id (`ids.function`, `ids.table`) wherever the model names it. Each statement's actions are sorted on both
 * sides, as synthesis sorts them so the same grants give the same bytes.
 */
function comparable(original: ServiceModel, imported: ServiceModel): [ServiceModel, ServiceModel] {
  const functions = new Map(original.functions.map((fn) => [ids.function(fn.name), fn.name]));
  const tables = new Map(original.tables.map((table) => [ids.table(table.name), table.name]));
  const sortActions = (_key: string, value: unknown) =>
    Array.isArray(value) && value.every((item) => typeof item === 'string' && item.includes(':')) ? [...value].sort() : value;
  const renamed = JSON.parse(JSON.stringify(imported), function rename(this: Record<string, unknown>, key, value) {
    if (typeof value !== 'string') return sortActions(key, value);
    if (key === 'function') return functions.get(value) ?? value;
    if (key === 'table') return tables.get(value) ?? value;
    if (key === 'name' && 'handler' in this) return functions.get(value) ?? value;
    if (key === 'name' && 'partitionKey' in this) return tables.get(value) ?? value;
    return value;
  });
  return [JSON.parse(JSON.stringify(original), sortActions), renamed];
}

/** What the round trip changed, after the renaming `comparable` undoes: one `path: original → round-tripped` line each. */
export function roundTripDifferences(trip: RoundTrip): string[] {
  const [original, imported] = comparable(trip.original.model, trip.imported.model);
  return modelDifferences(original, imported).map(
    (difference) => `${difference.path}: ${JSON.stringify(difference.original)} → ${JSON.stringify(difference.roundTripped)}`,
  );
}
