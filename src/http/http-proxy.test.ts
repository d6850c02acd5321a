/** HTTP-86 in fake time: an HTTP_PROXY route's timeout runs on the gateway's clock, through gateway.fetch. */
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { httpProxyService } from '../../test/fixtures/services/http-proxy/hoplite.config.ts';
import { startGateway } from '../../test/helpers/gateway.ts';
import type { ApiEndpoint } from '../gateway.ts';
import { ManualClock } from '../internal/manual-clock.ts';

test('HTTP-86: no answer within TimeoutInMillis of the gateway clock is 503, and the late answer is dropped // spec: unverified', async (t) => {
  const waiting: ServerResponse[] = [];
  const backend = createServer((_request, response) => waiting.push(response));
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    backend.closeAllConnections();
    backend.close();
  });
  const backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const { gateway, urls } = await startGateway(t, httpProxyService(backendUrl, `${backendUrl}/refused`), { clock });
  const api = urls.apis[0] as ApiEndpoint;

  let settled = false;
  const pending = gateway.fetch(`${api.url}/slow`).then((response) => {
    settled = true;
    return response;
  });
  while (waiting.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  await clock.advance(199);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(settled, false);
  await clock.advance(1);
  const response = await pending;
  assert.deepStrictEqual({ status: response.status, body: await response.text() }, { status: 503, body: '{"message":"Service Unavailable"}' });
  (waiting[0] as ServerResponse).end('too late');
});
