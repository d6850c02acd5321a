/** `hoplite synth [entry]`: writes what a deployment uploads (the template, each function's bundle, a manifest) without touching AWS. */
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HopliteError } from '../errors.ts';
import { type Artifacts, buildArtifacts, stackNameFor } from '../iac/ship/index.ts';
import { consoleLog } from '../internal/log.ts';
import { helpEntry } from '../options/index.ts';
import { IMPORT_FLAG_HELP, takeImportFlags } from './import-flags.ts';
import type { CliIo } from './io.ts';
import { loadService } from './load-service.ts';
import { checkStackName } from './stack-options.ts';
import { splitTemplateFlags, TEMPLATE_FLAG_HELP } from './template-flags.ts';

/** Where the output goes without `--out`, under the folder the command runs in. */
export const DEFAULT_SYNTH_DIR = join('.hoplite', 'synth');

export const SYNTH_USAGE = [
  'Usage: hoplite synth [entry] [options]',
  '',
  'Writes what a deployment of the service uploads, touching nothing in AWS: a CloudFormation template, one zip per',
  'function (bundled with esbuild, the AWS SDK v3 left to the runtime) and a manifest.json listing them. The entry is',
  'found as hoplite dev finds it: hoplite.config.ts, then template.yaml/.yml/.json, then serverless.yml.',
  '',
  'Options:',
  helpEntry('--stack-name <name>', "the stack's name, and a template's AWS::StackName (default: the service's name as a stack name)"),
  helpEntry('--out <dir>', 'the output folder, emptied first (default: .hoplite/synth/<stack>/)'),
  ...TEMPLATE_FLAG_HELP.filter((entry) => !entry.trimStart().startsWith('--stack-name')),
  ...IMPORT_FLAG_HELP,
  helpEntry('-h, --help', 'show this help'),
].join('\n');

export async function runSynth(argv: string[], io: CliIo, cwd: string): Promise<number> {
  const template = splitTemplateFlags(argv);
  const imported = takeImportFlags(template.argv);
  const { values, positionals } = parseArgs({
    args: imported.rest,
    options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout.write(`${SYNTH_USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1) {
    throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `expected at most one entry, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  const given = template.options.stackName === undefined ? undefined : checkStackName(template.options.stackName);
  const loaded = await loadService(positionals[0], cwd, { ...template.options, ...imported.options });
  const log = consoleLog({ stdout: io.stdout, stderr: io.stderr });
  for (const warning of loaded.warnings) log.warn(warning);
  const stackName = given ?? stackNameFor(loaded.model.name);
  const outDir = resolve(cwd, values.out ?? join(DEFAULT_SYNTH_DIR, stackName));
  const artifacts = await buildArtifacts(loaded.model, {
    source: loaded.displayPath,
    rootDir: loaded.model.rootDir ?? dirname(loaded.file),
    outDir,
    stackName,
    warn: (message) => log.warn(message),
  });
  io.stdout.write(`${describeArtifacts(loaded.model.name, loaded.displayPath, artifacts, cwd).join('\n')}\n`);
  return 0;
}

/** What was written, as `hoplite dev` prints what it runs: the service, then one indented line per part. */
export function describeArtifacts(serviceName: string, displayPath: string, artifacts: Artifacts, cwd: string): string[] {
  const shown = (path: string) => relative(cwd, path) || path;
  const resources = Object.keys(artifacts.template.Resources).length;
  const lines = [
    `Hoplite synth: ${serviceName} (${displayPath})`,
    `  Stack: ${artifacts.stackName}`,
    `  Template: ${shown(artifacts.templateFile)}  (${resources} ${resources === 1 ? 'resource' : 'resources'})`,
  ];
  if (artifacts.bundles.length > 0) lines.push('  Functions:');
  for (const bundle of artifacts.bundles) {
    const format = bundle.format === 'module' ? 'ES module' : 'CommonJS';
    lines.push(`    ${bundle.function}: ${shown(bundle.zipFile)}  (${formatBytes(bundle.bytes)}, ${format}, Handler ${bundle.handler})`);
  }
  return lines;
}

/** `812 B`, `14.2 KiB`, `3.1 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
