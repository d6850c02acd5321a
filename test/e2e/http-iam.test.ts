/** AUTH-40: `AWS_IAM` on HTTP API routes, requests signed by the AWS SDK v3 signer and sent with node's fetch over loopback. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { MESSAGES } from '../../src/internal/sigv4.ts';
import lambdaAuthorizer from '../fixtures/services/lambda-authorizer/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { CREDENTIALS, presignedUrl, signedFetch } from '../helpers/signed-fetch.ts';

const FORBIDDEN = { status: 403, body: '{"message":"Forbidden"}' };
const IAM_V2 = {
  accessKey: 'AKIDLOCAL',
  accountId: '000000000000',
  callerId: 'AKIDLOCAL',
  cognitoIdentity: null,
  principalOrgId: null,
  userArn: 'arn:aws:iam::000000000000:user/AKIDLOCAL',
  userId: 'AKIDLOCAL',
};

async function answer(response: Promise<Response>) {
  const received = await response;
  return { status: received.status, body: await received.text() };
}

let plain: StartedGateway;
let verifying: StartedGateway;
const urlOf = (started: StartedGateway) => ((started.urls.apis as ApiEndpoint[])[0] as ApiEndpoint).url;

before(async () => {
  plain = await startGateway(null, lambdaAuthorizer);
  verifying = await startGateway(null, lambdaAuthorizer, { credentials: [CREDENTIALS] });
});

after(async () => {
  await plain.gateway.dispose();
  await verifying.gateway.dispose();
});

describe('AUTH-40 AWS_IAM without the gateway credentials: a well-formed signature is enough (AUTH-7 local choice)', () => {
  test('AUTH-40 unsigned or not SigV4: 403 Forbidden, the integration not invoked', async () => {
    // spec: unverified (the body of an unsigned request)
    assert.deepEqual(await answer(fetch(`${urlOf(plain)}/signed`)), FORBIDDEN);
    assert.deepEqual(await answer(fetch(`${urlOf(plain)}/signed`, { headers: { Authorization: 'Bearer abc' } })), FORBIDDEN);
    assert.deepEqual(await answer(fetch(`${urlOf(plain)}/signed?X-Amz-Signature=abc`)), FORBIDDEN);
    assert.equal(plain.log.functionLines.filter(({ functionName }) => functionName === 'reflect').length, 0);
  });

  test('AUTH-40 a signed request reaches the route; 2.0 events carry authorizer.iam, 1.0 events the identity fields', async () => {
    const v2 = JSON.parse(
      (await answer(signedFetch(`${urlOf(plain)}/signed?x=1`, { credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'anything' } }))).body,
    );
    assert.deepStrictEqual(v2.requestContext.authorizer, { iam: IAM_V2 });
    const v1 = JSON.parse((await answer(signedFetch(`${urlOf(plain)}/signed/v1`))).body);
    assert.equal(v1.requestContext.authorizer, undefined);
    assert.deepStrictEqual(v1.requestContext.identity, {
      accessKey: 'AKIDLOCAL',
      accountId: '000000000000',
      caller: 'AKIDLOCAL',
      cognitoAuthenticationProvider: null,
      cognitoAuthenticationType: null,
      cognitoIdentityId: null,
      cognitoIdentityPoolId: null,
      principalOrgId: null,
      sourceIp: '127.0.0.1',
      user: 'AKIDLOCAL',
      userAgent: 'node',
      userArn: 'arn:aws:iam::000000000000:user/AKIDLOCAL',
    });
  });
});

describe('AUTH-40 AWS_IAM with the gateway credentials: the signature must verify', () => {
  test('AUTH-40 signed in headers (GET, and POST with its body) or presigned: allowed', async () => {
    const get = JSON.parse((await answer(signedFetch(`${urlOf(verifying)}/signed?page=2`))).body);
    assert.deepStrictEqual(get.requestContext.authorizer, { iam: IAM_V2 });
    const post = await answer(signedFetch(`${urlOf(verifying)}/signed`, { method: 'POST', body: '{"title":"milk"}' }));
    assert.equal(post.status, 200);
    assert.equal(JSON.parse(post.body).body, '{"title":"milk"}');
    const presigned = await answer(fetch(await presignedUrl(`${urlOf(verifying)}/signed`)));
    assert.deepStrictEqual(JSON.parse(presigned.body).requestContext.authorizer, { iam: IAM_V2 });
  });

  test('AUTH-40 a wrong secret, an unknown key or a changed body: 403 with the SigV4 message', async () => {
    // spec: unverified (HTTP APIs' messages for a bad signature, taken from CONN-4)
    const mismatch = { status: 403, body: JSON.stringify({ message: MESSAGES.mismatch }) };
    assert.deepEqual(await answer(signedFetch(`${urlOf(verifying)}/signed`, { credentials: { ...CREDENTIALS, secretAccessKey: 'wrong' } })), mismatch);
    assert.deepEqual(await answer(signedFetch(`${urlOf(verifying)}/signed`, { credentials: { accessKeyId: 'AKIDOTHER', secretAccessKey: 'local-secret' } })), {
      status: 403,
      body: JSON.stringify({ message: MESSAGES.unknownKey }),
    });
    assert.deepEqual(await answer(signedFetch(`${urlOf(verifying)}/signed`, { method: 'POST', body: '{"a":1}', tamperedBody: '{"a":2}' })), mismatch);
    assert.deepEqual(await answer(fetch(`${urlOf(verifying)}/signed`)), FORBIDDEN);
    assert.equal((await answer(fetch(`${urlOf(verifying)}/open`))).status, 200);
  });
});
