/** The `hoplite` command: dispatches to subcommands and turns errors into one clear line and an exit code. */
import { isHopliteError } from '../errors.ts';
import { runConnect } from './connect.ts';
import { startDev } from './dev.ts';
import { runInit } from './init.ts';
import { runInvoke } from './invoke.ts';
import type { CliIo } from './io.ts';

export const USAGE = `Usage: hoplite <command> [options]

Commands:
  init [dir]       write a starter project (default: this folder)
  dev [entry...]   run services locally (default entry: hoplite.config.ts)
  connect <url>    talk to a WebSocket API from the terminal
  invoke <name>    invoke a function of the running hoplite dev

Run hoplite <command> --help for a command's options.`;

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
      case undefined:
      case '-h':
      case '--help':
      case 'help':
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
