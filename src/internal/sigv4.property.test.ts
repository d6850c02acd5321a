/** Properties of SigV4 parsing and verification for any client input: no exception, and what the SDK's signer signs verifies. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createSigner } from './signer.ts';
import { MESSAGES, parseAuthorization, verifySignature } from './sigv4.ts';

/** Bounded runs; fast-check prints the seed and path of a failure, and FC_SEED replays one. */
const seed = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {};

const NOW_MS = Date.UTC(2026, 0, 2, 3, 4, 5);
const AMZ_DATE = '20260102T030405Z';
const SIGNATURE = 'a'.repeat(64);
const WELL_FORMED = `AWS4-HMAC-SHA256 Credential=AKID/20260102/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=${SIGNATURE}`;

/** Any text, and near misses of a well-formed header: a character replaced, cut, or repeated. */
const authorizationText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc
    .tuple(fc.nat({ max: WELL_FORMED.length - 1 }), fc.string({ maxLength: 3 }))
    .map(([at, text]) => WELL_FORMED.slice(0, at) + text + WELL_FORMED.slice(at + 1)),
  fc.nat({ max: WELL_FORMED.length }).map((at) => WELL_FORMED.slice(0, at)),
  fc.integer({ min: 1, max: 2_000 }).map((times) => WELL_FORMED.replace('host;', 'host;'.repeat(times))),
);

test('CONN-4 any Authorization header text is parsed or refused as not SigV4, never an exception', () => {
  fc.assert(
    fc.property(authorizationText, (header) => {
      const parsed = parseAuthorization(header);
      if (parsed) assert.deepEqual(Object.keys(parsed), ['accessKeyId', 'date', 'region', 'service', 'signedHeaders', 'signature']);
    }),
    { numRuns: 1000, ...seed },
  );
});

test('CONN-4 a header formatted from its parts parses back to those parts', () => {
  const part = (pattern: RegExp) => fc.stringMatching(pattern);
  fc.assert(
    fc.property(
      part(/^[A-Za-z0-9]{1,20}$/),
      part(/^\d{8}$/),
      part(/^[a-z0-9-]{1,15}$/),
      part(/^[a-z0-9-]{1,15}$/),
      fc.array(part(/^[a-z0-9-]{1,12}$/), { minLength: 1, maxLength: 6 }),
      part(/^[0-9a-f]{64}$/),
      fc.constantFrom(',', ', ', ',  '),
      (accessKeyId, date, region, service, signedHeaders, signature, separator) => {
        const header = `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${date}/${region}/${service}/aws4_request${separator}SignedHeaders=${signedHeaders.join(';')}${separator}Signature=${signature}`;
        assert.deepEqual(parseAuthorization(header), { accessKeyId, date, region, service, signedHeaders, signature });
      },
    ),
    { numRuns: 500, ...seed },
  );
});

const headerName = fc.oneof(fc.constantFrom('host', 'x-amz-date', 'content-type', 'x-amz-content-sha256'), fc.stringMatching(/^[a-z0-9-]{1,10}$/));
const headerValue = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(fc.string(), { maxLength: 3 }));

test('CONN-4 verifying any request with any signed headers resolves to ok or a refusal, never a rejection', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(headerName, { minLength: 1, maxLength: 5 }),
      fc.dictionary(headerName, headerValue, { maxKeys: 5 }),
      fc.oneof(fc.constant(AMZ_DATE), fc.string()),
      fc.string({ unit: 'binary' }),
      fc.uint8Array({ maxLength: 64 }),
      async (signedHeaders, headers, amzDate, rawPath, body) => {
        const result = await verifySignature({
          authorization: { accessKeyId: 'AKID', date: '20260102', region: 'us-east-1', service: 'execute-api', signedHeaders, signature: SIGNATURE },
          secretAccessKey: 'secret',
          expectedRegion: 'us-east-1',
          method: 'POST',
          rawPath: `/${rawPath}`,
          headers: { ...headers, 'x-amz-date': amzDate },
          body: Buffer.from(body),
          nowMs: NOW_MS,
        });
        if (!result.ok) assert.ok(([MESSAGES.mismatch, MESSAGES.expired] as string[]).includes(result.message), result.message);
      },
    ),
    { numRuns: 200, ...seed },
  );
});

test("CONN-4 what the SDK's signer signs verifies; another body under the same signed x-amz-content-sha256 is a mismatch", async () => {
  const signer = await createSigner({ credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' }, region: 'us-east-1', service: 'execute-api' });
  await fc.assert(
    fc.asyncProperty(
      fc.stringMatching(/^[A-Za-z0-9_=-]{1,20}$/),
      fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.stringMatching(/^[A-Za-z0-9 ]{0,8}$/), { maxKeys: 3 }),
      fc.uint8Array({ maxLength: 64 }),
      async (connectionId, query, body) => {
        const path = `/dev/@connections/${encodeURIComponent(connectionId)}`;
        const headers = { host: '127.0.0.1:3001', 'x-amz-date': AMZ_DATE };
        const signed = await signer.sign(
          { method: 'POST', protocol: 'https:', hostname: headers.host, path, query, headers, body: Buffer.from(body) },
          { signingDate: new Date(NOW_MS) },
        );
        const authorization = parseAuthorization(String(signed.headers.authorization));
        assert.ok(authorization);
        const search = new URLSearchParams(query).toString();
        const request = {
          authorization,
          secretAccessKey: 'secret',
          expectedRegion: 'us-east-1',
          method: 'POST',
          rawPath: search ? `${path}?${search}` : path,
          headers: Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value])),
          nowMs: NOW_MS,
        };
        assert.deepEqual(await verifySignature({ ...request, body: Buffer.from(body) }), { ok: true });
        assert.deepEqual(await verifySignature({ ...request, body: Buffer.concat([Buffer.from(body), Buffer.from('x')]) }), {
          ok: false,
          message: MESSAGES.mismatch,
        });
      },
    ),
    { numRuns: 200, ...seed },
  );
});
