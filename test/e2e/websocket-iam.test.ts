/** AUTH-7: `AWS_IAM` on `$connect`, signed as the AWS SDK signs: Authorization header or presigned query string. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { MESSAGES } from '../../src/internal/sigv4.ts';
import { MISSING_SIGNATURE_BODY } from '../../src/websocket/iam-authorization.ts';
import { type MemoryWebSocket, UnexpectedResponse } from '../../src/websocket/index.ts';
import iam from '../fixtures/services/iam/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { eventually, openClient, refusedHandshake } from '../helpers/ws-client.ts';

const CREDENTIALS = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };
const IDENTITY = {
  accessKey: 'AKIDLOCAL',
  accountId: '000000000000',
  caller: 'AKIDLOCAL',
  user: 'AKIDLOCAL',
  userArn: 'arn:aws:iam::000000000000:user/AKIDLOCAL',
};

function signer(secretAccessKey = CREDENTIALS.secretAccessKey, region = 'us-east-1'): SignatureV4 {
  return new SignatureV4({ credentials: { ...CREDENTIALS, secretAccessKey }, region, service: 'execute-api', sha256: Sha256 });
}

/** The headers the SDK's signer adds to a GET of the API's URL (Authorization, X-Amz-Date, …). */
async function signedHeaders(url: string, secretAccessKey?: string): Promise<Record<string, string>> {
  const { host, pathname, searchParams } = new URL(url);
  const signed = await signer(secretAccessKey).sign({
    method: 'GET',
    protocol: 'http:',
    hostname: host,
    path: pathname,
    query: Object.fromEntries(searchParams),
    headers: { host },
  });
  const { host: _host, ...headers } = signed.headers;
  return headers;
}

/** The API's URL with the SDK's presigned query string. */
async function presigned(url: string, secretAccessKey?: string): Promise<string> {
  const parsed = new URL(url);
  const signed = await signer(secretAccessKey).presign(
    {
      method: 'GET',
      protocol: 'http:',
      hostname: parsed.host,
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      headers: { host: parsed.host },
    },
    { expiresIn: 300 },
  );
  return `${parsed.origin}${parsed.pathname}?${new URLSearchParams(signed.query as Record<string, string>)}`;
}

let plain: StartedGateway;
let verifying: StartedGateway;
let signedApi: ApiEndpoint;
let openApi: ApiEndpoint;
let verifiedApi: ApiEndpoint;

before(async () => {
  plain = await startGateway(null, iam);
  verifying = await startGateway(null, iam, { credentials: [CREDENTIALS] });
  [signedApi, openApi] = plain.urls.apis as [ApiEndpoint, ApiEndpoint];
  verifiedApi = (verifying.urls.apis as ApiEndpoint[])[0] as ApiEndpoint;
});

after(async () => {
  await plain.gateway.dispose();
  await verifying.gateway.dispose();
});

async function refusal(started: StartedGateway, url: string, headers?: Record<string, string>): Promise<{ status: number; body: string }> {
  const error = await started.gateway.connect(url, headers ? { headers } : {}).opened.then(
    () => new Error('the handshake was accepted'),
    (refused: Error) => refused,
  );
  assert.ok(error instanceof UnexpectedResponse, String(error));
  return { status: error.statusCode, body: error.body };
}

function connectRuns(started: StartedGateway): number {
  return started.log.functionLines.filter((entry) => entry.functionName === 'connect' && entry.line.includes('\tconnect {')).length;
}

async function echoed(client: MemoryWebSocket): Promise<unknown> {
  client.send('{"action":"who"}');
  return JSON.parse(String(await client.nextMessage()));
}

describe('AUTH-7 AWS_IAM on $connect without credentials: a well-formed signature passes', () => {
  test('AUTH-7 an unsigned upgrade is refused with 403 and reaches no $connect handler // spec: unverified(body)', async () => {
    const runs = connectRuns(plain);
    assert.deepEqual(await refusal(plain, signedApi.url), { status: 403, body: MISSING_SIGNATURE_BODY });
    assert.deepEqual(await refusal(plain, signedApi.url, { Authorization: 'Bearer abc' }), { status: 403, body: MISSING_SIGNATURE_BODY });
    assert.deepEqual(await refusal(plain, `${signedApi.url}?X-Amz-Signature=abc`), { status: 403, body: MISSING_SIGNATURE_BODY });
    assert.equal(connectRuns(plain), runs);
  });

  test('AUTH-7 a header-signed upgrade opens, and every event carries the signer in requestContext.identity', async () => {
    const client = plain.gateway.connect(signedApi.url, { headers: { ...(await signedHeaders(signedApi.url, 'any secret')), 'User-Agent': 'probe/1' } });
    await client.opened;
    const identity = { ...IDENTITY, userAgent: 'probe/1', sourceIp: '127.0.0.1' };
    assert.deepEqual(await echoed(client), identity);
    client.close();
    const disconnected = await eventually(() =>
      plain.log.functionLines.find((entry) => entry.functionName === 'disconnect' && entry.line.includes('\tdisconnect {')),
    );
    assert.deepEqual(JSON.parse(disconnected.line.slice(disconnected.line.indexOf('\tdisconnect {') + 12)), identity);
  });

  test('AUTH-7 a presigned URL opens', async () => {
    const client = plain.gateway.connect(await presigned(signedApi.url, 'any secret'));
    await client.opened;
    assert.deepEqual(await echoed(client), { ...IDENTITY, sourceIp: '127.0.0.1' });
    client.close();
  });

  test('AUTH-1 a $connect that is not AWS_IAM ignores a signature', async () => {
    const client = plain.gateway.connect(openApi.url, { headers: await signedHeaders(openApi.url) });
    await client.opened;
    assert.deepEqual(await echoed(client), { sourceIp: '127.0.0.1' });
    client.close();
  });
});

describe('AUTH-7 AWS_IAM on $connect with the gateway credentials: the signature must verify', () => {
  test('AUTH-7 signed with the configured secret, header or query string: opens', async () => {
    const byHeader = verifying.gateway.connect(verifiedApi.url, { headers: await signedHeaders(verifiedApi.url) });
    await byHeader.opened;
    assert.deepEqual(await echoed(byHeader), { ...IDENTITY, sourceIp: '127.0.0.1' });
    byHeader.close();
    const byQuery = verifying.gateway.connect(await presigned(`${verifiedApi.url}?room=1`));
    await byQuery.opened;
    byQuery.close();
  });

  test("AUTH-7 signed with another secret or unknown key: 403 with AWS's message", async () => {
    const mismatch = { status: 403, body: JSON.stringify({ message: MESSAGES.mismatch }) };
    assert.deepEqual(await refusal(verifying, verifiedApi.url, await signedHeaders(verifiedApi.url, 'wrong')), mismatch);
    assert.deepEqual(await refusal(verifying, await presigned(verifiedApi.url, 'wrong')), mismatch);
    const headers = await signedHeaders(verifiedApi.url);
    headers.authorization = (headers.authorization as string).replace('AKIDLOCAL', 'AKIDOTHER');
    assert.deepEqual(await refusal(verifying, verifiedApi.url, headers), { status: 403, body: JSON.stringify({ message: MESSAGES.unknownKey }) });
    assert.deepEqual(await refusal(verifying, verifiedApi.url), { status: 403, body: MISSING_SIGNATURE_BODY });
  });

  test('AUTH-7 over a real ws socket: unsigned 403, header-signed and presigned 101', async () => {
    assert.deepEqual(await refusedHandshake(verifiedApi.url).then(({ status, body }) => ({ status, body })), { status: 403, body: MISSING_SIGNATURE_BODY });
    const byHeader = await openClient(verifiedApi.url, { headers: await signedHeaders(verifiedApi.url) });
    byHeader.ws.send('{"action":"who"}');
    assert.deepEqual(JSON.parse(await byHeader.next()), { ...IDENTITY, sourceIp: '127.0.0.1' });
    byHeader.ws.close();
    await byHeader.closed;
    const byQuery = await openClient(await presigned(verifiedApi.url));
    byQuery.ws.send('{"action":"who"}');
    assert.deepEqual(JSON.parse(await byQuery.next()), { ...IDENTITY, sourceIp: '127.0.0.1' });
    byQuery.ws.close();
    await byQuery.closed;
  });
});
