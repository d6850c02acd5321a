/** AUTH-40 on a manual clock: the signature's age is judged by the gateway's clock, and repeated headers are signed as sent. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { ManualClock } from '../internal/manual-clock.ts';
import { MESSAGES } from '../internal/sigv4.ts';
import type { HttpRouteModel } from '../model/types.ts';
import type { AuthorizationRequest, AuthorizationVerdict } from './authorization.ts';
import { iamAuthorization } from './iam-authorization.ts';

const CREDENTIALS = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };
const ROUTE: HttpRouteModel = { key: 'GET /stats', function: 'stats', payloadFormatVersion: '2.0', integrationTimeoutMs: 30_000, authorizationType: 'AWS_IAM' };

async function signedRequest(clock: ManualClock, extraHeaders: Record<string, string> = {}): Promise<AuthorizationRequest> {
  const signer = new SignatureV4({ credentials: CREDENTIALS, region: 'us-east-1', service: 'execute-api', sha256: Sha256 });
  const signed = await signer.sign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
      path: '/dev/stats',
      query: { x: '1' },
      headers: { host: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com', ...extraHeaders },
    },
    { signingDate: new Date(clock.now()) },
  );
  const rawHeaders = Object.entries(signed.headers).flat();
  return {
    facts: {
      method: 'GET',
      rawPath: '/dev/stats',
      rawQuery: 'x=1',
      rawHeaders,
      body: undefined,
      sourceIp: '127.0.0.1',
      domainName: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
      localPort: 443,
      secure: true,
      traceId: 'Root=1-65c66a6f-0a1b2c3d4e5f60718293a4b5',
      requestId: 'Yk3rqeHsoAMFa7w=',
      timeEpoch: clock.now(),
    },
    api: { apiId: 'a1b2c3d4e5', accountId: '123456789012', stage: 'dev', stageVariables: undefined },
    route: ROUTE,
    pathParameters: undefined,
    path: '/stats',
  };
}

const body = (verdict: AuthorizationVerdict) => (verdict.kind === 'deny' ? `${verdict.response.statusCode} ${verdict.response.body}` : 'allow');

test('AUTH-40 a signature verifies for 15 minutes of the gateway clock, then is expired', async () => {
  const clock = new ManualClock();
  const authorization = iamAuthorization({ credentials: [CREDENTIALS], region: 'us-east-1', clock, accountId: '123456789012' });
  const request = await signedRequest(clock);
  assert.equal(body(await authorization.authorize(request)), 'allow');
  await clock.advance(15 * 60 * 1000);
  assert.equal(body(await authorization.authorize(request)), 'allow');
  await clock.advance(1);
  assert.equal(body(await authorization.authorize(request)), `403 ${JSON.stringify({ message: MESSAGES.expired })}`);
});

test('AUTH-40 the caller in 2.0 `authorizer.iam` and 1.0 `identity`; another region is the wrong scope', async () => {
  const clock = new ManualClock();
  const verdict = await iamAuthorization({ credentials: [CREDENTIALS], region: 'us-east-1', clock, accountId: '123456789012' }).authorize(
    await signedRequest(clock, { 'x-custom': 'a' }),
  );
  assert.equal(verdict.kind, 'allow');
  if (verdict.kind !== 'allow') return;
  assert.deepStrictEqual(verdict.authorizer('2.0'), {
    iam: {
      accessKey: 'AKIDLOCAL',
      accountId: '123456789012',
      callerId: 'AKIDLOCAL',
      cognitoIdentity: null,
      principalOrgId: null,
      userArn: 'arn:aws:iam::123456789012:user/AKIDLOCAL',
      userId: 'AKIDLOCAL',
    },
  });
  assert.equal(verdict.authorizer('1.0'), undefined);
  assert.deepStrictEqual(verdict.identity, {
    accessKey: 'AKIDLOCAL',
    accountId: '123456789012',
    caller: 'AKIDLOCAL',
    user: 'AKIDLOCAL',
    userArn: 'arn:aws:iam::123456789012:user/AKIDLOCAL',
  });
  const elsewhere = iamAuthorization({ credentials: [CREDENTIALS], region: 'eu-west-1', clock, accountId: '123456789012' });
  assert.equal(body(await elsewhere.authorize(await signedRequest(clock))), `403 ${JSON.stringify({ message: MESSAGES.wrongScope })}`);
});
