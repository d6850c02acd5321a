/** The site server: static files, `/hoplite.json`, and requests it cannot serve. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodeHandler } from '../internal/edge/node.ts';
import { silentLog } from '../internal/log.ts';
import { createSiteHandler } from './server.ts';

async function serveSite(t: { after(fn: () => Promise<void>): void }): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'hoplite-site-'));
  await writeFile(join(dir, 'index.html'), '<p>hi</p>');
  const server = createServer(nodeHandler(createSiteHandler({ dir, config: () => ({ service: 'demo' }) }), silentLog, 'the site'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });
  return (server.address() as AddressInfo).port;
}

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('a malformed percent-encoding on the site port (URIError from decodeURIComponent) answers 400 and the site keeps serving', async (t) => {
  const port = await serveSite(t);
  assert.deepEqual(await get(port, '/%E0%A4%A'), { status: 400, body: 'Bad Request' });
  assert.deepEqual(await get(port, '/'), { status: 200, body: '<p>hi</p>' });
  assert.deepEqual(await get(port, '/hoplite.json'), { status: 200, body: '{"service":"demo"}' });
});
