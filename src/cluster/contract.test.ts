/** The contract every connection registry keeps, run against each implementation (CONN-10..12). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryRegistry } from './memory-registry.ts';
import type { ConnectionInfo, ConnectionRegistry, PostResult, RegisteredConnection } from './registry.ts';

interface Implementation {
  name: string;
  make(): ConnectionRegistry;
}

const IMPLEMENTATIONS: Implementation[] = [{ name: 'memory', make: memoryRegistry }];

const INFO: ConnectionInfo = { connectedAt: 1_000, lastActiveAt: 2_000, sourceIp: '127.0.0.1', userAgent: 'test' };

/** A connection that records what reached it, answering as an open one would until it is closed. */
function recordingConnection(answer: PostResult = 'ok'): RegisteredConnection & { posted: string[]; closed: boolean } {
  const connection = {
    posted: [] as string[],
    closed: false,
    post(data: Buffer): PostResult {
      if (connection.closed) return 'gone';
      connection.posted.push(data.toString());
      return answer;
    },
    describe: () => (connection.closed ? undefined : INFO),
    disconnect() {
      if (connection.closed) return false;
      connection.closed = true;
      return true;
    },
  };
  return connection;
}

for (const implementation of IMPLEMENTATIONS) {
  test(`${implementation.name} registry: CONN-10 a post reaches the registered connection and its answer comes back`, async () => {
    const registry = implementation.make();
    const one = recordingConnection();
    const full = recordingConnection('limit');
    registry.register('one', one);
    registry.register('full', full);
    assert.equal(await registry.post('one', Buffer.from('hello')), 'ok');
    assert.equal(await registry.post('full', Buffer.from('more')), 'limit');
    assert.deepEqual(one.posted, ['hello']);
    assert.deepEqual(full.posted, ['more']);
  });

  test(`${implementation.name} registry: CONN-10 CONN-11 CONN-12 an unknown id is gone for post, describe and disconnect`, async () => {
    const registry = implementation.make();
    assert.equal(await registry.post('nobody', Buffer.from('x')), 'gone');
    assert.equal(await registry.describe('nobody'), undefined);
    assert.equal(await registry.disconnect('nobody'), false);
  });

  test(`${implementation.name} registry: CONN-11 describe answers for the registered connection`, async () => {
    const registry = implementation.make();
    registry.register('one', recordingConnection());
    assert.deepEqual(await registry.describe('one'), INFO);
  });

  test(`${implementation.name} registry: CONN-12 disconnect closes once; the connection decides what follows`, async () => {
    const registry = implementation.make();
    const one = recordingConnection();
    registry.register('one', one);
    assert.equal(await registry.disconnect('one'), true);
    assert.equal(one.closed, true);
    assert.equal(await registry.disconnect('one'), false);
    assert.equal(await registry.post('one', Buffer.from('late')), 'gone');
    assert.equal(await registry.describe('one'), undefined);
  });

  test(`${implementation.name} registry: an unregistered connection is found no more; size counts the registered`, async () => {
    const registry = implementation.make();
    const one = recordingConnection();
    registry.register('one', one);
    registry.register('two', recordingConnection());
    assert.equal(registry.size, 2);
    registry.unregister('one');
    registry.unregister('never registered');
    assert.equal(registry.size, 1);
    assert.equal(await registry.post('one', Buffer.from('x')), 'gone');
    assert.deepEqual(one.posted, []);
  });

  test(`${implementation.name} registry: registering an id again replaces the earlier connection`, async () => {
    const registry = implementation.make();
    const first = recordingConnection();
    const second = recordingConnection();
    registry.register('one', first);
    registry.register('one', second);
    await registry.post('one', Buffer.from('x'));
    assert.deepEqual([first.posted, second.posted], [[], ['x']]);
  });
}
