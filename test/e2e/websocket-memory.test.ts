/**
 * The WebSocket runtime through `gateway.connect`: a real gateway and real handlers, clients in memory. The wire
 * (handshake bytes, frames, pings, TLS) is tested in websocket.test.ts; everything here behaves the same on it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiGatewayManagementApiClient, DeleteConnectionCommand, GetConnectionCommand, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { GATEWAY_ID_PATTERN } from '../../src/internal/ids.ts';
import { type ConnectOptions, MemoryWebSocket, type ReceivedMessage, UnexpectedResponse } from '../../src/websocket/index.ts';
import probe from '../fixtures/services/probe/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { eventually } from '../helpers/ws-client.ts';

const FRAME = (message: string) => new RegExp(`^\\{"message": "${message}", "connectionId":"([A-Za-z0-9+/]{15}=)", "requestId":"([A-Za-z0-9+/]{15}=)"\\}$`);
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };

let started: StartedGateway;
let strict: ApiEndpoint;
let fallback: ApiEndpoint;
let gated: ApiEndpoint;
let dynamo: DynamoDBClient;
let management: ApiGatewayManagementApiClient;

before(async () => {
  started = await startGateway(null, probe);
  [strict, fallback, gated] = started.urls.apis as [ApiEndpoint, ApiEndpoint, ApiEndpoint];
  dynamo = new DynamoDBClient({ endpoint: started.urls.dynamodbEndpoint, region: 'us-east-1', credentials });
  management = new ApiGatewayManagementApiClient({ endpoint: `http://127.0.0.1:${strict.port}/dev`, region: 'us-east-1', credentials });
});

after(async () => {
  dynamo.destroy();
  management.destroy();
  await started.gateway.dispose();
});

async function recorded(key: string): Promise<any> {
  const item = await dynamo.send(new GetItemCommand({ TableName: 'probe-events', Key: { key: { S: key } }, ConsistentRead: true }));
  return item.Item ? JSON.parse(item.Item.value?.S ?? 'null') : undefined;
}

async function open(url: string, options?: ConnectOptions): Promise<MemoryWebSocket> {
  const client = started.gateway.connect(url, options);
  await client.opened;
  return client;
}

/** The refusal a handshake ends with. */
async function refusal(url: string): Promise<UnexpectedResponse> {
  const error = await started.gateway.connect(url).opened.then(
    () => new Error('the handshake was accepted'),
    (refused: Error) => refused,
  );
  assert.ok(error instanceof UnexpectedResponse, String(error));
  return error;
}

/** The next message, failing the test rather than waiting for ever. */
function next(client: MemoryWebSocket, timeoutMs = 5_000): Promise<ReceivedMessage> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no message within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([client.nextMessage(), late]).finally(() => clearTimeout(timer));
}

async function connectionIdOf(client: MemoryWebSocket): Promise<string> {
  client.send('{"action":"reflect"}');
  return JSON.parse(String(await next(client))).requestContext.connectionId;
}

/** Runs of the probe's `$disconnect` handler, which logs `disconnect <connectionId> <code>` once per run. */
function disconnectRuns(): string[] {
  return started.log.functionLines.filter((entry) => entry.functionName === 'disconnect' && entry.line.includes('\tdisconnect ')).map((entry) => entry.line);
}

describe('$connect', () => {
  test('WS-11 a non-2xx status refuses the upgrade with exactly that status, and no $disconnect follows', async () => {
    const before = disconnectRuns().length;
    const refused = await refusal(`${strict.url}?reject=401`);
    assert.deepEqual([refused.statusCode, refused.body], [401, '']);
    assert.equal((await refusal(`${strict.url}?reject=301`)).statusCode, 301);
    const accepted = await open(strict.url);
    const connectionId = await connectionIdOf(accepted);
    accepted.close();
    await accepted.closed;
    await eventually(() => (disconnectRuns().length > before ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const runs = disconnectRuns().slice(before);
    assert.equal(runs.length, 1);
    assert.ok(runs[0]?.includes(`disconnect ${connectionId} 1005`), runs[0]);
  });

  test('WS-11 unexpected-response carries the status and body, as ws gives it', async () => {
    const client = started.gateway.connect(`${strict.url}?throw=1`);
    const response = await new Promise<UnexpectedResponse>((resolve) =>
      client.on('unexpected-response', (_request: unknown, answer: UnexpectedResponse) => resolve(answer)),
    );
    assert.deepEqual([response.statusCode, response.body, response.headers['content-type']], [502, '{"message": "Internal server error"}', 'application/json']);
    await assert.rejects(client.opened, UnexpectedResponse);
  });

  test('WS-12 a throwing $connect or a result without statusCode answers 502', async () => {
    assert.equal((await refusal(`${strict.url}?throw=1`)).statusCode, 502);
    assert.equal((await refusal(`${strict.url}?garbage=1`)).statusCode, 502);
  });

  test('WS-12 a $connect integration timeout answers 504 Endpoint request timed out, and no $disconnect follows', async () => {
    // The gated API's $connect times out after 500 ms; the handler takes 2 s.
    const refused = await refusal(`${gated.url}?sleepms=2000&tag=memtimeout504`);
    assert.deepEqual([refused.statusCode, refused.body], [504, '{"message": "Endpoint request timed out"}']);
    const connectionId = await eventually(() => recorded('connecting#memtimeout504'));
    // The late handler finishes (it records its event) but its 200 opens nothing.
    await eventually(() => recorded(`connect#${connectionId}`));
    assert.equal(await recorded(`disconnect#${connectionId}`), undefined);
  });

  test('WS-13 WS-15 only Sec-WebSocket-Protocol from the result is relayed', async () => {
    const client = await open(`${strict.url}?protocol=chat.v2`, { protocols: ['chat.v1', 'chat.v2'] });
    assert.equal(client.protocol, 'chat.v2');
    client.close();
  });

  test('WS-15 the gateway picks no subprotocol itself', async () => {
    // The client offered one and $connect returned none: the handshake carries no protocol, so the client fails.
    await assert.rejects(open(strict.url, { protocols: 'chat.v1' }), /Server sent no subprotocol/);
  });

  test('WS-14 @connections POST, GET and DELETE on a connection still in $connect answer 410; it opens afterwards', async () => {
    const client = await open(`${strict.url}?selfpost=1`);
    // The early post was not delivered: the first message is the answer to this one.
    const connectionId = await connectionIdOf(client);
    assert.deepEqual(
      [await recorded(`selfpost#${connectionId}`), await recorded(`selfget#${connectionId}`), await recorded(`selfdelete#${connectionId}`)],
      ['GoneException', 'GoneException', 'GoneException'],
    );
    client.send('{"action":"echo","still":"open"}');
    assert.equal(await next(client), '{"action":"echo","still":"open"}');
    client.close();
  });

  test('WS-1 an upgrade on another path than /{stage} answers 403 Forbidden', async () => {
    const refused = await refusal(strict.url.replace('/dev', '/prod'));
    assert.deepEqual([refused.statusCode, refused.body], [403, '{"message":"Forbidden"}']);
    assert.equal((await refusal(`${strict.url}/extra`)).statusCode, 403);
  });

  test('WS-50 a client that leaves while $connect runs gets exactly one $disconnect once $connect accepts', async () => {
    const client = started.gateway.connect(`${strict.url}?sleepms=500&tag=memleaves`);
    const connectionId = await eventually(() => recorded('connecting#memleaves'));
    client.terminate();
    await assert.rejects(client.opened, /closed before the connection was established/);
    const event = await eventually(() => recorded(`disconnect#${connectionId}`));
    assert.equal(event.requestContext.disconnectStatusCode, 1006);
    const runs = started.log.functionLines.filter((entry) => entry.functionName === 'disconnect' && entry.line.includes(`disconnect ${connectionId}`));
    assert.equal(runs.length, 1);
  });
});

describe('messages', () => {
  test('WS-25 WS-49 no route and no $default: the Forbidden frame byte for byte, connection stays open', async () => {
    const client = await open(strict.url);
    client.send('{"action":"nosuch"}');
    const frame = String(await next(client));
    const [, connectionId, requestId] = frame.match(FRAME('Forbidden')) ?? [];
    assert.ok(connectionId && requestId, frame);
    assert.notEqual(requestId, connectionId);
    client.send('not json at all');
    assert.match(String(await next(client)), FRAME('Forbidden'));
    client.send('{"action":"echo","n":1}');
    assert.equal(await next(client), '{"action":"echo","n":1}');
    assert.equal(await connectionIdOf(client), connectionId);
    client.close();
  });

  test('WS-22 a message with JSON nested 5000 deep in the selected key fails only itself: Forbidden frame, the connection serves on', async () => {
    const client = await open(strict.url);
    for (const deep of [`${'['.repeat(5000)}${']'.repeat(5000)}`, `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`]) {
      client.send(`{"action":${deep}}`);
      assert.match(String(await next(client)), FRAME('Forbidden'));
    }
    const echoed = `{"action":"echo","data":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    client.send(echoed);
    assert.equal(await next(client), echoed);
    client.close();
  });

  test('WS-31 the MESSAGE event: exact body, selected routeKey, messageId, same connectedAt', async () => {
    const client = await open(strict.url);
    const text = '{ "action" : "reflect",  "x": [1, 2] }';
    client.send(text);
    const event = JSON.parse(String(await next(client)));
    assert.deepEqual(Object.keys(event), ['requestContext', 'body', 'isBase64Encoded']);
    assert.equal(event.body, text);
    const context = event.requestContext;
    assert.equal(context.routeKey, 'reflect');
    assert.equal(context.eventType, 'MESSAGE');
    assert.match(context.messageId, GATEWAY_ID_PATTERN);
    assert.notEqual(context.messageId, context.requestId);
    const connect = await recorded(`connect#${context.connectionId}`);
    assert.equal(context.connectedAt, connect.requestContext.connectedAt);
    client.send(text);
    const second = JSON.parse(String(await next(client))).requestContext;
    assert.notEqual(second.messageId, context.messageId);
    assert.notEqual(second.requestId, context.requestId);
    client.close();
  });

  test('WS-22 WS-24 WS-30 WS-73 non-JSON and unmatched keys fall back to $default; stage variables are in the event', async () => {
    const client = await open(fallback.url);
    client.send('plain text');
    const event = JSON.parse(String(await next(client)));
    assert.equal(event.requestContext.routeKey, '$default');
    assert.equal(event.requestContext.stage, 'v2');
    assert.deepEqual(event.stageVariables, { color: 'blue' });
    client.send('{"kind":"chat","action":"send"}');
    assert.equal(await next(client), '{"kind":"chat","action":"send"}');
    client.send('{"kind":"chat"}');
    assert.equal(JSON.parse(String(await next(client))).requestContext.routeKey, '$default');
    client.close();
  });

  test('WS-40 WS-41 a route without route response sends nothing; statusCode does not matter when it has one', async () => {
    const client = await open(strict.url);
    client.send('{"action":"quiet"}');
    client.send('{"action":"status500"}');
    assert.equal(await next(client), 'still delivered');
    // The gateway answers an unrouted message itself: nothing else came before its frame.
    client.send('{"action":"nosuch"}');
    assert.match(String(await next(client)), FRAME('Forbidden'));
    client.close();
  });

  test('WS-45 GEN-10 a handler that throws gets the Internal server error frame', async () => {
    const client = await open(strict.url);
    client.send('{"action":"fails"}');
    assert.match(String(await next(client)), FRAME('Internal server error'));
    client.close();
  });

  test('WS-46 GEN-11 the integration timeout answers Endpoint request timed out; the late result is discarded', async () => {
    const client = await open(strict.url);
    client.send('{"action":"slow","ms":600}');
    assert.match(String(await next(client)), FRAME('Endpoint request timed out'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    client.send('{"action":"nosuch"}');
    assert.match(String(await next(client)), FRAME('Forbidden'));
    client.close();
  });

  test('WS-45 GEN-10 a function timeout is a handler error, and the function works again afterwards', async () => {
    const client = await open(strict.url);
    client.send('{"action":"hang","ms":5000}');
    assert.match(String(await next(client)), FRAME('Internal server error'));
    client.send('{"action":"hang","ms":10}');
    assert.equal(await next(client), 'late');
    client.close();
  });

  test('WS-80 a route response over 32 KB arrives as one message', async () => {
    const client = await open(strict.url);
    client.send('{"action":"big"}');
    assert.equal(await next(client), 'x'.repeat(40_000));
    client.close();
  });
});

describe('limits and $disconnect', () => {
  test('WS-80 WS-52 WS-53 a message over 32 KB closes with 1009; $disconnect reports it', async () => {
    const client = await open(strict.url);
    const connectionId = await connectionIdOf(client);
    client.send(`{"action":"echo","pad":"${'p'.repeat(33_000)}"}`);
    assert.equal((await client.closed).code, 1009);
    const event = await eventually(() => recorded(`disconnect#${connectionId}`));
    assert.equal(event.requestContext.disconnectStatusCode, 1009);
    assert.equal(event.requestContext.disconnectReason, 'Message too big');
  });

  test('WS-81 WS-52 WS-53 a binary message closes with 1003', async () => {
    const client = await open(strict.url);
    const connectionId = await connectionIdOf(client);
    client.send(Buffer.from([1, 2, 3]));
    assert.deepEqual(await client.closed, { code: 1003, reason: 'Unsupported data' });
    const event = await eventually(() => recorded(`disconnect#${connectionId}`));
    assert.equal(event.requestContext.disconnectStatusCode, 1003);
  });

  test('a text message that is not UTF-8 closes with 1007', async () => {
    const client = await open(strict.url);
    const connectionId = await connectionIdOf(client);
    client.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    assert.equal((await client.closed).code, 1007);
    const event = await eventually(() => recorded(`disconnect#${connectionId}`));
    assert.equal(event.requestContext.disconnectStatusCode, 1007);
  });

  test('WS-32 WS-50 WS-52 a client close with code and reason reaches $disconnect once, with the captured shape', async () => {
    const client = await open(strict.url, { headers: { 'User-Agent': 'probe/2' } });
    const connectionId = await connectionIdOf(client);
    client.close(4000, 'bye');
    assert.deepEqual(await client.closed, { code: 4000, reason: 'bye' });
    const event = await eventually(() => recorded(`disconnect#${connectionId}`));
    const port = strict.port;
    assert.deepEqual(event.headers, { Host: `127.0.0.1:${port}`, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' });
    const context = event.requestContext;
    assert.equal(context.eventType, 'DISCONNECT');
    assert.equal(context.disconnectStatusCode, 4000);
    assert.equal(context.disconnectReason, 'bye');
    assert.deepEqual(context.identity, { sourceIp: '127.0.0.1', userAgent: 'probe/2' });
    const lines = started.log.functionLines.filter((entry) => entry.functionName === 'disconnect' && entry.line.includes(`disconnect ${connectionId}`));
    assert.equal(lines.length, 1);
  });

  test('WS-52 a close frame without status reports 1005; a dropped connection reports 1006', async () => {
    const quiet = await open(strict.url);
    const quietId = await connectionIdOf(quiet);
    quiet.close();
    const dropped = await open(strict.url);
    const droppedId = await connectionIdOf(dropped);
    dropped.terminate();
    assert.deepEqual(await dropped.closed, { code: 1006, reason: '' });
    const quietEvent = await eventually(() => recorded(`disconnect#${quietId}`));
    assert.equal(quietEvent.requestContext.disconnectStatusCode, 1005);
    assert.equal(quietEvent.requestContext.disconnectReason, 'Client-side close frame status not set');
    const droppedEvent = await eventually(() => recorded(`disconnect#${droppedId}`));
    assert.equal(droppedEvent.requestContext.disconnectStatusCode, 1006);
  });
});

describe('@connections', () => {
  test('CONN-1 CONN-2 CONN-10 handler code posting to https://{domainName}/{stage} reaches an in-memory client', async () => {
    const client = await open(strict.url);
    client.send('{"action":"sendself","data":"to myself"}');
    const messages = [await next(client), await next(client)].map(String).sort();
    assert.deepEqual(messages, ['posted', 'to myself']);
    client.close();
  });

  test('CONN-10 CONN-11 CONN-12 the real SDK client: post, get, delete an in-memory connection, then GoneException', async () => {
    const client = await open(strict.url, { headers: { 'User-Agent': 'probe/3' } });
    const connectionId = await connectionIdOf(client);
    await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'from the test' }));
    assert.equal(await next(client), 'from the test');
    const info = await management.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    assert.deepEqual(info.Identity, { SourceIp: '127.0.0.1', UserAgent: 'probe/3' });
    await management.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    assert.deepEqual(await client.closed, { code: 1000, reason: 'Connection Closed Normally' });
    const event = await eventually(() => recorded(`disconnect#${connectionId}`));
    assert.equal(event.requestContext.disconnectReason, 'Connection Closed Normally');
    const gone = await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'late' })).catch((error: Error) => error);
    assert.equal((gone as Error).name, 'GoneException');
  });

  test('CONN-10 CONN-11 CONN-12 gateway.fetch on the managementEndpoint: post, get and delete an in-memory connection, no socket anywhere', async () => {
    const client = await open(strict.url, { headers: { 'User-Agent': 'probe/4' } });
    const connectionId = await connectionIdOf(client);
    const at = `${strict.managementEndpoint}/@connections/${encodeURIComponent(connectionId)}`;
    // Without credentials configured, a well-formed SigV4 header from this machine is enough (CONN-4).
    const headers = {
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDTEST/20240209/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    };
    const posted = await started.gateway.fetch(at, { method: 'POST', headers, body: 'by fetch' });
    assert.deepEqual([posted.status, await posted.text()], [200, '']);
    assert.equal(await next(client), 'by fetch');
    const described = await started.gateway.fetch(at, { headers });
    const info = (await described.json()) as { identity: unknown; connectedAt: string };
    assert.deepEqual(info.identity, { sourceIp: '127.0.0.1', userAgent: 'probe/4' });
    assert.match(info.connectedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const deleted = await started.gateway.fetch(at, { method: 'DELETE', headers });
    assert.equal(deleted.status, 204);
    assert.deepEqual(await client.closed, { code: 1000, reason: 'Connection Closed Normally' });
    const gone = await started.gateway.fetch(at, { method: 'POST', headers, body: 'late' });
    assert.deepEqual([gone.status, gone.headers.get('x-amzn-errortype')], [410, 'GoneException']);
  });

  test('CONN-20 a handler posting to a connection of another API gets GoneException', async () => {
    const other = await open(fallback.url);
    other.send('x');
    const otherId = JSON.parse(String(await next(other))).requestContext.connectionId;
    const client = await open(strict.url);
    client.send(JSON.stringify({ action: 'sendself', data: 'x', target: otherId }));
    assert.equal(await next(client), 'GoneException');
    other.close();
    client.close();
  });
});

describe('gateway.connect', () => {
  test('WS-30 WS-33 GEN-4 the events carry what a socket client gives them: sourceIp 127.0.0.1, the URL Host, the port', async () => {
    const client = await open(`${strict.url}?room=lobby`, { headers: { 'User-Agent': 'probe/mem' } });
    const connectionId = await connectionIdOf(client);
    assert.match(connectionId, GATEWAY_ID_PATTERN);
    const event = await recorded(`connect#${connectionId}`);
    const port = String(strict.port);
    assert.equal(event.headers.Host, `127.0.0.1:${port}`);
    assert.equal(event.headers['User-Agent'], 'probe/mem');
    assert.equal(event.headers['Sec-WebSocket-Version'], '13');
    assert.equal(event.headers.Connection, undefined);
    assert.equal(event.headers['X-Forwarded-For'], '127.0.0.1');
    assert.equal(event.headers['X-Forwarded-Port'], port);
    assert.equal(event.headers['X-Forwarded-Proto'], 'http');
    assert.deepEqual(event.queryStringParameters, { room: 'lobby' });
    assert.equal(event.requestContext.domainName, `127.0.0.1:${port}`);
    assert.deepEqual(event.requestContext.identity, { sourceIp: '127.0.0.1', userAgent: 'probe/mem' });
    client.close();
    await eventually(() => recorded(`disconnect#${connectionId}`));
  });

  test('WS-1 GEN-4 wss:// is a secure connection; localhost on the same port is the same API', async () => {
    const secure = await open(strict.secureUrl);
    const event = await recorded(`connect#${await connectionIdOf(secure)}`);
    assert.equal(event.headers['X-Forwarded-Proto'], 'https');
    secure.close();
    const local = await open(`ws://localhost:${strict.port}/dev`);
    const localEvent = await recorded(`connect#${await connectionIdOf(local)}`);
    assert.equal(localEvent.requestContext.domainName, `localhost:${strict.port}`);
    local.close();
  });

  test('a URL that names no WebSocket API of the gateway is HOPLITE_ERR_CONNECT_URL, as error and close 1006', async () => {
    for (const url of [`ws://127.0.0.1:1/dev`, `ws://example.com:${strict.port}/dev`, `ftp://127.0.0.1:${strict.port}/dev`]) {
      const client = started.gateway.connect(url);
      const errors: Error[] = [];
      client.on('error', (error: Error) => errors.push(error));
      await assert.rejects(client.opened, { code: 'HOPLITE_ERR_CONNECT_URL' });
      assert.deepEqual(await client.closed, { code: 1006, reason: '' });
      assert.equal(errors.length, 1);
      assert.equal(client.readyState, MemoryWebSocket.CLOSED);
    }
  });

  test('ws event shapes: open, message (Buffer, isBinary), close (code, Buffer reason); messages() ends at the close', async () => {
    const client = started.gateway.connect(strict.url);
    const seen: unknown[] = [];
    client.on('open', () => seen.push('open'));
    client.on('message', (data: Buffer, isBinary: boolean) => seen.push([Buffer.isBuffer(data), data.toString(), isBinary]));
    client.on('close', (code: number, reason: Buffer) => seen.push([code, Buffer.isBuffer(reason), reason.toString()]));
    await client.opened;
    assert.equal(client.readyState, MemoryWebSocket.OPEN);
    assert.equal(client.protocol, '');
    client.send('{"action":"echo","n":1}');
    client.send('{"action":"echo","n":2}');
    const received: ReceivedMessage[] = [];
    for await (const message of client.messages()) {
      received.push(message);
      if (received.length === 2) client.close(4001, 'done');
    }
    assert.deepEqual(received, ['{"action":"echo","n":1}', '{"action":"echo","n":2}']);
    assert.deepEqual(seen, ['open', [true, '{"action":"echo","n":1}', false], [true, '{"action":"echo","n":2}', false], [4001, true, 'done']]);
    await assert.rejects(client.nextMessage(), /closed \(4001 done\)/);
  });
});
