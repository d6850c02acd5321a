/** The runtime on in-memory sockets and a manual clock: quotas, integration timeouts and the registry, with no socket and no sleep. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryRegistry } from '../cluster/index.ts';
import { systemIds } from '../internal/ids.ts';
import { memoryLog } from '../internal/log.ts';
import { ManualClock } from '../internal/manual-clock.ts';
import type { InvocationOutcome, Invoker } from '../lambda/invoker.ts';
import { WEBSOCKET_LIMITS, type WebSocketLimits } from '../limits.ts';
import type { WebSocketApiModel } from '../model/types.ts';
import { MemoryWebSocket } from './memory-client.ts';
import { memoryTarget } from './memory-connect.ts';
import { WebSocketRuntime } from './runtime.ts';

const PORT = 3001;

/** Answers each function after `delayMs` of the manual clock (never, for `hang`); records the events. */
function scriptedInvoker(clock: ManualClock, events: Array<{ functionName: string; event: any }>): Invoker {
  return {
    has: () => true,
    dispose: async () => {},
    invoke(functionName, event) {
      events.push({ functionName, event });
      if (functionName === 'hang') return new Promise(() => {});
      const answer: InvocationOutcome = { kind: 'ok', requestId: 'r', payload: { statusCode: 200, body: `${functionName} answered` } };
      return new Promise((resolve) => clock.setTimer(10, () => resolve(answer)));
    },
  };
}

function start(limits: Partial<WebSocketLimits> = {}, connectFunction = 'connect') {
  const clock = new ManualClock();
  const events: Array<{ functionName: string; event: any }> = [];
  const registry = memoryRegistry();
  const api: WebSocketApiModel = {
    protocol: 'WEBSOCKET',
    name: 'chat',
    routeSelectionExpression: '$request.body.action',
    stage: { name: 'dev', variables: {} },
    routes: [
      { key: '$connect', function: connectFunction, integrationTimeoutMs: 1_000 },
      { key: '$disconnect', function: 'disconnect', integrationTimeoutMs: 29_000 },
      { key: 'echo', function: 'echo', routeResponseSelectionExpression: '$default', integrationTimeoutMs: 29_000 },
      { key: 'hang', function: 'hang', routeResponseSelectionExpression: '$default', integrationTimeoutMs: 500 },
    ],
  };
  const runtime = new WebSocketRuntime({
    api,
    apiId: 'abcdefghij',
    invoker: scriptedInvoker(clock, events),
    limits: { ...WEBSOCKET_LIMITS, ...limits },
    clock,
    ids: systemIds,
    log: memoryLog(),
    registry,
  });
  const connect = (url = `ws://127.0.0.1:${PORT}/dev`) =>
    new MemoryWebSocket(Promise.resolve(memoryTarget(url, {}, [{ port: PORT, runtime }], { host: '127.0.0.1', aliases: [], networkHosts: [] })));
  return { clock, events, registry, runtime, connect };
}

/** Opens a client, moving the clock on while `$connect` answers. */
async function opened(clock: ManualClock, client: MemoryWebSocket): Promise<MemoryWebSocket> {
  await clock.advance(10);
  await client.opened;
  return client;
}

test('WS-82 the idle timer runs on the clock: 1001 at the idle timeout, not a millisecond before; no timer is left after the close', async () => {
  const { clock, connect, registry } = start({ idleTimeoutMs: 1_000 });
  const client = await opened(clock, connect());
  assert.equal(registry.size, 1);
  await clock.advance(999);
  assert.equal(client.readyState, MemoryWebSocket.OPEN);
  await clock.advance(1);
  assert.deepEqual(await client.closed, { code: 1001, reason: 'Going away' });
  assert.equal(registry.size, 0, 'unregistered once closed');
  // What remains is the `$disconnect` invocation's answer; once it fired, nothing is pending.
  await clock.advance(10);
  assert.equal(clock.pendingTimers, 0);
});

test('WS-46 GEN-11 a message integration that never answers gets Endpoint request timed out at its integration timeout', async () => {
  const { clock, connect } = start();
  const client = await opened(clock, connect());
  client.send('{"action":"hang"}');
  await clock.advance(489);
  client.send('{"action":"echo"}');
  await clock.advance(10);
  assert.equal(await client.nextMessage(), 'echo answered');
  await clock.advance(1);
  assert.match(String(await client.nextMessage()), /^\{"message": "Endpoint request timed out", "connectionId":"[^"]+", "requestId":"[^"]+"\}$/);
  client.close(1000);
  await client.closed;
});

test('WS-12 GEN-11 a $connect that never answers is refused with 504 at its integration timeout, and registers nothing', async () => {
  const { clock, connect, registry } = start({}, 'hang');
  const client = connect();
  let settled = false;
  client.opened.catch(() => {
    settled = true;
  });
  await clock.advance(999);
  assert.equal(settled, false);
  await clock.advance(1);
  await assert.rejects(client.opened, { statusCode: 504, body: '{"message": "Endpoint request timed out"}' });
  assert.equal(registry.size, 0);
});

test('CONN-10 CONN-11 CONN-12 the registry finds an open connection: post, describe, disconnect with 1000', async () => {
  const { clock, connect, registry, events } = start();
  const client = await opened(clock, connect());
  client.send('{"action":"echo"}');
  await clock.advance(10);
  await client.nextMessage();
  const id: string = events[0]?.event.requestContext.connectionId;
  assert.equal(await registry.post(id, Buffer.from('posted')), 'ok');
  assert.equal(await client.nextMessage(), 'posted');
  assert.deepEqual(await registry.describe(id), { connectedAt: clock.now() - 20, lastActiveAt: clock.now(), sourceIp: '127.0.0.1' });
  assert.equal(await registry.disconnect(id), true);
  assert.deepEqual(await client.closed, { code: 1000, reason: 'Connection Closed Normally' });
  assert.equal(await registry.post(id, Buffer.from('late')), 'gone');
});

test('shutdown closes open connections with 1001 and runs their $disconnect', async () => {
  const { clock, connect, runtime, events } = start();
  const client = await opened(clock, connect());
  const closing = runtime.close();
  await clock.advance(10);
  await closing;
  assert.deepEqual(await client.closed, { code: 1001, reason: 'Going away' });
  assert.equal(events.at(-1)?.event.requestContext.disconnectStatusCode, 1001);
  const late = connect();
  await assert.rejects(late.opened, { statusCode: 503 });
});

test('WS-50 a client that leaves while $connect runs is never opened and gets exactly one $disconnect (1006)', async () => {
  const { clock, connect, registry, events } = start();
  const client = connect();
  client.terminate();
  await clock.advance(10);
  await assert.rejects(client.opened, /closed before the connection was established/);
  assert.deepEqual(await client.closed, { code: 1006, reason: '' });
  assert.equal(registry.size, 0);
  const disconnects = events.filter((call) => call.functionName === 'disconnect');
  assert.deepEqual(
    disconnects.map((call) => call.event.requestContext.disconnectStatusCode),
    [1006],
  );
  assert.equal(disconnects[0]?.event.requestContext.connectionId, events[0]?.event.requestContext.connectionId);
});
