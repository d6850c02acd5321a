/** The `hoplite` command: dispatches to subcommands and turns errors into one clear line and an exit code. */
import { readFileSync } from 'node:fs';
import { isHopliteError } from '../errors.ts';
import { buildArtifacts } from '../iac/ship/index.ts';
import { CONNECT_USAGE, runConnect } from './connect.ts';
import { DELETE_USAGE, runDelete } from './delete.ts';
import { DESCRIBE_USAGE, runDescribe } from './describe.ts';
import { DEV_USAGE, startDev } from './dev.ts';
import { INIT_USAGE, runInit } from './init.ts';
import { INVOKE_USAGE, runInvoke } from './invoke.ts';
import type { CliIo } from './io.ts';
import { PROVISION_USAGE, runProvision } from './provision.ts';
import { runStatus, STATUS_USAGE } from './status.ts';
import { runSynth, SYNTH_USAGE } from './synth.ts';
import { runToken, TOKEN_USAGE } from './token.ts';

export const USAGE = `Usage: hoplite <command> [options]

Commands:
  init [dir]       write a starter project (default: this folder)
  dev [entry...]   run services locally (default entry: hoplite.config.ts)
  connect <url>    talk to a WebSocket API from the terminal
  invoke <name>    invoke a function of the running hoplite dev
  token            print a JWT the running hoplite dev's local issuer accepts
  synth [entry]    write the CloudFormation template and function bundles a deployment uploads
  provision        build, upload and create or update the service's CloudFormation stack
  status [entry]   print the service's CloudFormation stack: status, outputs, last events
  delete [entry]   delete the service's CloudFormation stack
  describe [entry] draw the service: APIs, routes, authorizers, functions, tables, grants

Options:
  -v, --version    print Hoplite's version
  -h, --help       show this help

Run hoplite help <command> (or hoplite <command> --help) for a command's options.`;

/** Each command's help, as `hoplite <command> --help` prints it. */
const COMMAND_USAGE: Record<string, string> = {
  init: INIT_USAGE,
  dev: DEV_USAGE,
  connect: CONNECT_USAGE,
  invoke: INVOKE_USAGE,
  token: TOKEN_USAGE,
  synth: SYNTH_USAGE,
  provision: PROVISION_USAGE,
  status: STATUS_USAGE,
  delete: DELETE_USAGE,
  describe: DESCRIBE_USAGE,
};

/** The version in Hoplite's package.json (`src/cli/` in a checkout, `dist/cli/` in the package). */
export function hopliteVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

/** Runs one command; resolves with the exit code. Long-running commands stop on SIGINT/SIGTERM. */
export async function main(argv: string[], io: CliIo, cwd = process.cwd()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'dev': {
        const handle = await startDev(rest, io, cwd);
        if (typeof handle === 'number') return handle;
        process.once('SIGINT', handle.stop);
        process.once('SIGTERM', handle.stop);
        return await handle.done;
      }
      case 'init':
        return await runInit(rest, io, cwd);
      case 'connect':
        return await runConnect(rest, io);
      case 'invoke':
        return await runInvoke(rest, io, cwd);
      case 'token':
        return await runToken(rest, io, cwd);
      case 'synth':
        return await runSynth(rest, io, cwd);
      case 'provision':
        return await runProvision(rest, io, cwd, buildArtifacts);
      case 'status':
        return await runStatus(rest, io, cwd);
      case 'delete':
        return await runDelete(rest, io, cwd);
      case 'describe':
        return await runDescribe(rest, io, cwd);
      case '-v':
      case '--version':
        io.stdout.write(`${hopliteVersion()}\n`);
        return 0;
      case 'help':
        return printHelp(rest, io);
      case undefined:
      case '-h':
      case '--help':
        io.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        io.stderr.write(`error: unknown command "${command}"\n${USAGE}\n`);
        return 2;
    }
  } catch (error) {
    return reportError(error, io, command);
  }
}

/** `hoplite help [command]`: the command's own help, or the overview. */
function printHelp([topic, ...extra]: string[], io: CliIo): number {
  if (topic === undefined) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const usage = Object.hasOwn(COMMAND_USAGE, topic) ? COMMAND_USAGE[topic] : undefined;
  if (usage === undefined || extra.length > 0) {
    const shown = [topic, ...extra].join(' ');
    io.stderr.write(`error: unknown command "${shown}": expected one of ${Object.keys(COMMAND_USAGE).join(', ')}\n${USAGE}\n`);
    return 2;
  }
  io.stdout.write(`${usage}\n`);
  return 0;
}

/** Our own config and usage errors print as one line; anything else is a defect and keeps its stack. */
function reportError(error: unknown, io: CliIo, command: string | undefined): number {
  if (isHopliteError(error) && error.kind === 'config') {
    io.stderr.write(`error: ${error.message}\n`);
    return 1;
  }
  if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
    io.stderr.write(`error: ${error.message}\n${command ? `Run hoplite ${command} --help for its options.\n` : ''}`);
    return 2;
  }
  io.stderr.write(`internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  return 1;
}
