/** Gateway's lifecycle: dispose() stops every part even when one fails. */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import service from '../test/fixtures/services/malformed/hoplite.config.ts';
import { Gateway } from './gateway.ts';
import { memoryLog } from './internal/log.ts';
import type { Runner, StartEnvironment } from './lambda/runner.ts';
import { RUNNERS } from './lambda/runners/index.ts';

/** Whether anything still accepts connections on `port`. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A runner whose environments answer every invocation and fail to stop. */
const STOP_FAILURE = new Error('environment would not stop');
const failingToStop: StartEnvironment = async () => ({
  ok: true,
  environment: {
    initDurationMs: 1,
    alive: true,
    invoke: async () => ({ kind: 'ok', json: '{"statusCode":200,"body":"stub"}', maxMemoryUsedMb: 1 }),
    dispose: () => Promise.reject(STOP_FAILURE),
  },
});

test('dispose() stops every part when one fails, rejects with the first failure, and a second call returns the same settled promise', async (t) => {
  const runners = RUNNERS as unknown as Record<string, Runner>;
  runners['fails-to-stop'] = { name: 'fails-to-stop', start: failingToStop, buildsLocally: true, inspector: { kind: 'process' }, dispose() {} };
  t.after(() => {
    delete runners['fails-to-stop'];
  });
  const gateway = new Gateway(service, { host: '127.0.0.1', port: 0, log: memoryLog(), runner: 'fails-to-stop' as 'in-process' });
  const urls = await gateway.ready;
  const http = urls.apis.find((api) => api.name === 'http');
  // An invocation starts an environment, the part that will fail to stop.
  const response = await fetch(`${http?.url}/ok/1`);
  assert.deepEqual([response.status, await response.text()], [200, 'stub']);
  const ports = [...urls.apis.map((api) => api.port), ...urls.sites.map((site) => site.port), Number(new URL(urls.lambdaEndpoint).port)];
  const storePort = Number(new URL(urls.dynamodbEndpoint).port);

  const disposing = gateway.dispose();
  await assert.rejects(disposing, (error) => error === STOP_FAILURE);
  // The environments stop after the ports close and before the store: both sides of the failure were stopped.
  assert.deepEqual(
    await Promise.all([...ports, storePort].map(listening)),
    [...ports, storePort].map(() => false),
  );
  assert.equal(gateway.dispose(), disposing);
});

test('the port option too high for the ports a service needs is HOPLITE_ERR_OPTION_INVALID naming the count and the last port', () => {
  assert.throws(() => new Gateway(service, { port: 65534, log: memoryLog() }), {
    code: 'HOPLITE_ERR_OPTION_INVALID',
    message:
      'option port: the service needs 5 consecutive ports from 65534 (its APIs, sites and Lambda Invoke API) and the last would be 65538, past 65535; expected a port from 1 to 65531, or 0 for free ports, got 65534',
  });
});
