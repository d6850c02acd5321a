/** Properties of the upgrade checks for any handshake headers: no exception, and RFC 6455's rules restated as reference. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isValidUpgrade, protocolFromConnectResult } from './handshake.ts';

/** Bounded runs; fast-check prints the seed and path of a failure, and FC_SEED replays one. */
const RUNS = { numRuns: 1000, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };

/** RFC 6455 4.2.1 restated: a GET, `Upgrade: websocket` in any case, a key that is 16 bytes in base64, version 13 (or 8). */
function referenceUpgrade(method: string | undefined, headers: Record<string, string | string[] | undefined>): boolean {
  const key = headers['sec-websocket-key'];
  const keyIsSixteenBytes = typeof key === 'string' && Buffer.from(key, 'base64').length === 16 && Buffer.from(key, 'base64').toString('base64') === key;
  const upgrade = headers.upgrade;
  return (
    method === 'GET' &&
    typeof upgrade === 'string' &&
    upgrade.toLowerCase() === 'websocket' &&
    keyIsSixteenBytes &&
    ['13', '8'].includes(headers['sec-websocket-version'] as string)
  );
}

const GOOD_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
/** Values near the valid ones (case, padding, whitespace, repeats) and anything at all. */
const headerValue = (near: string[]) =>
  fc.oneof(
    fc.constantFrom(...near),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.array(fc.constantFrom(...near), { minLength: 1, maxLength: 3 }),
    fc.constant(undefined),
    fc.uint8Array({ minLength: 14, maxLength: 18 }).map((bytes) => Buffer.from(bytes).toString('base64')),
  );

const handshake = fc.record({
  method: fc.oneof(fc.constantFrom('GET', 'get', 'POST', 'HEAD'), fc.constant(undefined), fc.string()),
  upgrade: headerValue(['websocket', 'WebSocket', 'WEBSOCKET', ' websocket', 'websocket, h2c', 'h2c']),
  key: headerValue([GOOD_KEY, GOOD_KEY.replace('==', '='), GOOD_KEY.slice(1), `${GOOD_KEY} `, 'dGhlIHNhbXBsZSBub25jZR==', '%%%']),
  version: headerValue(['13', '8', '12', ' 13', '13, 8', '']),
});

test('RFC 6455 4.2.1: any handshake headers are accepted or refused as the RFC 6455 rules say, never an exception', () => {
  fc.assert(
    fc.property(handshake, ({ method, upgrade, key, version }) => {
      const headers = { upgrade, 'sec-websocket-key': key, 'sec-websocket-version': version };
      assert.equal(isValidUpgrade(method, headers), referenceUpgrade(method, headers));
    }),
    RUNS,
  );
});

test('WS-13 any $connect result headers yield a non-empty protocol string or none, never an exception', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.anything(),
        fc.dictionary(fc.constantFrom('Sec-WebSocket-Protocol', 'sec-websocket-protocol', 'SEC-WEBSOCKET-PROTOCOL', 'x-other'), fc.anything()),
      ),
      (headers) => {
        const protocol = protocolFromConnectResult(headers);
        assert.ok(protocol === undefined || (typeof protocol === 'string' && protocol !== ''));
      },
    ),
    RUNS,
  );
});
