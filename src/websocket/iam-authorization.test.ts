/** AUTH-7: the `AWS_IAM` check of `$connect`, on a manual clock. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../internal/manual-clock.ts';
import { createSigner } from '../internal/signer.ts';
import { PRESIGNED_EXPIRED } from '../internal/sigv4.ts';
import { iamGate, MISSING_SIGNATURE_BODY } from './iam-authorization.ts';
import type { UpgradeFacts } from './upgrade.ts';

const CREDENTIALS = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };
const ROUTE = { key: '$connect', function: 'connect', integrationTimeoutMs: 29_000, authorizationType: 'AWS_IAM' as const };

function upgrade(url: string, headers: Record<string, string> = {}): UpgradeFacts {
  const all = { host: '127.0.0.1:3001', ...headers };
  return { url, method: 'GET', rawHeaders: Object.entries(all).flat(), headers: all, remoteAddress: '127.0.0.1', localPort: 3001, secure: false };
}

async function presignedUrl(clock: ManualClock, expiresIn: number): Promise<string> {
  const signer = await createSigner({ credentials: CREDENTIALS, region: 'us-east-1', service: 'execute-api' });
  const signed = await signer.presign(
    { method: 'GET', protocol: 'http:', hostname: '127.0.0.1:3001', path: '/dev', query: {}, headers: { host: '127.0.0.1:3001' } },
    { signingDate: new Date(clock.now()), expiresIn },
  );
  return `/dev?${new URLSearchParams(signed.query as Record<string, string>)}`;
}

test('AUTH-7 a $connect that is not AWS_IAM gets no check at all', () => {
  const clock = new ManualClock();
  const options = { credentials: undefined, region: 'us-east-1', accountId: '000000000000', clock };
  assert.equal(iamGate({ ...ROUTE, authorizationType: 'NONE' }, options), undefined);
  assert.equal(iamGate({ ...ROUTE, authorizationType: undefined }, options), undefined);
  assert.equal(iamGate(undefined, options), undefined);
});

test('AUTH-7 with credentials a presigned URL opens until X-Amz-Expires has passed, then 403 // spec: unverified(body)', async () => {
  const clock = new ManualClock();
  const gate = iamGate(ROUTE, { credentials: [CREDENTIALS], region: 'us-east-1', accountId: '123456789012', clock });
  assert.ok(gate);
  const url = await presignedUrl(clock, 60);
  const query = url.slice(url.indexOf('?') + 1);
  await clock.advance(60_000);
  assert.deepEqual(await gate(upgrade(url), query), {
    kind: 'allow',
    identity: {
      accessKey: 'AKIDLOCAL',
      accountId: '123456789012',
      caller: 'AKIDLOCAL',
      user: 'AKIDLOCAL',
      userArn: 'arn:aws:iam::123456789012:user/AKIDLOCAL',
    },
  });
  await clock.advance(1);
  assert.deepEqual(await gate(upgrade(url), query), { kind: 'refuse', status: 403, body: JSON.stringify({ message: PRESIGNED_EXPIRED }) });
  assert.deepEqual(await gate(upgrade('/dev'), ''), { kind: 'refuse', status: 403, body: MISSING_SIGNATURE_BODY });
});

test('AUTH-7 without credentials a well-formed Authorization header passes unverified; a malformed one is missing', async () => {
  const gate = iamGate(ROUTE, { credentials: undefined, region: 'us-east-1', accountId: '000000000000', clock: new ManualClock() });
  assert.ok(gate);
  const authorization = `AWS4-HMAC-SHA256 Credential=AKIDANY/20260101/eu-west-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;
  assert.equal((await gate(upgrade('/dev', { authorization }), '')).kind, 'allow');
  assert.deepEqual(await gate(upgrade('/dev', { authorization: authorization.replace('Signature=', 'Sig=') }), ''), {
    kind: 'refuse',
    status: 403,
    body: MISSING_SIGNATURE_BODY,
  });
});
