/** `hoplite status`: the stack's status, outputs and last events. */
import { parseArgs } from 'node:util';
import { HopliteError } from '../errors.ts';
import { createAwsClients, defaultRegion, describeStack, explainAwsError } from '../iac/provision/index.ts';
import type { CliIo } from './io.ts';
import { stackNameOf } from './stack-options.ts';

export const STATUS_USAGE = `Usage: hoplite status [options] [entry]

Prints the CloudFormation stack of the service: its status, its outputs (the API URLs) and its last events.
Credentials and region come from the AWS SDK's standard chain (environment, profiles, SSO).

Options:
      --stack-name <name>  the stack (default: the service's name, from the entry or hoplite.config.ts)
      --region <region>    the AWS region (default: AWS_REGION or the profile's region)
      --events <count>     how many of the newest events to print (default: 10)
      --redact             hide account ids (the 12 digits in ARNs), to paste the output somewhere public
  -h, --help               show this help

Exit status: 0 when the stack exists, 1 when it does not.`;

export async function runStatus(argv: string[], io: CliIo, cwd: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'stack-name': { type: 'string' },
      region: { type: 'string' },
      events: { type: 'string' },
      redact: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(`${STATUS_USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1)
    throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `expected at most one entry, got ${positionals.length}: ${positionals.join(' ')}`);
  const eventCount = values.events === undefined ? undefined : Number(values.events);
  if (eventCount !== undefined && !(Number.isInteger(eventCount) && eventCount >= 0)) {
    throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--events: expected a whole number, got "${values.events}"`);
  }
  const stackName = await stackNameOf(values['stack-name'], positionals[0], cwd);
  const region = await defaultRegion(values.region);
  const { cloudFormation, s3 } = createAwsClients(region, io.env);
  try {
    const exists = await describeStack(stackName, {
      cloudFormation,
      log: (line) => io.stdout.write(`${line}\n`),
      eventCount,
      redact: values.redact ?? false,
    });
    return exists ? 0 : 1;
  } catch (error) {
    throw explainAwsError(error);
  } finally {
    cloudFormation.destroy();
    s3.destroy();
  }
}
