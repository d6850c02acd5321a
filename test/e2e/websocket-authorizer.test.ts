/** `$connect` behind a Lambda REQUEST authorizer: every AUTH-6 row with the in-memory client, and the refusal on the wire. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { type ConnectOptions, type MemoryWebSocket, UnexpectedResponse } from '../../src/websocket/index.ts';
import service from '../fixtures/services/authorizer/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { eventually, refusedHandshake } from '../helpers/ws-client.ts';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };
const CLIENT = { headers: { 'X-Client': 'test-suite' } };
const ALICE = { principalId: 'alice-id', user: 'alice', n: '1', ok: 'true' };

let started: StartedGateway;
let guarded: ApiEndpoint;
let dynamo: DynamoDBClient;

before(async () => {
  started = await startGateway(null, service);
  [guarded] = started.urls.apis as [ApiEndpoint];
  dynamo = new DynamoDBClient({ endpoint: started.urls.dynamodbEndpoint, region: 'us-east-1', credentials });
});

after(async () => {
  dynamo.destroy();
  await started.gateway.dispose();
});

async function recorded(key: string): Promise<any> {
  const item = await dynamo.send(new GetItemCommand({ TableName: 'authorizer-events', Key: { key: { S: key } }, ConsistentRead: true }));
  return item.Item ? JSON.parse(item.Item.value?.S ?? 'null') : undefined;
}

async function refusal(query: string, options: ConnectOptions = CLIENT): Promise<[number, string]> {
  const error = await started.gateway.connect(`${guarded.url}?${query}`, options).opened.then(
    () => new Error('the handshake was accepted'),
    (refused: Error) => refused,
  );
  assert.ok(error instanceof UnexpectedResponse, String(error));
  return [error.statusCode, error.body];
}

/** The authorizer ran for `tag`, and neither `$connect` nor `$disconnect` ran for its connection. */
async function invokedOnly(tag: string): Promise<void> {
  const event = await eventually(() => recorded(`authorizer#${tag}`));
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(await recorded(`connect#${event.requestContext.connectionId}`), undefined);
  assert.equal(await recorded(`disconnect#${event.requestContext.connectionId}`), undefined);
}

async function reflected(client: MemoryWebSocket): Promise<any> {
  client.send('{"action":"anything"}');
  return JSON.parse(String(await client.nextMessage()));
}

describe('AUTH-6 $connect outcomes', () => {
  test('AUTH-2 AUTH-6 a missing or empty identity source is 401 and the authorizer is not invoked', async () => {
    assert.deepEqual(await refusal('tag=no-token'), [401, '{"message":"Unauthorized"}']);
    assert.deepEqual(await refusal('token=&tag=empty-token'), [401, '{"message":"Unauthorized"}']);
    assert.deepEqual(await refusal('token=good&tag=no-header', { headers: {} }), [401, '{"message":"Unauthorized"}']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const tag of ['no-token', 'empty-token', 'no-header']) assert.equal(await recorded(`authorizer#${tag}`), undefined, tag);
  });

  test('AUTH-2 header identity sources compare case-insensitively', async () => {
    const client = started.gateway.connect(`${guarded.url}?token=good`, { headers: { 'x-client': 'lower' } });
    await client.opened;
    client.close();
    await client.closed;
  });

  test('AUTH-6 an authorizer error "Unauthorized" is 401', async () => {
    assert.deepEqual(await refusal('token=unauthorized&tag=unauthorized'), [401, '{"message":"Unauthorized"}']);
    await invokedOnly('unauthorized');
  });

  test('AUTH-5 AUTH-6 an explicit deny is 403', async () => {
    assert.deepEqual(await refusal('token=bad&tag=bad'), [403, '{"message":"User is not authorized to access this resource with an explicit deny"}']);
    await invokedOnly('bad');
  });

  test('AUTH-5 AUTH-6 an implicit deny (…/dev/$connect/*/* does not cover …/dev/$connect) is 403', async () => {
    assert.deepEqual(await refusal('token=elsewhere&tag=elsewhere'), [403, '{"message":"User is not authorized to access this resource"}']);
    await invokedOnly('elsewhere');
  });

  test('AUTH-4 AUTH-6 a throwing authorizer, a malformed result and an object context value are 500', async () => {
    assert.deepEqual(await refusal('token=boom&tag=boom'), [500, '{"message":null}']);
    assert.deepEqual(await refusal('token=garbage&tag=garbage'), [500, '{"message":null}']);
    assert.deepEqual(await refusal('token=nested&tag=nested'), [500, '{"message":null}']);
    for (const tag of ['boom', 'garbage', 'nested']) await invokedOnly(tag);
    const warnings = started.log.lines.filter((line) => line.includes('$connect authorizer "token"'));
    assert.deepEqual(warnings, [
      'warn $connect authorizer "token" of WebSocket API guarded: the authorizer failed: Error: boom',
      'warn $connect authorizer "token" of WebSocket API guarded: the result is not an object',
      'warn $connect authorizer "token" of WebSocket API guarded: context.user is not a string, number or boolean',
    ]);
  });

  test('AUTH-3 AUTH-6 WS-36 allowed: $connect runs; CONNECT, MESSAGE and DISCONNECT carry requestContext.authorizer, stringified', async () => {
    const client = started.gateway.connect(`${guarded.url}?token=good&tag=good`, CLIENT);
    await client.opened;
    const message = await reflected(client);
    const { connectionId } = message.requestContext;
    assert.deepEqual(message.requestContext.authorizer, ALICE);

    const authorizerEvent = await recorded('authorizer#good');
    assert.equal(authorizerEvent.type, 'REQUEST');
    assert.equal(authorizerEvent.methodArn, `arn:aws:execute-api:us-east-1:000000000000:${guarded.apiId}/dev/$connect`);
    assert.deepEqual(authorizerEvent.queryStringParameters, { token: 'good', tag: 'good' });
    assert.deepEqual(authorizerEvent.multiValueQueryStringParameters, { token: ['good'], tag: ['good'] });
    assert.deepEqual(authorizerEvent.stageVariables, {});
    assert.equal(authorizerEvent.headers['X-Client'], 'test-suite');
    assert.equal(authorizerEvent.headers['X-Forwarded-For'], '127.0.0.1');
    assert.equal('body' in authorizerEvent || 'pathParameters' in authorizerEvent || 'isBase64Encoded' in authorizerEvent, false);

    const connect = await recorded(`connect#${connectionId}`);
    assert.equal(connect.requestContext.requestId, authorizerEvent.requestContext.requestId);
    assert.deepEqual(authorizerEvent.requestContext, withoutAuthorizer(connect.requestContext));
    const { integrationLatency, ...connectAuthorizer } = connect.requestContext.authorizer;
    assert.deepEqual(connectAuthorizer, ALICE);
    assert.equal(typeof integrationLatency, 'number');

    client.close();
    await client.closed;
    const disconnect = await eventually(() => recorded(`disconnect#${connectionId}`));
    assert.deepEqual(disconnect.requestContext.authorizer, ALICE);
  });
});

function withoutAuthorizer(context: Record<string, unknown>): Record<string, unknown> {
  const { authorizer: _, ...rest } = context;
  return rest;
}

describe('AUTH-6 on the wire', () => {
  test('AUTH-6 a ws client is refused with 401 and 403 and the JSON body', async () => {
    assert.deepEqual(await refusedHandshake(`${guarded.url}?token=bad`, CLIENT).then(({ status, body }) => [status, body]), [
      403,
      '{"message":"User is not authorized to access this resource with an explicit deny"}',
    ]);
    assert.deepEqual(await refusedHandshake(`${guarded.url}?x=1`, CLIENT).then(({ status, body }) => [status, body]), [401, '{"message":"Unauthorized"}']);
  });
});
