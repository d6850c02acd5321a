/** Raw bytes to every port of the malformed fixture's service, and the good request each API must still answer. */
import assert from 'node:assert/strict';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { ApiEndpoint, GatewayUrls } from '../../src/gateway.ts';
import { openClient } from './ws-client.ts';

/** `status N` for the first response line, `closed` when the server closes without one, `sent` for a client reset, `silent` past a tolerated deadline. */
export type Outcome = string;

export interface Probe {
  /** Sent as one write, then optionally the client ends its side or resets the connection. */
  bytes: string | Buffer;
  tls?: boolean;
  afterWrite?: 'end' | 'reset';
}

export interface ExchangeOptions {
  /** @default 5_000 */
  waitMs?: number;
  /** Resolve `silent` instead of rejecting when nothing ends the exchange within `waitMs`. @default false */
  silentAllowed?: boolean;
}

export function exchange(port: number, probe: Probe, { waitMs = 5_000, silentAllowed = false }: ExchangeOptions = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket: Socket = probe.tls ? connectTls({ port, host: '127.0.0.1', rejectUnauthorized: false }) : connectTcp({ port, host: '127.0.0.1' });
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      if (silentAllowed) resolve('silent');
      else reject(new Error(`no answer within ${waitMs} ms on port ${port}`));
    }, waitMs);
    const settle = (outcome: Outcome) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const line = /^HTTP\/1\.1 (\d{3}) /.exec(received.toString('latin1'));
      if (line) settle(`status ${line[1]}`);
    });
    socket.on('close', () => settle('closed'));
    socket.once(probe.tls ? 'secureConnect' : 'connect', () => {
      socket.write(probe.bytes);
      if (probe.afterWrite === 'end') socket.end();
      if (probe.afterWrite === 'reset') {
        socket.resetAndDestroy();
        settle('sent');
      }
    });
  });
}

export const UPGRADE_HEADERS = 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';

/** Per port, a request that reaches its handler; `segment` is the part a malformed one replaces. */
export const TARGETS: Record<string, { method: string; port: string; path: (segment: string) => string; good: string }> = {
  chat: { method: 'GET', port: 'chat', path: (segment) => `/dev/${segment}`, good: '' },
  connections: { method: 'POST', port: 'chat', path: (segment) => `/dev/@connections/${segment}`, good: 'Yk3rqdQ2oAMCJ5A%3D' },
  http: { method: 'GET', port: 'http', path: (segment) => `/v1/ok/${segment}`, good: '1' },
  rest: { method: 'GET', port: 'rest', path: (segment) => `/prod/ok/${segment}`, good: '1' },
  site: { method: 'GET', port: 'site', path: (segment) => `/${segment}`, good: 'index.html' },
  invoke: { method: 'POST', port: 'invoke', path: (segment) => `/2015-03-31/functions/${segment}/invocations`, good: 'ok' },
};

export type Target = (typeof TARGETS)[string];

/** The request line of `target`'s good request, with `segment` in place of the good segment and an optional query. */
export function requestLine(target: Target, segment = target.good, query = ''): string {
  const path = target.path(segment).replace(/\/$/, '');
  return `${target.method} ${path || '/'}${query} HTTP/1.1\r\nHost: x\r\n`;
}

/** The port of each target's listener: the APIs by name, `site` and `invoke`. */
export function portsOf(urls: GatewayUrls): Record<string, number> {
  const ports: Record<string, number> = {};
  for (const api of urls.apis) ports[api.name] = api.port;
  ports.site = (urls.sites[0] as { port: number }).port;
  ports.invoke = Number(new URL(urls.lambdaEndpoint).port);
  return ports;
}

/** Every API, the site and the Invoke API answer their good request exactly. */
export async function assertEveryApiAnswers(urls: GatewayUrls): Promise<void> {
  const chat = urls.apis.find((api) => api.name === 'chat') as ApiEndpoint;
  const client = await openClient(chat.url);
  client.ws.send('{"action":"ok"}');
  assert.equal(await client.next(), 'ok');
  client.ws.close();
  await client.closed;
  for (const name of ['http', 'rest']) {
    const api = urls.apis.find((candidate) => candidate.name === name) as ApiEndpoint;
    const response = await fetch(`${api.url}/ok/1`);
    assert.deepEqual([name, response.status, await response.text()], [name, 200, 'ok']);
  }
  const site = await fetch(`${urls.sites[0]?.url}`);
  assert.deepEqual([site.status, await site.text()], [200, '<!doctype html><title>malformed</title>\n']);
  const invoke = await fetch(`${urls.lambdaEndpoint}/2015-03-31/functions/ok/invocations`, { method: 'POST', body: '{}' });
  assert.deepEqual([invoke.status, await invoke.text()], [200, '{"statusCode":200,"body":"ok"}']);
}
