/** `hoplite delete`: removes the service's stack, after a confirmation unless `--yes`. */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { HopliteError } from '../errors.ts';
import { createAwsClients, defaultRegion, deleteStack, explainAwsError, findStack } from '../iac/provision/index.ts';
import type { CliIo } from './io.ts';
import { type StackPolling, stackNameOf } from './stack-options.ts';

export const DELETE_USAGE = `Usage: hoplite delete [options] [entry]

Deletes the service's CloudFormation stack and every resource in it, printing its events until it is gone.
Asks for confirmation on a terminal; elsewhere --yes is required. The artifact bucket and its objects are kept.

Options:
      --stack-name <name>  the stack (default: the service's name, from the entry or hoplite.config.ts)
      --region <region>    the AWS region (default: AWS_REGION or the profile's region)
  -y, --yes                delete without asking
  -h, --help               show this help

Exit status: 0 when the stack is deleted or did not exist, 1 when the deletion failed or was declined.`;

/** Asks on the terminal; only `y` or `yes` goes ahead. */
async function confirm(io: CliIo, question: string): Promise<boolean> {
  const prompt = createInterface({ input: io.stdin, output: io.stdout, terminal: false });
  try {
    const answer = await prompt.question(question);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

export async function runDelete(argv: string[], io: CliIo, cwd: string, polling: StackPolling = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'stack-name': { type: 'string' },
      region: { type: 'string' },
      yes: { type: 'boolean', short: 'y' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(`${DELETE_USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1)
    throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `expected at most one entry, got ${positionals.length}: ${positionals.join(' ')}`);
  const stackName = await stackNameOf(values['stack-name'], positionals[0], cwd);
  if (!values.yes && !io.stdin.isTTY) {
    throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `refusing to delete stack ${stackName} without confirmation: standard input is not a terminal; pass --yes`);
  }
  const region = await defaultRegion(values.region);
  const { cloudFormation, s3 } = createAwsClients(region, io.env);
  const log = (line: string) => io.stdout.write(`${line}\n`);
  try {
    const stack = await findStack({ cloudFormation }, stackName);
    if (!stack) {
      log(`Stack ${stackName} does not exist in ${region}; nothing to delete`);
      return 0;
    }
    if (!values.yes && !(await confirm(io, `Delete stack ${stackName} (${stack.StackStatus}) in ${region} and every resource in it? [y/N] `))) {
      log('Not deleted.');
      return 1;
    }
    await deleteStack(stackName, { cloudFormation, log, ...polling });
    return 0;
  } catch (error) {
    throw explainAwsError(error);
  } finally {
    cloudFormation.destroy();
    s3.destroy();
  }
}
