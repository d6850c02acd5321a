/** The subprotocol list of an upgrade, checked before `$connect` exactly as `ws` checks it after (WS-3, WS-15, WS-50). */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import fc from 'fast-check';
import { isValidUpgrade, parseSubprotocols } from './handshake.ts';

/** ws's own parser, the one its `handleUpgrade` refuses with: the reference these checks must agree with. */
const require = createRequire(createRequire(import.meta.url).resolve('ws'));
const wsSubprotocol = require('./lib/subprotocol.js') as { parse(header: string): Set<string> };

function wsParse(header: string): string[] | undefined {
  try {
    return [...wsSubprotocol.parse(header)];
  } catch {
    return undefined;
  }
}

const RUNS = { numRuns: 1000, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };
const GOOD = { upgrade: 'websocket', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-version': '13' };

test('WS-15 WS-50 a bad Sec-WebSocket-Protocol (empty element, space in a name, duplicate, non-ASCII) fails the upgrade check', () => {
  for (const value of ['chat, , v2', ',,,', 'a, a', 'a b', 'ché', 'chat,', ',chat', '']) {
    assert.equal(parseSubprotocols(value), undefined, value);
    assert.equal(isValidUpgrade('GET', { ...GOOD, 'sec-websocket-protocol': value }), false, value);
  }
  assert.deepEqual(parseSubprotocols('chat, v2\t,x'), ['chat', 'v2', 'x']);
  assert.equal(isValidUpgrade('GET', { ...GOOD, 'sec-websocket-protocol': 'chat.v1, chat.v2' }), true);
  assert.equal(isValidUpgrade('GET', GOOD), true);
});

test('WS-15 any Sec-WebSocket-Protocol value is accepted or refused exactly as ws accepts or refuses it', () => {
  const value = fc.oneof(
    fc.string({ unit: fc.constantFrom(...'ab, \t,é"/'), maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.array(fc.constantFrom('chat', 'v2', 'a', ''), { maxLength: 4 }).map((names) => names.join(', ')),
  );
  fc.assert(
    fc.property(value, (header) => assert.deepEqual(parseSubprotocols(header), wsParse(header))),
    RUNS,
  );
});
