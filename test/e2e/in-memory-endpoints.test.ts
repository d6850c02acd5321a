/**
 * Decision 0013: handlers of the in-process runner reach the gateway's own endpoints (the store, `@connections` by
 * the event's domain name and by the AWS host name, an HTTP API over https://, the Invoke API) in memory: no TCP
 * connection is accepted for them, and the gateway sees each request as over TLS, as the worker-thread runner's do.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { ApiEndpoint } from '../../src/gateway.ts';
import service from '../fixtures/services/own-endpoints/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { openClient, type TestClient } from '../helpers/ws-client.ts';

const CREDENTIALS = { accessKeyId: 'AKIDINMEMORYTEST', secretAccessKey: 'in-memory-test-secret' };
const TABLE = 'own-endpoints-settings';

/** TCP connections (sockets with a handle of their own) accepted by the listening servers of this process, by port, from now until `stop()`. */
function countAccepts(): { byPort: Map<number, number>; stop(): void } {
  const emit = net.Server.prototype.emit as (this: net.Server, event: string | symbol, ...args: unknown[]) => boolean;
  const byPort = new Map<number, number>();
  net.Server.prototype.emit = function countingEmit(this: net.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'connection' && this.listening && args[0] instanceof net.Socket) {
      const { port } = this.address() as net.AddressInfo;
      byPort.set(port, (byPort.get(port) ?? 0) + 1);
    }
    return emit.call(this, event, ...args);
  } as typeof net.Server.prototype.emit;
  return {
    byPort,
    stop: () => {
      net.Server.prototype.emit = emit as typeof net.Server.prototype.emit;
    },
  };
}

for (const runner of ['in-process', 'worker-thread'] as const) {
  describe(`${runner} runner`, () => {
    let started: StartedGateway;
    let calls: ApiEndpoint;
    let facts: ApiEndpoint;
    let ports: number[];

    before(async () => {
      // With credentials, `@connections` and the Invoke API check every request's SigV4 signature.
      started = await startGateway(null, service, { runner, credentials: [CREDENTIALS] });
      calls = started.urls.apis.find((api) => api.name === 'calls') as ApiEndpoint;
      facts = started.urls.apis.find((api) => api.name === 'facts') as ApiEndpoint;
      const dynamo = new DynamoDBClient({ endpoint: started.urls.dynamodbEndpoint, region: 'us-east-1', credentials: CREDENTIALS });
      for (const [id, value] of [
        ['facts-url', `${facts.secureUrl}/facts`],
        ['lambda-endpoint', started.urls.lambdaEndpoint],
      ])
        await dynamo.send(new PutItemCommand({ TableName: TABLE, Item: { id: { S: id as string }, value: { S: value as string } } }));
      dynamo.destroy();
      ports = [calls.port, facts.port, Number(new URL(started.urls.lambdaEndpoint).port), Number(new URL(started.urls.dynamodbEndpoint).port)];
    });

    after(() => started.gateway.dispose());

    test('GEN-4 CONN-1 the store, an HTTP API over https://, the Invoke API and @connections (domain name and AWS host name) answer the handler', async (context) => {
      const client: TestClient = await openClient(calls.url);
      context.after(() => client.ws.close());
      const accepts = countAccepts();
      try {
        client.ws.send('{"action":"roundtrip"}');
        const report = JSON.parse(await client.next());
        assert.deepEqual(report, {
          seen: 'yes',
          // As over TLS from this machine: HTTP-n's forwarded headers name https and the port.
          answer: { sourceIp: '127.0.0.1', protocol: 'HTTP/1.1', proto: 'https', port: String(facts.port) },
          invoked: { status: 200, payload: { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' } },
        });
        assert.equal(await client.next(), 'by the AWS host name');
      } finally {
        accepts.stop();
      }
      const acceptedHere = ports.reduce((sum, port) => sum + (accepts.byPort.get(port) ?? 0), 0);
      if (runner === 'in-process') assert.equal(acceptedHere, 0, `TCP connections accepted: ${JSON.stringify([...accepts.byPort])} (ports ${ports})`);
      // The same calls from an environment of its own come over TCP: the count sees them.
      else assert.ok(acceptedHere >= 4, `TCP connections accepted: ${JSON.stringify([...accepts.byPort])} (ports ${ports})`);
    });
  });
}
