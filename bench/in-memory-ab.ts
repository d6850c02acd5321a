/**
 * CPU per `sendself` message with the in-process runner, its handlers reaching the gateway in memory
 * (`MODE=memory`, decision 0013) or over loopback TLS as before (`MODE=tcp`): one process per run, 10 clients in
 * closed loops, 300 messages of warm-up, then 3,000 measured. `npm run in-memory-ab` runs three of each, in turns.
 */
import WebSocket from 'ws';
import { Gateway } from '../src/gateway.ts';
import { silentLog } from '../src/internal/log.ts';
import { OwnEndpoints } from '../src/internal/own-endpoints.ts';
import { defaultCertificateDir, loadOrCreateLocalCertificate } from '../src/internal/tls.ts';
import service from './service/hoplite.config.ts';

const gateway = new Gateway(service, { port: 0, runner: 'in-process', tls: await loadOrCreateLocalCertificate(defaultCertificateDir()), log: silentLog });
const { apis } = await gateway.ready;
const plain = apis.find((a) => a.name === 'plain')!;
const clients = await Promise.all(
  Array.from(
    { length: 10 },
    () =>
      new Promise<WebSocket>((r) => {
        const ws = new WebSocket(plain.url);
        ws.once('open', () => r(ws));
      }),
  ),
);
async function block(n: number) {
  let left = n;
  await Promise.all(
    clients.map(async (ws) => {
      while (left-- > 0) {
        ws.send('{"action":"sendself","data":"x"}');
        await new Promise((r) => ws.once('message', r));
      }
    }),
  );
}
await block(300);
if (process.env.MODE === 'tcp') OwnEndpoints.prototype.connect = () => undefined;
await block(300);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await block(3000);
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    mode: process.env.MODE,
    cpuUsPerMessage: Math.round((cpu.user + cpu.system) / 3000),
    msgPerSecond: Math.round(3000 / ((performance.now() - t0) / 1000)),
  }),
);
for (const ws of clients) ws.close();
await gateway.dispose();
process.exit(0);
