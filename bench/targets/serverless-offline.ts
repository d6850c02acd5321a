/**
 * The peer: serverless-offline 14 on osls, started on free ports with the same handlers (peer/), a dynalite store
 * for its DynamoDB, and `--useInProcess` when asked. Announces the endpoints and the pid whose memory counts.
 */
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { announce } from './protocol.ts';

const inProcess = process.argv.includes('--useInProcess');
const peerDir = fileURLToPath(new URL('../peer/', import.meta.url));
const osls = fileURLToPath(new URL('../node_modules/osls/bin/serverless.js', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const store = dynalite({ createTableMs: 0 });
await new Promise<void>((resolve) => store.listen(0, '127.0.0.1', () => resolve()));
const storeEndpoint = `http://127.0.0.1:${(store.address() as AddressInfo).port}`;
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
const dynamo = new DynamoDBClient({ endpoint: storeEndpoint, region: 'us-east-1', credentials });
await dynamo.send(
  new CreateTableCommand({
    TableName: 'bench-connections',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  }),
);
dynamo.destroy();

const [httpPort, websocketPort, lambdaPort] = [await freePort(), await freePort(), await freePort()];
const args = [
  osls,
  'offline',
  'start',
  '--httpPort',
  String(httpPort),
  '--websocketPort',
  String(websocketPort),
  '--lambdaPort',
  String(lambdaPort),
  '--noTimeout',
];
if (inProcess) args.push('--useInProcess');
const peer = spawn(process.execPath, args, {
  cwd: peerDir,
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    ...process.env,
    AWS_ENDPOINT_URL_DYNAMODB: storeEndpoint,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: 'us-east-1',
    MANAGEMENT_ENDPOINT: `http://127.0.0.1:${websocketPort}`,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
  },
});
let output = '';
const ready = new Promise<void>((resolve, reject) => {
  const onData = (chunk: Buffer) => {
    output += chunk;
    if (output.includes('Server ready') && output.includes('[websocket] listening')) resolve();
  };
  peer.stdout?.on('data', onData);
  peer.stderr?.on('data', onData);
  peer.once('exit', (code) => reject(new Error(`serverless-offline exited with ${code}:\n${output}`)));
});
await ready;
announce({ http: `http://127.0.0.1:${httpPort}`, plain: `ws://127.0.0.1:${websocketPort}`, chat: `ws://127.0.0.1:${websocketPort}` }, peer.pid);
// Stop the peer first and at once: a target killed later must not leave it running.
process.once('exit', () => peer.kill('SIGKILL'));
process.once('SIGTERM', () => process.exit(0));
