/** Properties of the upgrade checks for any handshake headers: no exception, and RFC 6455's rules restated as reference. */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isValidUpgrade, parseSubprotocols, protocolFromConnectResult } from './handshake.ts';

/** The parser `ws` refuses handshakes with: it throws on a header it does not take. */
const require = createRequire(import.meta.url);
const wsSubprotocols = require(join(dirname(require.resolve('ws')), 'lib', 'subprotocol.js')) as { parse(header: string): Set<string> };

/** Bounded runs; fast-check prints the seed and path of a failure, and FC_SEED replays one. */
const RUNS = { numRuns: 1000, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };

const BASE64_ALPHABET = new Set('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');

function wsTakes(header: string): boolean {
  try {
    wsSubprotocols.parse(header);
    return true;
  } catch {
    return false;
  }
}

/**
 * RFC 6455 4.2.1 restated: a GET, `Upgrade: websocket` in any case, a key of 16 bytes in base64 (22 characters and
 * `==`; like ws, unused bits of the last character are not checked), version 13 (or 8), subprotocols ws takes.
 */
function referenceUpgrade(method: string | undefined, headers: Record<string, string | string[] | undefined>): boolean {
  const key = headers['sec-websocket-key'];
  const keyIsSixteenBytes =
    typeof key === 'string' && key.length === 24 && key.endsWith('==') && [...key.slice(0, 22)].every((char) => BASE64_ALPHABET.has(char));
  const upgrade = headers.upgrade;
  const protocols = headers['sec-websocket-protocol'];
  return (
    method === 'GET' &&
    typeof upgrade === 'string' &&
    upgrade.toLowerCase() === 'websocket' &&
    keyIsSixteenBytes &&
    ['13', '8'].includes(headers['sec-websocket-version'] as string) &&
    (protocols === undefined || (typeof protocols === 'string' && wsTakes(protocols)))
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
  protocol: headerValue(['chat', 'chat, v2', 'chat, , v2', ',,,', 'a, a', 'a b', '\u00e9']),
});

test('WS-15 RFC 6455 4.2.1: any handshake headers, subprotocols included, are accepted or refused as RFC 6455 and ws say, never an exception', () => {
  fc.assert(
    fc.property(handshake, ({ method, upgrade, key, version, protocol }) => {
      const headers = { upgrade, 'sec-websocket-key': key, 'sec-websocket-version': version, 'sec-websocket-protocol': protocol };
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

/** Tokens, separators and the bytes that break them, in any order: what a client may put in `Sec-WebSocket-Protocol`. */
const subprotocolHeader = fc
  .array(fc.oneof(fc.constantFrom('chat', 'v2', 'a', ',', ', ', ' ,', '\t', ' ', '"', '\u00e9', '/', '{'), fc.string({ maxLength: 3 })), { maxLength: 8 })
  .map((parts) => parts.join(''));

test('WS-15 any Sec-WebSocket-Protocol is refused by parseSubprotocols exactly when ws would refuse it, and parsed as ws parses it', () => {
  fc.assert(
    fc.property(subprotocolHeader, (header) => {
      let expected: string[] | undefined;
      try {
        expected = [...wsSubprotocols.parse(header)];
      } catch {
        expected = undefined;
      }
      assert.deepEqual(parseSubprotocols(header), expected);
    }),
    RUNS,
  );
});
