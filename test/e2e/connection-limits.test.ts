/** Every port of a running gateway closes connections that never finish a request, and still serves real clients. */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { test } from 'node:test';
import WebSocket from 'ws';
import chat from '../../examples/chat/hoplite.config.ts';
import todo from '../../examples/todo/hoplite.config.ts';
import type { GatewayUrls } from '../../src/gateway.ts';
import { startGateway } from '../helpers/gateway.ts';

const connectionLimits = { firstByteTimeoutMs: 100, headersTimeoutMs: 100, requestTimeoutMs: 200, tlsHandshakeTimeoutMs: 100 };
const BOUND_MS = 5_000;

function everyPort(urls: GatewayUrls): number[] {
  return [...urls.apis.map((api) => api.port), ...urls.sites.map((site) => site.port), Number(new URL(urls.lambdaEndpoint).port)];
}

/** Writes `bytes` and never more; resolves with what the server wrote once it closes the socket. */
function stall(port: number, bytes: Buffer | string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ port, host: '127.0.0.1' }, () => {
      if (bytes !== undefined) socket.write(bytes);
    });
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    const bound = setTimeout(() => {
      socket.destroy();
      reject(new Error(`port ${port} kept a stalled socket open for ${BOUND_MS} ms`));
    }, BOUND_MS);
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(bound);
      resolve(received);
    });
  });
}

test('connection limits on every port: a silent socket, a lone 0x16 and an unfinished request line are closed; WebSocket and HTTP clients are still served', async (t) => {
  const [chatGateway, todoGateway] = await Promise.all([startGateway(t, chat, { connectionLimits }), startGateway(t, todo, { connectionLimits })]);
  const ports = [...everyPort(chatGateway.urls), ...everyPort(todoGateway.urls)];
  assert.equal(ports.length, 5);
  const outcomes = await Promise.all(ports.flatMap((port) => [stall(port, undefined), stall(port, Buffer.from([0x16])), stall(port, 'GET / HTTP/1.1\r\n')]));
  assert.deepEqual(
    outcomes,
    ports.flatMap(() => ['', '', 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n']),
  );

  // A WebSocket connection quiet for longer than every timeout above stays open and answers.
  const chatApi = chatGateway.urls.apis[0];
  assert.ok(chatApi);
  const client = new WebSocket(chatApi.url);
  t.after(() => client.terminate());
  await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
  await new Promise((resolve) => setTimeout(resolve, 400));
  assert.equal(client.readyState, WebSocket.OPEN);
  const todoApi = todoGateway.urls.apis[0];
  assert.ok(todoApi);
  const response = await fetch(`${todoApi.url}/todos`);
  assert.equal(response.status, 200);
});
