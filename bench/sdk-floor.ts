/**
 * The floor under `sendself` and broadcasts: what one PostToConnection costs the AWS SDK v3 client itself, against
 * a server that answers at once, next to the same request made with node:http. `npm run sdk-floor`.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';

const server = createServer((incoming, response) => {
  incoming.resume();
  incoming.on('end', () => {
    response.writeHead(200, { 'content-length': '0' });
    response.end();
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
const CALLS = 5_000;

async function timed(name: string, call: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 500; i++) await call();
  const startedAt = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) await call();
  const cpu = process.cpuUsage(cpuBefore);
  const elapsedMs = performance.now() - startedAt;
  const perCallUs = ((cpu.user + cpu.system) / CALLS).toFixed(0);
  process.stdout.write(
    `${name.padEnd(40)} ${(CALLS / (elapsedMs / 1000)).toFixed(0).padStart(6)} calls/s   ${perCallUs} µs CPU per call (client and server)\n`,
  );
}

const agent = new Agent({ keepAlive: true });
await timed(
  'node:http POST',
  () =>
    new Promise((resolve, reject) => {
      const outgoing = request(
        { host: '127.0.0.1', port, method: 'POST', path: '/bench/@connections/abc', agent, headers: { 'content-length': '1' } },
        (response) => {
          response.resume();
          response.on('end', resolve);
        },
      );
      outgoing.on('error', reject);
      outgoing.end('x');
    }),
);

const client = new ApiGatewayManagementApiClient({
  endpoint: `http://127.0.0.1:${port}/bench`,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
});
await timed('SDK v3 PostToConnectionCommand', () => client.send(new PostToConnectionCommand({ ConnectionId: 'abc', Data: 'x' })));
client.destroy();
agent.destroy();
server.close();
