/** The remote runner: one gateway fronts functions that run behind another's Lambda Invoke API, through the real AWS SDK. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import probe from '../fixtures/services/probe/hoplite.config.ts';
import { startGateway } from '../helpers/gateway.ts';
import { openClient } from '../helpers/ws-client.ts';

test('a gateway with the AWS runner invokes remote functions: results, console lines and function errors come back', async (t) => {
  const backend = await startGateway(t, probe);
  const front = await startGateway(t, probe, {
    runner: { aws: { endpoint: backend.urls.lambdaEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } } },
  });
  // The front's $connect runs on the backend: its DynamoDB records the event, the front's store stays empty.
  const client = await openClient(front.urls.apis[0]?.url ?? '');
  client.ws.send('{"action":"echo","via":"remote"}');
  assert.equal(await client.next(), '{"action":"echo","via":"remote"}');
  client.ws.send('{"action":"fails"}');
  assert.match(await client.next(), /^\{"message": "Internal server error", /);
  const ran = (log: typeof backend.log, name: string) =>
    log.functionLines.filter((entry) => entry.functionName === name && entry.line.startsWith('START')).length;
  assert.ok(ran(backend.log, 'echo') >= 1, 'the echo handler ran on the backend');
  assert.ok(ran(front.log, 'echo') >= 1, 'the front logs its own START/END/REPORT for the call');
  assert.ok(front.log.functionLines.some((entry) => entry.functionName === 'fails' && entry.line.includes('"errorType":"TypeError","errorMessage":"boom"')));
  client.ws.close(1000);
  await client.closed;
});
