/** The in-memory socket pair behaves as `ws` does on the wire: framing, close handshake, limits (WS-52, WS-80). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CloseCause } from './close-codes.ts';
import { memorySocketPair } from './memory-socket.ts';

const LIMITS = { maxFrameBytes: 8, maxMessageBytes: 16 };

/** Both ends with everything that reached them recorded. */
function pair() {
  const seen = { client: [] as unknown[], server: [] as unknown[], errors: [] as CloseCause[] };
  const { server, client } = memorySocketPair(LIMITS, {
    message: (data, isBinary) => seen.client.push(['message', data.toString(), isBinary]),
    close: (code, reason) => seen.client.push(['close', code, reason]),
  });
  server.listen({
    message: (data, isBinary) => seen.server.push(['message', data.toString(), isBinary]),
    close: (code, reason) => seen.server.push(['close', code, reason]),
    error: (cause) => seen.errors.push(cause),
  });
  return { server, client, seen };
}

const crossed = () => new Promise((resolve) => setImmediate(resolve));

test('WS-80 frames the server sends with fin: false reach the client as one message, in order', async () => {
  const { server, client, seen } = pair();
  server.send(Buffer.from('one'), { binary: false, fin: true });
  server.send(Buffer.from('tw'), { binary: false, fin: false });
  server.send(Buffer.from('o'), { binary: false, fin: true });
  client.send(Buffer.from('up'), false);
  await crossed();
  assert.deepEqual(seen.client, [
    ['message', 'one', false],
    ['message', 'two', false],
  ]);
  assert.deepEqual(seen.server, [['message', 'up', false]]);
});

test('WS-52 a server close is echoed: both ends close with its code and reason; nothing is sent after it', async () => {
  const { server, client, seen } = pair();
  server.close(1001, 'Going away');
  assert.equal(server.isOpen, false);
  server.send(Buffer.from('late'), { binary: false, fin: true });
  await crossed();
  assert.deepEqual(seen.client, [['close', 1001, 'Going away']]);
  assert.deepEqual(seen.server, [['close', 1001, 'Going away']]);
  assert.equal(client.isOpen, false);
});

test('WS-52 a client close with a code and reason reaches the server; one without a code is 1005', async () => {
  const coded = pair();
  coded.client.close(4000, 'bye');
  await crossed();
  assert.deepEqual(coded.seen.server, [['close', 4000, 'bye']]);
  assert.deepEqual(coded.seen.client, [['close', 4000, 'bye']]);
  const bare = pair();
  bare.client.close(undefined, 'ignored without a code');
  await crossed();
  assert.deepEqual(bare.seen.server, [['close', 1005, '']]);
});

test('WS-52 a terminated connection closes both ends with 1006, whichever end drops it', async () => {
  for (const end of ['client', 'server'] as const) {
    const { server, client, seen } = pair();
    if (end === 'client') client.terminate();
    else server.terminate();
    await crossed();
    assert.deepEqual([seen.server, seen.client], [[['close', 1006, '']], [['close', 1006, '']]], end);
  }
});

test('WS-80 a client message over the frame limit is a protocol error: the cause reaches the server, the client gets 1009', async () => {
  const { client, seen } = pair();
  client.send(Buffer.from('123456789'), false);
  await crossed();
  assert.deepEqual(seen.errors, [{ code: 1009, reason: 'Message too big' }]);
  assert.deepEqual(seen.client, [['close', 1009, '']]);
  assert.deepEqual(seen.server, [['close', 1009, '']]);
});

test('a text message that is not UTF-8 closes with 1007, as ws reports it; binary bytes pass', async () => {
  const text = pair();
  text.client.send(Buffer.from([0xff, 0xfe]), false);
  await crossed();
  assert.deepEqual(text.seen.errors, [{ code: 1007, reason: 'invalid UTF-8 sequence' }]);
  const binary = pair();
  binary.client.send(Buffer.from([0xff, 0xfe]), true);
  await crossed();
  assert.deepEqual(binary.seen.server, [['message', Buffer.from([0xff, 0xfe]).toString(), true]]);
});
