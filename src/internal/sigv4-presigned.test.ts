/** CONN-4, AUTH-7: the presigned query form of SigV4. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSigner } from './signer.ts';
import { MESSAGES, PRESIGNED_EXPIRED, parsePresignedQuery, verifyPresigned } from './sigv4.ts';

const SIGNED_AT = Date.UTC(2026, 0, 2, 3, 4, 5);
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

async function presignedUrl(options: { expiresIn?: number; secretAccessKey?: string; region?: string } = {}): Promise<string> {
  const signer = await createSigner({
    credentials: { ...CREDENTIALS, secretAccessKey: options.secretAccessKey ?? CREDENTIALS.secretAccessKey },
    region: options.region ?? 'us-east-1',
    service: 'execute-api',
  });
  const signed = await signer.presign(
    { method: 'GET', protocol: 'https:', hostname: '127.0.0.1:3001', path: '/dev', query: { token: 'a b' }, headers: { host: '127.0.0.1:3001' } },
    { signingDate: new Date(SIGNED_AT), expiresIn: options.expiresIn ?? 300 },
  );
  return `/dev?${new URLSearchParams(signed.query as Record<string, string>).toString()}`;
}

function verify(rawPath: string, nowMs = SIGNED_AT + 1000, secretAccessKey = CREDENTIALS.secretAccessKey) {
  const presigned = parsePresignedQuery(rawPath.slice(rawPath.indexOf('?') + 1));
  assert.ok(presigned);
  return verifyPresigned({ presigned, secretAccessKey, expectedRegion: 'us-east-1', method: 'GET', rawPath, headers: { host: '127.0.0.1:3001' }, nowMs });
}

test('AUTH-7: a presigned query string parses into its credential scope, date and lifetime', async () => {
  const url = await presignedUrl();
  const presigned = parsePresignedQuery(url.slice(url.indexOf('?') + 1));
  assert.deepEqual(
    { ...presigned, signature: presigned?.signature.length },
    {
      accessKeyId: 'AKIDEXAMPLE',
      date: '20260102',
      region: 'us-east-1',
      service: 'execute-api',
      signedHeaders: ['host'],
      signature: 64,
      amzDate: '20260102T030405Z',
      expiresSeconds: 300,
    },
  );
});

test('AUTH-7: a query without every presigned parameter, or with a malformed one, is not a presigned query', () => {
  const good =
    'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20260102%2Fus-east-1%2Fexecute-api%2Faws4_request&X-Amz-Date=20260102T030405Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature=' +
    'a'.repeat(64);
  assert.ok(parsePresignedQuery(good));
  assert.equal(parsePresignedQuery(''), undefined);
  assert.equal(parsePresignedQuery('token=1'), undefined);
  assert.equal(parsePresignedQuery(good.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA1')), undefined);
  assert.equal(parsePresignedQuery(good.replace('X-Amz-Date=20260102T030405Z', 'X-Amz-Date=yesterday')), undefined);
  assert.equal(parsePresignedQuery(good.replace('%2Faws4_request', '')), undefined);
  assert.equal(parsePresignedQuery(good.replace('X-Amz-Expires=300', 'X-Amz-Expires=604801')), undefined);
  assert.equal(parsePresignedQuery(good.replace('X-Amz-SignedHeaders=host', 'X-Amz-SignedHeaders=')), undefined);
  assert.equal(parsePresignedQuery(`${good.slice(0, -1)}`), undefined);
});

test('AUTH-7: a presigned URL verifies with the secret it was signed with, and no other', async () => {
  const url = await presignedUrl();
  assert.deepEqual(await verify(url), { ok: true });
  assert.deepEqual(await verify(url, SIGNED_AT + 1000, 'other'), { ok: false, message: MESSAGES.mismatch });
  assert.deepEqual(await verify(url.replace('token=a+b', 'token=other')), { ok: false, message: MESSAGES.mismatch });
});

test('AUTH-7: a presigned URL expires after X-Amz-Expires, and must be scoped to the region and execute-api', async () => {
  const url = await presignedUrl({ expiresIn: 300 });
  assert.deepEqual(await verify(url, SIGNED_AT + 300_000), { ok: true });
  assert.deepEqual(await verify(url, SIGNED_AT + 300_001), { ok: false, message: PRESIGNED_EXPIRED });
  assert.deepEqual(await verify(url, SIGNED_AT - 16 * 60_000), { ok: false, message: MESSAGES.expired });
  assert.deepEqual(await verify(await presignedUrl({ region: 'eu-west-1' })), { ok: false, message: MESSAGES.wrongScope });
});
