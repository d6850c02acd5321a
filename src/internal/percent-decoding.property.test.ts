/** Properties of percent-decoding: any text decodes or is reported malformed, as an independent UTF-8 decoder says. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodePercentEncoded } from './percent-decoding.ts';

/** Bounded runs; fast-check prints the seed and path of a failure, and FC_SEED replays one. */
const RUNS = { numRuns: 1000, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };

/** The reference: `%XX` escapes are bytes, the whole must be well-formed UTF-8 (no BOM stripping, no replacement). */
function referenceDecode(text: string): string | undefined {
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return undefined;
  const bytes = Buffer.concat(
    text.split(/(%[0-9A-Fa-f]{2})/).map((part) => (part.startsWith('%') ? Buffer.from([Number.parseInt(part.slice(1), 16)]) : Buffer.from(part))),
  );
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const percentEscape = fc.integer({ min: 0, max: 255 }).map((byte) => `%${byte.toString(16).padStart(2, '0')}`);
/** Escapes, stray `%`, ASCII and non-ASCII text, mixed: what arrives in a request path. */
const encodedText = fc
  .array(fc.oneof(percentEscape, fc.constantFrom('%', '%E', '%zz', 'a', '/', '+', 'é', '%E0%A4', '%F0%9F%98'), fc.string({ maxLength: 3 })), { maxLength: 12 })
  .map((parts) => parts.join(''));

test('CONN-3 HTTP-12 percent-decoding of any text never throws and agrees with a strict UTF-8 decoder of the escaped bytes', () => {
  fc.assert(
    fc.property(encodedText, (text) => {
      assert.equal(decodePercentEncoded(text), referenceDecode(text));
    }),
    RUNS,
  );
});

test('CONN-3 decoding what encodeURIComponent encoded gives back the text, for any well-formed unicode', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), (text) => {
      assert.equal(decodePercentEncoded(encodeURIComponent(text)), text);
    }),
    RUNS,
  );
});

test('CONN-3 any string, lone surrogates included, decodes or is undefined; `+` stays a plus', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      const decoded = decodePercentEncoded(text);
      assert.ok(decoded === undefined || typeof decoded === 'string');
    }),
    RUNS,
  );
  assert.equal(decodePercentEncoded('a+b%2Bc'), 'a+b+c');
  const huge = '%E2%82%AC'.repeat(300_000);
  assert.equal(decodePercentEncoded(huge)?.length, 300_000);
  assert.equal(decodePercentEncoded(`${huge}%E0%A4%A`), undefined);
});
