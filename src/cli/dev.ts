/** `hoplite dev [entry]`: runs a service locally until Ctrl-C. */
import { parseArgs } from 'node:util';
import { HopliteError } from '../errors.ts';
import { Gateway } from '../gateway.ts';
import { consoleLog } from '../internal/log.ts';
import { defaultCertificateDir, loadOrCreateLocalCertificate } from '../internal/tls.ts';
import type { CliIo } from './io.ts';
import { loadService } from './load-service.ts';

export const DEV_USAGE = `Usage: hoplite dev [entry] [options]

Runs the service defined in entry (default: hoplite.config.ts) on this machine.

Options:
  --port <n>                 port of the first API; further APIs take the next ports (default: 3001)
  --host <address>           interface to listen on (default: 127.0.0.1)
  --data-dir <dir>           keep the embedded DynamoDB's data in this folder (default: in memory)
  --dynamodb-endpoint <url>  use this DynamoDB instead of the embedded one
  --quiet                    do not print function logs
  -h, --help                 show this help`;

export const DEFAULT_DEV_PORT = 3001;

export interface DevHandle {
  gateway: Gateway;
  /** Resolves when the command has shut down; the exit code. */
  done: Promise<number>;
  stop(): void;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_DEV_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--port: expected an integer from 0 to 65535, got "${value}"`);
  return port;
}

/** Starts the gateway and prints its URLs; `stop()` (or SIGINT/SIGTERM from the CLI) shuts it down. */
export async function startDev(argv: string[], io: CliIo, cwd: string): Promise<DevHandle | number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'dynamodb-endpoint': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(`${DEV_USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `expected at most one entry file, got ${positionals.join(' ')}`);
  const loaded = await loadService(positionals[0], cwd);
  const log = consoleLog({ stdout: io.stdout, stderr: io.stderr, quiet: Boolean(values.quiet) });
  const gateway = new Gateway(loaded.model, {
    port: parsePort(values.port),
    host: values.host ?? '127.0.0.1',
    dataDir: values['data-dir'],
    dynamodbEndpoint: values['dynamodb-endpoint'],
    sourceFile: loaded.displayPath,
    tls: await loadOrCreateLocalCertificate(defaultCertificateDir(io.env)),
    log,
  });
  const urls = await gateway.ready;
  const lines = [`Hoplite dev: ${loaded.model.name} (${loaded.displayPath})`];
  for (const api of urls.apis) {
    lines.push(`  WebSocket API ${api.name}: ${api.url}  (also ${api.secureUrl})`);
    lines.push(`    @connections: ${api.managementEndpoint}/@connections/{connectionId}`);
  }
  const storeKind = values['dynamodb-endpoint'] ? 'external' : values['data-dir'] ? `embedded, data in ${values['data-dir']}` : 'embedded, in memory';
  lines.push(`  DynamoDB: ${urls.dynamodbEndpoint} (${storeKind})`, 'Press Ctrl-C to stop.');
  io.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    io.stdout.write('Stopping: closing connections and running $disconnect...\n');
    gateway.dispose().then(
      () => finish(0),
      (error: unknown) => {
        log.error(`shutdown failed: ${(error as Error).message}`);
        finish(1);
      },
    );
  };
  return { gateway, done, stop };
}
