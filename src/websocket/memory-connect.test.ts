/** How `gateway.connect` finds an API by URL and what upgrade it sends: the one a `ws` client would send. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryTarget } from './memory-connect.ts';
import type { WebSocketRuntime } from './runtime.ts';

const runtime = {} as WebSocketRuntime;
const other = {} as WebSocketRuntime;
const APIS = [
  { port: 3001, runtime },
  { port: 3002, runtime: other },
];
const HOSTS = { host: '127.0.0.1', aliases: ['dev.box'], networkHosts: [] };

test('the API is the one on the URL port, for any of the gateway host names, over ws, wss, http or https', () => {
  assert.equal(memoryTarget('ws://127.0.0.1:3001/dev', {}, APIS, HOSTS).runtime, runtime);
  assert.equal(memoryTarget(new URL('wss://LOCALHOST:3002/dev'), {}, APIS, HOSTS).runtime, other);
  assert.equal(memoryTarget('http://dev.box:3001/dev', {}, APIS, HOSTS).runtime, runtime);
  for (const url of ['ws://127.0.0.1:3003/dev', 'ws://example.com:3001/dev', 'ftp://127.0.0.1:3001/dev', 'ws://127.0.0.1/dev']) {
    assert.throws(() => memoryTarget(url, {}, APIS, HOSTS), { code: 'HOPLITE_ERR_CONNECT_URL' }, url);
  }
});

test('WS-30 the upgrade: path and query as sent, Host from the URL, 127.0.0.1, the API port, wss: secure', () => {
  const { upgrade, protocols } = memoryTarget('wss://localhost:3001/dev?room=a&room=b', { protocols: ['chat.v1', 'chat.v2'] }, APIS, HOSTS);
  assert.equal(upgrade.url, '/dev?room=a&room=b');
  assert.equal(upgrade.method, 'GET');
  assert.equal(upgrade.remoteAddress, '127.0.0.1');
  assert.equal(upgrade.localPort, 3001);
  assert.equal(upgrade.secure, true);
  assert.deepEqual(protocols, ['chat.v1', 'chat.v2']);
  assert.equal(upgrade.headers.host, 'localhost:3001');
  assert.equal(upgrade.headers['sec-websocket-protocol'], 'chat.v1,chat.v2');
  assert.equal(upgrade.headers['sec-websocket-version'], '13');
  assert.match(String(upgrade.headers['sec-websocket-key']), /^[+/0-9A-Za-z]{22}==$/);
  assert.deepEqual(
    upgrade.rawHeaders.filter((_, index) => index % 2 === 0),
    ['Host', 'Sec-WebSocket-Version', 'Sec-WebSocket-Key', 'Connection', 'Upgrade', 'Sec-WebSocket-Protocol'],
  );
});

test('headers given replace the defaults of the same name, with the caller casing, and add the others', () => {
  const { upgrade } = memoryTarget('ws://127.0.0.1:3001/dev', { headers: { host: 'dev.box:3001', 'User-Agent': 'probe' } }, APIS, HOSTS);
  assert.deepEqual(upgrade.rawHeaders.slice(-4), ['host', 'dev.box:3001', 'User-Agent', 'probe']);
  assert.equal(upgrade.rawHeaders.filter((name) => name.toLowerCase() === 'host').length, 1);
  assert.equal(upgrade.headers['user-agent'], 'probe');
  assert.equal(memoryTarget('ws://127.0.0.1:3001/dev', { protocols: 'one' }, APIS, HOSTS).upgrade.headers['sec-websocket-protocol'], 'one');
});
