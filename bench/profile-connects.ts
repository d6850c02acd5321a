/**
 * A CPU profile of 100 simultaneous cold connects to the chat API (in-process runner) and nothing else: the
 * gateway starts, then the profiler runs around the connects only. Writes the profile to the path given
 * (default prof/connects.cpuprofile) and prints the rate and the process's CPU time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { dirname } from 'node:path';
import { Gateway } from '../src/gateway.ts';
import { silentLog } from '../src/internal/log.ts';
import { defaultCertificateDir, loadOrCreateLocalCertificate } from '../src/internal/tls.ts';
import { connectRate } from './load.ts';
import service from './service/hoplite.config.ts';

const gateway = new Gateway(service, {
  port: 0,
  runner: 'in-process',
  tls: await loadOrCreateLocalCertificate(defaultCertificateDir()),
  log: silentLog,
  websocketLimits: { newConnectionsPerSecond: 1_000_000 },
});
const { apis } = await gateway.ready;
const chat = apis.find((a) => a.name === 'chat')!;
await new Promise((r) => setTimeout(r, 500));
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
const cpu0 = process.cpuUsage();
const result = await connectRate(chat.url, 100);
const cpu = process.cpuUsage(cpu0);
const { profile } = await session.post('Profiler.stop');
const profilePath = process.argv[2] ?? 'prof/connects.cpuprofile';
mkdirSync(dirname(profilePath), { recursive: true });
writeFileSync(profilePath, JSON.stringify(profile));
console.log(JSON.stringify({ result, cpuMs: Math.round((cpu.user + cpu.system) / 1000) }));
await gateway.dispose();
process.exit(0);
