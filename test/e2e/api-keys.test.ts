/** AUTH-8: `$connect` routes that require an API key, through the in-memory client and once over a real socket. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { derivedApiKeyValue } from '../../src/define/api-key.ts';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { apiKeyIdFor, type MemoryWebSocket, UnexpectedResponse } from '../../src/websocket/index.ts';
import keys from '../fixtures/services/api-keys/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { eventually, openClient, refusedHandshake } from '../helpers/ws-client.ts';

const MOBILE = 'mobile-key-0123456789abcdef';
const MOBILE_ID = apiKeyIdFor('keys', 'mobile');

let started: StartedGateway;
let locked: ApiEndpoint;
let byAuthorizer: ApiEndpoint;
let open: ApiEndpoint;

before(async () => {
  started = await startGateway(null, keys);
  [locked, byAuthorizer, open] = started.urls.apis as [ApiEndpoint, ApiEndpoint, ApiEndpoint];
});

after(() => started.gateway.dispose());

async function refusal(url: string, headers?: Record<string, string>): Promise<UnexpectedResponse> {
  const error = await started.gateway.connect(url, headers ? { headers } : {}).opened.then(
    () => new Error('the handshake was accepted'),
    (refused: Error) => refused,
  );
  assert.ok(error instanceof UnexpectedResponse, String(error));
  return error;
}

/** The identity each run of a function logged, in order. */
function loggedIdentities(functionName: string): unknown[] {
  return started.log.functionLines
    .filter((entry) => entry.functionName === functionName && entry.line.includes(`\t${functionName} {`))
    .map((entry) => JSON.parse(entry.line.slice(entry.line.indexOf(`\t${functionName} {`) + functionName.length + 2)));
}

async function echoed(client: MemoryWebSocket): Promise<unknown> {
  client.send('{"action":"who"}');
  return JSON.parse(String(await client.nextMessage()));
}

describe('AUTH-8 $connect with apiKeyRequired', () => {
  test('AUTH-8 an upgrade without x-api-key is refused with 403 and reaches no $connect handler // spec: unverified', async () => {
    const before = loggedIdentities('connect').length;
    const refused = await refusal(locked.url);
    assert.deepEqual({ status: refused.statusCode, body: refused.body }, { status: 403, body: '{"message":"Forbidden"}' });
    assert.equal(loggedIdentities('connect').length, before);
  });

  test('AUTH-8 an unknown key is refused with 403 // spec: unverified', async () => {
    const refused = await refusal(locked.url, { 'x-api-key': 'not-a-key-of-this-service' });
    assert.deepEqual({ status: refused.statusCode, body: refused.body }, { status: 403, body: '{"message":"Forbidden"}' });
  });

  test('AUTH-8 a known key is accepted and every event of the connection carries identity.apiKey and apiKeyId', async () => {
    const client = started.gateway.connect(locked.url, { headers: { 'X-Api-Key': MOBILE, 'User-Agent': 'probe/1' } });
    await client.opened;
    const identity = { apiKey: MOBILE, apiKeyId: MOBILE_ID, userAgent: 'probe/1', sourceIp: '127.0.0.1' };
    assert.deepEqual(loggedIdentities('connect').at(-1), identity);
    assert.deepEqual(await echoed(client), identity);
    client.close();
    assert.deepEqual(await eventually(() => loggedIdentities('disconnect').at(-1)), identity);
  });

  test('AUTH-8 a key declared without a value is accepted with the value derived from the service and key names', async () => {
    const value = derivedApiKeyValue('keys', 'partner');
    assert.match(value, /^[A-Za-z0-9]{40}$/);
    const client = started.gateway.connect(locked.url, { headers: { 'x-api-key': value } });
    await client.opened;
    assert.deepEqual(await echoed(client), { apiKey: value, apiKeyId: apiKeyIdFor('keys', 'partner'), sourceIp: '127.0.0.1' });
    client.close();
  });

  test('AUTH-8 with $context.authorizer.usageIdentifierKey and no authorizer result, a header key does not count: 403', async () => {
    const refused = await refusal(byAuthorizer.url, { 'x-api-key': MOBILE });
    assert.equal(refused.statusCode, 403);
  });

  test('AUTH-8 a $connect that does not require a key ignores x-api-key and puts no key in the identity', async () => {
    const client = started.gateway.connect(open.url, { headers: { 'x-api-key': MOBILE } });
    await client.opened;
    assert.deepEqual(await echoed(client), { sourceIp: '127.0.0.1' });
    client.close();
  });

  test('AUTH-8 over a real socket: 403 without the key, 101 with it', async () => {
    assert.deepEqual(await refusedHandshake(locked.url).then(({ status, body }) => ({ status, body })), { status: 403, body: '{"message":"Forbidden"}' });
    const client = await openClient(locked.url, { headers: { 'x-api-key': MOBILE } });
    client.ws.send('{"action":"who"}');
    assert.deepEqual(JSON.parse(await client.next()), { apiKey: MOBILE, apiKeyId: MOBILE_ID, sourceIp: '127.0.0.1' });
    client.ws.close();
    await client.closed;
  });
});
