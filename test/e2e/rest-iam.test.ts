/** REST-49: `AWS_IAM` on REST methods, requests signed by the AWS SDK v3 signer and sent with node's fetch over loopback. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { MESSAGES } from '../../src/internal/sigv4.ts';
import restAuthorizer from '../fixtures/services/rest-authorizer/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { CREDENTIALS, presignedUrl, signedFetch } from '../helpers/signed-fetch.ts';

const MISSING = { status: 403, type: 'MissingAuthenticationTokenException', body: '{"message":"Missing Authentication Token"}' };

async function answer(response: Promise<Response>) {
  const received = await response;
  return { status: received.status, type: received.headers.get('x-amzn-errortype'), body: await received.text() };
}

let plain: StartedGateway;
let verifying: StartedGateway;
const urlOf = (started: StartedGateway) => ((started.urls.apis as ApiEndpoint[])[0] as ApiEndpoint).url;
const IDENTITY = {
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
};

before(async () => {
  plain = await startGateway(null, restAuthorizer);
  verifying = await startGateway(null, restAuthorizer, { credentials: [CREDENTIALS] });
});

after(async () => {
  await plain.gateway.dispose();
  await verifying.gateway.dispose();
});

describe('REST-49 AWS_IAM without the gateway credentials: a well-formed signature is enough', () => {
  test('REST-49 unsigned or not SigV4: 403 Missing Authentication Token, the integration not invoked', async () => {
    assert.deepEqual(await answer(fetch(`${urlOf(plain)}/signed`)), MISSING);
    assert.deepEqual(await answer(fetch(`${urlOf(plain)}/signed`, { headers: { Authorization: 'Bearer abc' } })), MISSING);
    assert.deepEqual(await answer(fetch(`${urlOf(plain)}/signed?X-Amz-Signature=abc`)), MISSING);
    assert.equal(plain.log.functionLines.filter(({ functionName }) => functionName === 'reflect').length, 0);
  });

  test('REST-49 a signed request reaches the method with the caller in requestContext.identity', async () => {
    const event = JSON.parse((await answer(signedFetch(`${urlOf(plain)}/signed?x=1`, { credentials: { ...CREDENTIALS, secretAccessKey: 'anything' } }))).body);
    assert.deepStrictEqual(event.requestContext.identity, IDENTITY);
    assert.equal('authorizer' in event.requestContext, false);
  });
});

describe('REST-49 AWS_IAM with the gateway credentials: the signature must verify', () => {
  test('REST-49 signed in headers (GET, and POST with its body) or presigned: allowed', async () => {
    const get = JSON.parse((await answer(signedFetch(`${urlOf(verifying)}/signed?page=2`))).body);
    assert.deepStrictEqual(get.requestContext.identity, IDENTITY);
    const post = await answer(signedFetch(`${urlOf(verifying)}/signed`, { method: 'POST', body: '{"title":"milk"}' }));
    assert.equal(post.status, 200);
    assert.equal(JSON.parse(post.body).body, '{"title":"milk"}');
    const presigned = await answer(fetch(await presignedUrl(`${urlOf(verifying)}/signed`)));
    assert.deepStrictEqual(JSON.parse(presigned.body).requestContext.identity, IDENTITY);
  });

  test('REST-49 a wrong secret, an unknown key or a changed body: 403 INVALID_SIGNATURE with the SigV4 message', async () => {
    // spec: unverified (the response type; the messages are CONN-4's)
    const refused = (message: string) => ({ status: 403, type: 'InvalidSignatureException', body: JSON.stringify({ message }) });
    assert.deepEqual(
      await answer(signedFetch(`${urlOf(verifying)}/signed`, { credentials: { ...CREDENTIALS, secretAccessKey: 'wrong' } })),
      refused(MESSAGES.mismatch),
    );
    assert.deepEqual(
      await answer(signedFetch(`${urlOf(verifying)}/signed`, { credentials: { accessKeyId: 'AKIDOTHER', secretAccessKey: 'local-secret' } })),
      refused(MESSAGES.unknownKey),
    );
    assert.deepEqual(
      await answer(signedFetch(`${urlOf(verifying)}/signed`, { method: 'POST', body: '{"a":1}', tamperedBody: '{"a":2}' })),
      refused(MESSAGES.mismatch),
    );
    assert.equal(verifying.log.functionLines.filter(({ functionName, line }) => functionName === 'reflect' && line.includes('"a":2')).length, 0);
  });
});
