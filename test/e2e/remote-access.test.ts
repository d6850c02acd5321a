/**
 * What a client on another machine may do: the Invoke API and `@connections` verify SigV4 against configured credentials,
 * or refuse untrusted clients unless opened; `domainName` is always one of the gateway's own names (GEN-4).
 * Every server listens on 127.0.0.1: "another machine" is the `isTrustedClient` seam answering false.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { REMOTE_CLIENT_REFUSED } from '../../src/connections/management.ts';
import { Gateway } from '../../src/gateway.ts';
import { memoryLog } from '../../src/internal/log.ts';
import { MESSAGES } from '../../src/internal/sigv4.ts';
import { REMOTE_INVOKE_REFUSED } from '../../src/lambda-api/access.ts';
import httpProbe from '../fixtures/services/http-probe/hoplite.config.ts';
import probe from '../fixtures/services/probe/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { openClient } from '../helpers/ws-client.ts';

const CREDENTIALS = { accessKeyId: 'AKIDREMOTETEST', secretAccessKey: 'remote-test-secret' };
const FORGED = { accessKeyId: 'AKIDREMOTETEST', secretAccessKey: 'made-up' };
const UNKNOWN = { accessKeyId: 'AKIDNOBODY', secretAccessKey: 'made-up' };
const fromAnotherMachine = () => false;

const decode = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');

function lambdaClient(started: StartedGateway, credentials: typeof CREDENTIALS): LambdaClient {
  return new LambdaClient({ endpoint: started.urls.lambdaEndpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
}

function managementClient(started: StartedGateway, credentials: typeof CREDENTIALS): ApiGatewayManagementApiClient {
  const strict = started.urls.apis.find((api) => api.name === 'strict');
  // CONN-2: plain http:// reaches the same API.
  return new ApiGatewayManagementApiClient({ endpoint: strict?.url.replace(/^ws:/, 'http:'), region: 'us-east-1', credentials, maxAttempts: 1 });
}

function strictUrl(started: StartedGateway): string {
  return started.urls.apis.find((api) => api.name === 'strict')?.url ?? '';
}

async function connectionIdOf(client: Awaited<ReturnType<typeof openClient>>): Promise<string> {
  client.ws.send('{"action":"reflect"}');
  return JSON.parse(await client.next()).requestContext.connectionId;
}

/** An SDK call's failure as status, error type and message. */
async function failureOf(call: Promise<unknown>): Promise<{ status: number | undefined; name: string; message: string }> {
  const error = (await call.then(
    () => assert.fail('expected the call to be refused'),
    (caught: unknown) => caught,
  )) as Error & { $metadata?: { httpStatusCode?: number } };
  return { status: error.$metadata?.httpStatusCode, name: error.name, message: error.message };
}

describe('without credentials, a client on another machine', () => {
  let started: StartedGateway;
  before(async () => {
    started = await startGateway(null, probe, { isTrustedClient: fromAnotherMachine });
  });
  after(() => started.gateway.dispose());

  test('an unsigned Invoke is refused with 403 AccessDeniedException in AWS error shape', async () => {
    const response = await fetch(`${started.urls.lambdaEndpoint}/2015-03-31/functions/echo/invocations`, { method: 'POST', body: '{}' });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('x-amzn-errortype'), 'AccessDeniedException');
    assert.match(response.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(await response.json(), { message: REMOTE_INVOKE_REFUSED });
  });

  test('an Invoke with a made-up signature (the real LambdaClient) is refused too', async () => {
    const lambda = lambdaClient(started, FORGED);
    const failure = await failureOf(lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{}') })));
    lambda.destroy();
    assert.deepEqual(failure, { status: 403, name: 'AccessDeniedException', message: REMOTE_INVOKE_REFUSED });
  });

  test('CONN-4 a PostToConnection with a made-up signature is refused with 403 ForbiddenException and never delivered', async (t) => {
    const client = await openClient(strictUrl(started));
    t.after(() => client.ws.close());
    const connectionId = await connectionIdOf(client);
    const management = managementClient(started, FORGED);
    const failure = await failureOf(management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'forged' })));
    management.destroy();
    assert.deepEqual(failure, { status: 403, name: 'ForbiddenException', message: REMOTE_CLIENT_REFUSED });
    client.ws.send('{"action":"echo"}');
    assert.equal(await client.next(), '{"action":"echo"}');
  });
});

describe('with allowRemoteManagement, a client on another machine', () => {
  let started: StartedGateway;
  before(async () => {
    started = await startGateway(null, probe, { isTrustedClient: fromAnotherMachine, allowRemoteManagement: true });
  });
  after(() => started.gateway.dispose());

  test('may invoke and post, as it was opened to', async (t) => {
    const lambda = lambdaClient(started, FORGED);
    const output = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{"body":"open"}') }));
    lambda.destroy();
    assert.deepEqual(JSON.parse(decode(output.Payload)), { statusCode: 200, body: 'open' });
    const client = await openClient(strictUrl(started));
    t.after(() => client.ws.close());
    const management = managementClient(started, FORGED);
    await management.send(new PostToConnectionCommand({ ConnectionId: await connectionIdOf(client), Data: 'opened' }));
    management.destroy();
    assert.equal(await client.next(), 'opened');
  });
});

describe('with credentials, a client on another machine', () => {
  let started: StartedGateway;
  before(async () => {
    started = await startGateway(null, probe, { isTrustedClient: fromAnotherMachine, credentials: [CREDENTIALS] });
  });
  after(() => started.gateway.dispose());

  test('an Invoke signed with the configured credentials (the real LambdaClient) runs the function', async () => {
    const lambda = lambdaClient(started, CREDENTIALS);
    const output = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{"body":"signed"}') }));
    lambda.destroy();
    assert.equal(output.StatusCode, 200);
    assert.deepEqual(JSON.parse(decode(output.Payload)), { statusCode: 200, body: 'signed' });
  });

  test('an unsigned Invoke is 403 MissingAuthenticationTokenException', async () => {
    const response = await fetch(`${started.urls.lambdaEndpoint}/2015-03-31/functions/echo/invocations`, { method: 'POST', body: '{}' });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    assert.deepEqual(await response.json(), { message: 'Missing Authentication Token' });
  });

  test('an Invoke signed with a forged secret is 403 InvalidSignatureException; an unknown key 403 UnrecognizedClientException', async () => {
    const forged = lambdaClient(started, FORGED);
    const forgedFailure = await failureOf(forged.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{}') })));
    forged.destroy();
    assert.deepEqual(forgedFailure, { status: 403, name: 'InvalidSignatureException', message: MESSAGES.mismatch });
    const unknown = lambdaClient(started, UNKNOWN);
    const unknownFailure = await failureOf(unknown.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{}') })));
    unknown.destroy();
    assert.deepEqual(unknownFailure, { status: 403, name: 'UnrecognizedClientException', message: MESSAGES.unknownKey });
  });

  test('CONN-4 a PostToConnection signed with the configured credentials is delivered; a forged one is 403', async (t) => {
    const client = await openClient(strictUrl(started));
    t.after(() => client.ws.close());
    const connectionId = await connectionIdOf(client);
    const signed = managementClient(started, CREDENTIALS);
    await signed.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'signed' }));
    signed.destroy();
    assert.equal(await client.next(), 'signed');
    const forged = managementClient(started, FORGED);
    const failure = await failureOf(forged.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'forged' })));
    forged.destroy();
    assert.deepEqual(failure, { status: 403, name: 'ForbiddenException', message: MESSAGES.mismatch });
  });

  test('CONN-4 a handler posting with the credentials it was given passes the verification', async (t) => {
    const client = await openClient(strictUrl(started));
    t.after(() => client.ws.close());
    client.ws.send('{"action":"sendself","data":"signed by the handler"}');
    assert.deepEqual([await client.next(), await client.next()].sort(), ['posted', 'signed by the handler']);
  });
});

describe('GEN-4 domainName is one of the gateway own names', () => {
  let started: StartedGateway;
  before(async () => {
    started = await startGateway(null, probe, { hostAliases: ['devbox.local'] });
  });
  after(() => started.gateway.dispose());

  const domainNameFor = async (host: string) => {
    const client = await openClient(strictUrl(started), { headers: { Host: host } });
    client.ws.send('{"action":"reflect"}');
    const event = JSON.parse(await client.next());
    client.ws.close();
    return event.requestContext.domainName as string;
  };

  test('GEN-4 a WebSocket client sending Host: evil.example:9443 gets the printed host:port as domainName', async () => {
    const { port } = started.urls.apis.find((api) => api.name === 'strict') ?? { port: 0 };
    assert.equal(await domainNameFor('evil.example:9443'), `127.0.0.1:${port}`);
    assert.equal(await domainNameFor('127.0.0.1:9443'), `127.0.0.1:${port}`);
  });

  test('GEN-4 localhost and a configured alias on the API port are kept as sent', async () => {
    const { port } = started.urls.apis.find((api) => api.name === 'strict') ?? { port: 0 };
    assert.equal(await domainNameFor(`localhost:${port}`), `localhost:${port}`);
    assert.equal(await domainNameFor(`DevBox.Local:${port}`), `devbox.local:${port}`);
  });

  test('GEN-4 CONN-1 a handler posting to https://{domainName}/{stage} after a forged Host reaches this gateway', async (t) => {
    const client = await openClient(strictUrl(started), { headers: { Host: '127.0.0.1:9443' } });
    t.after(() => client.ws.close());
    client.ws.send('{"action":"sendself","data":"home"}');
    assert.deepEqual([await client.next(), await client.next()].sort(), ['home', 'posted']);
  });
});

/** The status and JSON body of a GET sent with this Host header (fetch may not set one). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: { requestContext: { domainName: string; domainPrefix: string } } }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { headers: { host } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

test('GEN-4 an HTTP API request with Host: evil.example:9443 gets the printed host:port as domainName', async (t) => {
  const started = await startGateway(t, httpProbe);
  const staged = started.urls.apis.find((api) => api.stage === 'dev');
  const { status, body } = await getWithHost(`${staged?.url}/items/1`, 'evil.example:9443');
  assert.equal(status, 200);
  assert.deepEqual([body.requestContext.domainName, body.requestContext.domainPrefix], [`127.0.0.1:${staged?.port}`, '127']);
});

describe('credentials in endpoint URLs', () => {
  test('are masked in the option error and in the start-up error of an unreachable DynamoDB endpoint', async () => {
    assert.throws(() => new Gateway(probe, { dynamodbEndpoint: 'ftp://user:secret@127.0.0.1:1' }), {
      message: 'option dynamodbEndpoint: expected an http:// or https:// URL, got "ftp://***@127.0.0.1:1"',
    });
    const gateway = new Gateway(probe, { host: '127.0.0.1', port: 0, log: memoryLog(), dynamodbEndpoint: 'http://user:secret@127.0.0.1:1' });
    const error = (await gateway.ready.then(
      () => assert.fail('expected the start to fail'),
      (caught: unknown) => caught,
    )) as Error;
    await gateway.dispose();
    assert.match(error.message, /^could not create table probe-events at http:\/\/\*\*\*@127\.0\.0\.1:1: /);
    assert.doesNotMatch(error.message, /secret/);
  });
});
