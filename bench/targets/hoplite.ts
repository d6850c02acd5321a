/** Hoplite: the benchmark service on a Gateway (the default runner, or `--runner in-process`), quotas raised so load is not refused. */
import { Gateway } from '../../dist/gateway.js';
import { silentLog } from '../../dist/internal/log.js';
import { defaultCertificateDir, loadOrCreateLocalCertificate } from '../../dist/internal/tls.js';
import service from '../service/hoplite.config.ts';
import { announce } from './protocol.ts';

const runnerFlag = process.argv.indexOf('--runner');
// Without --runner: the Gateway's default runner (child processes).
const runner = runnerFlag === -1 ? undefined : (process.argv[runnerFlag + 1] as 'worker-thread' | 'child-process' | 'in-process');

// `--count-environments`: cold starts are counted from the REPORT lines (Init Duration), and printed on SIGUSR2.
const counting = process.argv.includes('--count-environments');
let coldStarts = 0;
const log = counting
  ? {
      ...silentLog,
      functionLine: (_name: string, line: string) => {
        if (line.startsWith('REPORT ') && line.includes('Init Duration')) coldStarts += 1;
      },
      wantsFunctionLines: () => true,
    }
  : silentLog;
process.on('SIGUSR2', () => process.stdout.write(`${JSON.stringify({ environments: coldStarts })}\n`));

const gateway = new Gateway(service, {
  port: 0,
  ...(runner ? { runner } : {}),
  // As `hoplite dev` does: the local certificate is made once and cached.
  tls: await loadOrCreateLocalCertificate(defaultCertificateDir()),
  log,
  // The AWS quota of 500 new connections per second would refuse the connect cases.
  websocketLimits: { newConnectionsPerSecond: 1_000_000 },
  // The idle case holds 10,000 connections on one port; the gateway's own cap (4,096 a port) would refuse the rest.
  connectionLimits: { maxConnectionsPerPort: 20_000 },
});
const { apis } = await gateway.ready;
const byName = Object.fromEntries(apis.map((api) => [api.name, api.url]));
announce({ http: byName.http as string, plain: byName.plain as string, chat: byName.chat as string });
process.once('SIGTERM', () => gateway.dispose().then(() => process.exit(0)));
