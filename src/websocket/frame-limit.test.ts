import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import WebSocket, { WebSocketServer } from 'ws';
import { WEBSOCKET_LIMITS } from '../limits.ts';
import { installFrameLimit } from './frame-limit.ts';

/** A server whose sockets carry the frame limit, and a client of it; both closed when the test ends. */
async function limitedPair(t: { after(fn: () => unknown): void }) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, maxPayload: WEBSOCKET_LIMITS.maxMessageBytes });
  t.after(() => {
    for (const socket of server.clients) socket.terminate();
    server.close();
  });
  await new Promise((resolve) => server.once('listening', resolve));
  const installed: boolean[] = [];
  const received: number[] = [];
  server.on('connection', (socket) => {
    socket.on('error', () => {});
    installed.push(installFrameLimit(socket, WEBSOCKET_LIMITS.maxFrameBytes));
    socket.on('message', (data: Buffer) => {
      received.push(data.length);
      socket.send(String(data.length));
    });
  });
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate: false });
  await new Promise((resolve, reject) => {
    client.once('open', resolve);
    client.once('error', reject);
  });
  return { client, installed, received };
}

// These pin the private `ws` receiver internals the limit relies on: after a `ws` upgrade they fail, not the users.
test('WS-80 the frame limit installs on this ws version, and a frame of exactly 32 KB is accepted', async (t) => {
  assert.equal(WEBSOCKET_LIMITS.maxFrameBytes, 32_768);
  const { client, installed } = await limitedPair(t);
  client.send('a'.repeat(32_768));
  const answer = await new Promise<string>((resolve) => client.once('message', (data: Buffer) => resolve(data.toString())));
  assert.deepEqual(installed, [true]);
  assert.equal(answer, '32768');
});

test('WS-80 a frame of 32 KB + 1 byte is refused with close 1009 and never delivered', async (t) => {
  const { client, installed, received } = await limitedPair(t);
  client.send('a'.repeat(32_769));
  const [code] = await new Promise<[number, string]>((resolve) => client.once('close', (closeCode, reason) => resolve([closeCode, reason.toString()])));
  assert.deepEqual(installed, [true]);
  assert.equal(code, 1009);
  assert.deepEqual(received, []);
});
