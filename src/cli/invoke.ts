/** `hoplite invoke NAME`: invokes a function of a running `hoplite dev` through Lambda's Invoke API, as the AWS SDK does. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { HopliteError } from '../errors.ts';
import { LOCAL_CREDENTIALS } from '../options/index.ts';
import { readDevState } from './dev-state.ts';
import type { CliIo } from './io.ts';

export const INVOKE_USAGE = `Usage: hoplite invoke <function> [options]

Invokes a function of the hoplite dev running in this folder and prints its result; its log goes to stderr.

Options:
  -e, --event <file>            the event as a JSON file, - for standard input, or inline JSON (default: {})
      --payload <file>          the same as --event, as the AWS CLI names it (file://event.json works too)
      --invocation-type <type>  RequestResponse (default): wait and print the result;
                                Event: invoke asynchronously, print nothing, exit 0 when accepted;
                                DryRun: check that the function exists and the event is JSON, run nothing
      --event-type              the same as --invocation-type Event
      --endpoint <url>          a Lambda Invoke API to use instead (e.g. the "Lambda Invoke API" URL hoplite dev prints)
  -h, --help                    show this help`;

const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'] as const;
type InvocationType = (typeof INVOCATION_TYPES)[number];

function invocationType(value: string | undefined, eventType: boolean | undefined): InvocationType {
  if (value === undefined) return eventType ? 'Event' : 'RequestResponse';
  const known = INVOCATION_TYPES.find((type) => type === value);
  if (!known) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--invocation-type: expected RequestResponse, Event or DryRun, got "${value}"`);
  if (eventType && known !== 'Event') throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--event-type: means --invocation-type Event, not ${known}`);
  return known;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

/** Inline JSON as the AWS CLI's `--payload '{"a":1}'` takes it: an object or an array. */
const INLINE_JSON = /^\s*[[{]/;

async function readEvent(source: string | undefined, io: CliIo, cwd: string): Promise<string> {
  if (source === undefined) return '{}';
  const path = source.startsWith('file://') ? source.slice('file://'.length) : source;
  const text =
    source === '-'
      ? await readStream(io.stdin)
      : INLINE_JSON.test(source)
        ? source
        : await readFile(resolve(cwd, path), 'utf8').catch((error: NodeJS.ErrnoException) => {
            throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--event: cannot read ${source}: ${error.code ?? error.message}`);
          });
  try {
    JSON.parse(text);
  } catch (error) {
    const shown = source === '-' ? 'standard input' : INLINE_JSON.test(source) ? 'the inline event' : source;
    throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--event: ${shown} is not JSON: ${(error as Error).message}`);
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
      payload: { type: 'string' },
      endpoint: { type: 'string' },
      'invocation-type': { type: 'string' },
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
  if (values.event !== undefined && values.payload !== undefined) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', 'expected --event or --payload, not both');
  const type = invocationType(values['invocation-type'], values['event-type']);
  const payload = await readEvent(values.event ?? values.payload, io, cwd);

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
        InvocationType: type,
        LogType: type === 'RequestResponse' ? 'Tail' : 'None',
      }),
    );
    if (output.LogResult) io.stderr.write(Buffer.from(output.LogResult, 'base64').toString('utf8'));
    if (type !== 'RequestResponse') return 0;
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
