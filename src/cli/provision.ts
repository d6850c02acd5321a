/** `hoplite provision`: builds the service's template and bundles, uploads them and creates or updates its stack. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { HopliteError } from '../errors.ts';
import { createAwsClients, explainAwsError, provisionStack, type Shipment, sdkRegion } from '../iac/provision/index.ts';
import { stackNameFor } from '../iac/ship/index.ts';
import type { ServiceModel } from '../model/index.ts';
import { IMPORT_FLAG_HELP, takeImportFlags } from './import-flags.ts';
import type { CliIo } from './io.ts';
import { loadService } from './load-service.ts';
import { checkStackName, parseKeyValues, type StackPolling } from './stack-options.ts';
import { splitTemplateFlags, TEMPLATE_FLAG_HELP } from './template-flags.ts';

export const PROVISION_USAGE = `Usage: hoplite provision --s3-bucket <bucket> [options] [entry]

Builds the service (its CloudFormation template and one zip per function), uploads what the bucket lacks, then
creates or updates its stack through a change set, printing the stack's events as they come, its outputs and
how long each step took. Credentials and region come from the AWS SDK's standard chain (environment, profiles,
SSO). An update with nothing to change is not an error.

Options:
      --s3-bucket <bucket>  the artifact bucket, in the stack's region (required)
      --noop                build and print what would be uploaded and created; call nothing in AWS
      --stack-name <name>   the stack (default: the service's name)
      --region <region>     the AWS region (default: AWS_REGION or the profile's region)
      --parameter <K=V>     a template parameter, repeatable (ArtifactBucket is set from --s3-bucket)
      --tag <K=V>           a stack tag, repeatable; CloudFormation tags the resources with it too
  -h, --help                show this help

The entry's own flags, as hoplite dev takes them:
${[...TEMPLATE_FLAG_HELP.filter((entry) => !entry.trimStart().startsWith('--stack-name')), ...IMPORT_FLAG_HELP.filter((entry) => !entry.trimStart().startsWith('--region'))].join('\n')}`;

/** What the build step gives back: the template on disk and one zip per function. */
export interface BuiltArtifacts {
  stackName: string;
  template: unknown;
  templateFile: string;
  bundles: Array<{ function: string; s3Key: string; zipFile: string; sha256: string; bytes: number }>;
}

export interface BuildOptions {
  source: string;
  rootDir: string;
  outDir: string;
  stackName: string;
  /** Receives what the build leaves out on purpose (a site, a function's layers), one line each. */
  warn: (message: string) => void;
}

/** The build step (`buildArtifacts` of src/iac/ship/), injected. */
export type BuildArtifacts = (model: ServiceModel, options: BuildOptions) => BuiltArtifacts | Promise<BuiltArtifacts>;

/** Where the build writes, as `hoplite synth` does. */
export function synthOutDir(cwd: string, stackName: string): string {
  return join(cwd, '.hoplite', 'synth', stackName);
}

/** The built artifacts as a shipment: the template as written, under a key that changes only when it does. */
export async function shipmentFromArtifacts(
  artifacts: BuiltArtifacts,
  settings: Pick<Shipment, 'region' | 'bucket' | 'parameters' | 'tags' | 'noop'>,
): Promise<Shipment> {
  const templateBody = await readFile(artifacts.templateFile, 'utf8');
  const hash = createHash('sha256').update(templateBody).digest('hex').slice(0, 16);
  return {
    ...settings,
    stackName: artifacts.stackName,
    templateBody,
    templateKey: `${artifacts.stackName}/template-${hash}.json`,
    uploads: artifacts.bundles.map((bundle) => ({ key: bundle.s3Key, file: bundle.zipFile, bytes: bundle.bytes })),
  };
}

/** The region `--noop` plans with when none is set: the plan calls nothing, so any region serves. */
const NOOP_FALLBACK_REGION = 'us-east-1';

export async function runProvision(argv: string[], io: CliIo, cwd: string, build: BuildArtifacts, polling: StackPolling = {}): Promise<number> {
  // The entry's own flags (a template's --parameter-overrides, a serverless.yml's --stage), as hoplite dev takes them;
  // --stack-name and --region mean the same for the entry and for the stack.
  const template = splitTemplateFlags(argv);
  const imported = takeImportFlags(template.argv);
  const { values, positionals } = parseArgs({
    args: imported.rest,
    allowPositionals: true,
    strict: true,
    options: {
      's3-bucket': { type: 'string' },
      noop: { type: 'boolean' },
      parameter: { type: 'string', multiple: true },
      tag: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(`${PROVISION_USAGE}\n`);
    return 0;
  }
  const bucket = values['s3-bucket'];
  if (!bucket) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', '--s3-bucket: expected the name of the artifact bucket, got nothing');
  if (positionals.length > 1)
    throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `expected at most one entry, got ${positionals.length}: ${positionals.join(' ')}`);
  const parameters = parseKeyValues('parameter', values.parameter);
  const tags = parseKeyValues('tag', values.tag);
  const noop = values.noop ?? false;
  const log = (line: string) => io.stdout.write(`${line}\n`);

  const regionFlag = imported.options.region as string | undefined;
  let region = regionFlag || (await sdkRegion());
  if (!region && !noop) {
    throw new HopliteError('HOPLITE_ERR_SHIP_PRECONDITION', 'no AWS region: pass --region, set AWS_REGION, or set a region in your AWS profile');
  }
  if (!region) {
    log(`No AWS region is set; the plan assumes ${NOOP_FALLBACK_REGION}`);
    region = NOOP_FALLBACK_REGION;
  }

  const loaded = await loadService(positionals[0], cwd, { ...template.options, ...imported.options });
  const warn = (message: string) => io.stderr.write(`warning: ${message}\n`);
  for (const warning of loaded.warnings) warn(warning);
  const stackName = template.options.stackName !== undefined ? checkStackName(template.options.stackName) : stackNameFor(loaded.model.name);
  const artifacts = await build(loaded.model, {
    source: loaded.displayPath,
    rootDir: loaded.model.rootDir ?? dirname(loaded.file),
    outDir: synthOutDir(cwd, stackName),
    stackName,
    warn,
  });
  const shipment = await shipmentFromArtifacts(artifacts, { region, bucket, parameters, tags, noop });
  const clients = createAwsClients(region, io.env);
  try {
    await provisionStack(shipment, { ...clients, log, ...polling });
    return 0;
  } catch (error) {
    throw explainAwsError(error);
  } finally {
    clients.cloudFormation.destroy();
    clients.s3.destroy();
  }
}
