/** `hoplite invoke NAME`: invokes a function of a running `hoplite dev` through Lambda's Invoke API, as the AWS SDK does. */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { HopliteError } from '../errors.ts';
import { LOCAL_CREDENTIALS } from '../options.ts';
import { readDevState } from './dev-state.ts';
import type { CliIo } from './io.ts';

export const INVOKE_USAGE = `Usage: hoplite invoke <function> [options]

Invokes a function of the hoplite dev running in this folder and prints its result; its log goes to stderr.

Options:
  -e, --event <file>     the event as a JSON file, or - for standard input (default: {})
      --endpoint <url>   a Lambda Invoke API to use instead (e.g. the "Lambda Invoke API" URL hoplite dev prints)
      --event-type       invoke asynchronously (InvocationType Event): prints nothing, exits 0 when accepted
  -h, --help             show this help`;

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

async function readEvent(source: string | undefined, io: CliIo, cwd: string): Promise<string> {
  if (source === undefined) return '{}';
  const text =
    source === '-'
      ? await readStream(io.stdin)
      : await readFile(new URL(source, `file://${cwd}/`), 'utf8').catch((error: NodeJS.ErrnoException) => {
          throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--event: cannot read ${source}: ${error.code ?? error.message}`);
        });
  try {
    JSON.parse(text);
  } catch (error) {
    throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--event: ${source === '-' ? 'standard input' : source} is not JSON: ${(error as Error).message}`);
  }
  return text;
}

export async function runInvoke(argv: string[], io: CliIo, cwd: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      event: { type: 'string', short: 'e' },
      endpoint: { type: 'string' },
      'event-type': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(`${INVOKE_USAGE}\n`);
    return 0;
  }
  const [name, ...extra] = positionals;
  if (!name || extra.length > 0) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `expected one function name\n${INVOKE_USAGE}`);
  const payload = await readEvent(values.event, io, cwd);

  let endpoint = values.endpoint;
  if (!endpoint) {
    const state = await readDevState(cwd);
    if (!state) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', 'no hoplite dev is running in this folder: start one, or pass --endpoint');
    const service = state.services.find((candidate) => candidate.functions.includes(name));
    if (!service) {
      const known = state.services.flatMap((candidate) => candidate.functions).join(', ');
      throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `no function "${name}" in the running hoplite dev (functions: ${known})`);
    }
    endpoint = service.lambdaEndpoint;
  }

  const client = new LambdaClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  try {
    const output = await client.send(
      new InvokeCommand({
        FunctionName: name,
        Payload: Buffer.from(payload),
        InvocationType: values['event-type'] ? 'Event' : 'RequestResponse',
        LogType: values['event-type'] ? 'None' : 'Tail',
      }),
    );
    if (output.LogResult) io.stderr.write(Buffer.from(output.LogResult, 'base64').toString('utf8'));
    if (values['event-type']) return 0;
    const text = Buffer.from(output.Payload ?? new Uint8Array()).toString('utf8');
    let shown = text;
    try {
      shown = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // Not JSON: print it as it came.
    }
    io.stdout.write(`${shown}\n`);
    return output.FunctionError ? 1 : 0;
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'ResourceNotFoundException' || name === 'InvalidRequestContentException')
      throw new HopliteError('HOPLITE_ERR_CLI_USAGE', (error as Error).message);
    if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `nothing answers at ${endpoint}`);
    throw error;
  } finally {
    client.destroy();
  }
}
