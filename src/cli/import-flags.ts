/**
 * The flags of definition formats other than the builder's (`--stage`, `--region`, `--param`, `--variable`), taken
 * out of `hoplite dev`'s arguments before its own flags are read: they are the importers' options, not the gateway's.
 */
import { HopliteError } from '../errors.ts';
import { helpEntry } from '../options/index.ts';
import type { ImportOptions } from './definition-format.ts';

export interface ImportFlags {
  /** What the importers read: `stage`, `region`, `params` and `variables` (name → value). */
  options: ImportOptions;
  /** The other arguments, in their order. */
  rest: string[];
  /** `--port` was given: the port an importer asks for (serverless-offline's) does not apply. */
  portGiven: boolean;
}

const SINGLE = ['stage', 'region'] as const;
const PAIRS = { param: 'params', variable: 'variables' } as const;

export const IMPORT_FLAG_HELP = [
  helpEntry('--stage <name>', 'serverless.yml: the stage, as ${opt:stage} and ${sls:stage} read it (default: provider.stage, else dev)'),
  helpEntry('--region <name>', 'serverless.yml: the region (default: provider.region, else us-east-1)'),
  helpEntry('--param <name=value>', "serverless.yml: a ${param:name} value (repeatable) (default: the file's params)"),
  helpEntry(
    '--variable <source=value>',
    "serverless.yml: the value of a ${cf:...}, ${ssm:...}, ${aws:...} or ${s3:...} variable, e.g. 'cf:auth.PoolId=local' (repeatable) (default: none)",
  ),
];

/** Printed after the flags: where a serverless.yml's APIs listen. */
export const IMPORT_PORT_NOTE = [
  "A serverless.yml's APIs take serverless-offline's ports unless --port is given: HTTP 3000, WebSocket 3001,",
  'Lambda 3002.',
].join('\n');

export function takeImportFlags(argv: readonly string[]): ImportFlags {
  const options: Record<string, unknown> = {};
  const pairs: Record<string, Record<string, string>> = { params: {}, variables: {} };
  const rest: string[] = [];
  let portGiven = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--') {
      rest.push(...argv.slice(index));
      break;
    }
    if (arg === '--port' || arg.startsWith('--port=')) portGiven = true;
    const match = /^--([a-z]+)(?:=(.*))?$/s.exec(arg);
    const name = match?.[1] as string | undefined;
    const isSingle = SINGLE.some((flag) => flag === name);
    const pairOf = name !== undefined && Object.hasOwn(PAIRS, name) ? PAIRS[name as keyof typeof PAIRS] : undefined;
    if (!match || (!isSingle && !pairOf)) {
      rest.push(arg);
      continue;
    }
    let value = match[2];
    if (value === undefined) {
      value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--${name}: expected a value`);
      index++;
    }
    if (isSingle) {
      if (value === '') throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--${name}: expected a name, got ""`);
      options[name as string] = value;
      continue;
    }
    const equals = value.indexOf('=');
    if (equals <= 0) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--${name}: expected name=value, got "${value}"`);
    (pairs[pairOf as string] as Record<string, string>)[value.slice(0, equals)] = value.slice(equals + 1);
  }
  return { options: { ...options, params: pairs.params, variables: pairs.variables }, rest, portGiven };
}
