/** The WebSocket runtime on the wire: a real gateway, real `ws` clients and raw sockets, real handlers in workers, the real SDK clients (features without the wire: websocket-memory.test.ts). */
import assert from 'node:assert/strict';
import { Agent } from 'node:https';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { ApiGatewayManagementApiClient, DeleteConnectionCommand, GetConnectionCommand, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import WebSocket from 'ws';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { GATEWAY_ID_PATTERN } from '../../src/internal/ids.ts';
import { generateLocalCertificate, type TlsMaterial } from '../../src/internal/tls.ts';
import probe from '../fixtures/services/probe/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { openRawClient, type RawFrame } from '../helpers/raw-ws.ts';
import { eventually, openClient, refusedHandshake } from '../helpers/ws-client.ts';

const CLF_TIME = /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/;
/** The requestContext keys of a CONNECT event, in the order AWS sends them. */
const CONTEXT_KEYS = [
  'routeKey',
  'eventType',
  'extendedRequestId',
  'requestTime',
  'messageDirection',
  'stage',
  'connectedAt',
  'requestTimeEpoch',
  'identity',
  'requestId',
  'domainName',
  'connectionId',
  'apiId',
];
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };

let started: StartedGateway;
let strict: ApiEndpoint;
let dynamo: DynamoDBClient;
let tls: TlsMaterial;
let management: ApiGatewayManagementApiClient;

before(async () => {
  tls = await generateLocalCertificate();
  started = await startGateway(null, probe, { tls });
  [strict] = started.urls.apis as [ApiEndpoint];
  dynamo = new DynamoDBClient({ endpoint: started.urls.dynamodbEndpoint, region: 'us-east-1', credentials });
  management = new ApiGatewayManagementApiClient({
    endpoint: strict.managementEndpoint,
    region: 'us-east-1',
    credentials,
    requestHandler: { httpsAgent: new Agent({ ca: tls.cert, keepAlive: true }) },
  });
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

/** An upgrade request with this `Sec-WebSocket-Protocol` (sent as UTF-8) on a bare socket; the whole answer once the server closes. */
function rawUpgrade(port: number, path: string, protocol: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    const lines = [
      `GET ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      `Sec-WebSocket-Protocol: ${protocol}`,
    ];
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}

async function connectionIdOf(client: Awaited<ReturnType<typeof openClient>>): Promise<string> {
  client.ws.send('{"action":"reflect"}');
  return JSON.parse(await client.next()).requestContext.connectionId;
}

describe('$connect', () => {
  test('WS-3 WS-10 WS-30 WS-33 WS-70 GEN-1 GEN-2 GEN-3 GEN-4 accepted; the CONNECT event has AWS shape with the local domain', async () => {
    const client = await openClient(`${strict.url}?room=lobby&room=main`, { headers: { 'User-Agent': 'probe/1.0' } });
    const connectionId = await connectionIdOf(client);
    assert.match(connectionId, GATEWAY_ID_PATTERN);
    const event = await recorded(`connect#${connectionId}`);
    const port = String(strict.port);
    assert.deepEqual(Object.keys(event), [
      'headers',
      'multiValueHeaders',
      'queryStringParameters',
      'multiValueQueryStringParameters',
      'requestContext',
      'isBase64Encoded',
    ]);
    assert.equal(event.headers.Host, `127.0.0.1:${port}`);
    assert.equal(event.headers['User-Agent'], 'probe/1.0');
    assert.equal(event.headers['Sec-WebSocket-Version'], '13');
    assert.equal(event.headers.Connection, undefined);
    assert.equal(event.headers.Upgrade, undefined);
    assert.match(event.headers['X-Amzn-Trace-Id'], /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    assert.equal(event.headers['X-Forwarded-For'], '127.0.0.1');
    assert.equal(event.headers['X-Forwarded-Port'], port);
    assert.equal(event.headers['X-Forwarded-Proto'], 'http');
    assert.deepEqual(event.multiValueHeaders.Host, [`127.0.0.1:${port}`]);
    assert.deepEqual(event.queryStringParameters, { room: 'main' });
    assert.deepEqual(event.multiValueQueryStringParameters, { room: ['lobby', 'main'] });
    const context = event.requestContext;
    assert.deepEqual(Object.keys(context), CONTEXT_KEYS);
    assert.equal(context.routeKey, '$connect');
    assert.equal(context.eventType, 'CONNECT');
    assert.equal(context.messageDirection, 'IN');
    assert.equal(context.stage, 'dev');
    assert.equal(context.domainName, `127.0.0.1:${port}`);
    assert.equal(context.apiId, strict.apiId);
    assert.match(context.apiId, /^[a-z0-9]{10}$/);
    assert.equal(context.extendedRequestId, context.requestId);
    assert.match(context.requestId, GATEWAY_ID_PATTERN);
    assert.match(context.requestTime, CLF_TIME);
    assert.equal(typeof context.connectedAt, 'number');
    assert.ok(context.requestTimeEpoch >= context.connectedAt && context.requestTimeEpoch - context.connectedAt < 1000);
    assert.deepEqual(context.identity, { sourceIp: '127.0.0.1', userAgent: 'probe/1.0' });
    assert.equal(event.isBase64Encoded, false);
    client.ws.close();
    // Let this connection's $disconnect finish so the next test counts only its own.
    await eventually(() => recorded(`disconnect#${context.connectionId}`));
  });

  test('WS-13 the 101 carries no body and no header of the $connect result', async () => {
    // $connect answers 200 with a body and an X-Other header; neither reaches the client.
    const raw = await openRawClient(strict.port, '/dev');
    assert.equal(raw.statusLine, 'HTTP/1.1 101 Switching Protocols');
    assert.deepEqual(raw.headerLines.map((line) => line.slice(0, line.indexOf(':')).toLowerCase()).sort(), ['connection', 'sec-websocket-accept', 'upgrade']);
    // Any bytes of a body after the 101 would be read as the first frame.
    raw.sendFrame(1, '{"action":"echo","n":13}');
    const [frame] = await raw.frames(1);
    assert.deepEqual(frame && { fin: frame.fin, opcode: frame.opcode, text: frame.payload.toString() }, {
      fin: true,
      opcode: 1,
      text: '{"action":"echo","n":13}',
    });
    raw.close();
  });

  test('WS-13 WS-15 only Sec-WebSocket-Protocol from the result is relayed', async () => {
    const client = await openClient(`${strict.url}?protocol=chat.v2`, { protocols: ['chat.v1', 'chat.v2'] });
    assert.equal(client.ws.protocol, 'chat.v2');
    client.ws.close();
  });

  test('WS-15 the gateway picks no subprotocol itself', async () => {
    // The client offered one and $connect returned none: the 101 carries no protocol, so the client fails.
    await assert.rejects(openClient(strict.url, { protocols: ['chat.v1'] }), /Server sent no subprotocol/);
  });

  for (const [label, value] of [
    ['an empty element', 'chat, , v2'],
    ['only commas', ',,,'],
    ['a duplicate', 'a, a'],
    ['a space inside a name', 'a b'],
    ['a non-ASCII name', 'ché'],
  ]) {
    test(`WS-3 WS-15 WS-50 regression: Sec-WebSocket-Protocol with ${label} (${value}) answers 400 before any $connect, which stores nothing`, async () => {
      const tag = `badprotocol-${Buffer.from(value as string).toString('hex')}`;
      const answer = await rawUpgrade(strict.port, `/dev?tag=${tag}`, value as string);
      assert.equal(
        answer,
        'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 25\r\n\r\n{"message":"Bad Request"}',
      );
      // A good handshake after it runs its $connect; the refused one never ran: it recorded nothing, not even its start.
      const client = await openClient(`${strict.url}?tag=${tag}-after`);
      await eventually(() => recorded(`connecting#${tag}-after`));
      assert.equal(await recorded(`connecting#${tag}`), undefined);
      client.ws.close();
    });
  }

  test('WS-1 an upgrade on another path than /{stage} answers 403 Forbidden', async () => {
    const refused = await refusedHandshake(strict.url.replace('/dev', '/prod'));
    assert.equal(refused.status, 403);
    assert.equal(refused.body, '{"message":"Forbidden"}');
    assert.equal((await refusedHandshake(`${strict.url}/extra`)).status, 403);
  });
});

describe('messages', () => {
  test('WS-80 CONN-10 outbound messages over 32 KB are sent as frames of at most 32 KB: route responses and posts', async () => {
    const raw = await openRawClient(strict.port, '/dev');
    const boundaries = (frames: RawFrame[]) => frames.map((frame) => [frame.opcode, frame.fin, frame.payload.length]);
    raw.sendFrame(1, '{"action":"big"}');
    const response = await raw.frames(2);
    assert.deepEqual(boundaries(response), [
      [1, false, 32_768],
      [0, true, 40_000 - 32_768],
    ]);
    assert.equal(Buffer.concat(response.map((frame) => frame.payload)).toString(), 'x'.repeat(40_000));
    raw.sendFrame(1, '{"action":"reflect"}');
    const [reflected] = await raw.frames(1);
    const connectionId = JSON.parse(reflected?.payload.toString() ?? '{}').requestContext.connectionId;
    const data = 'p'.repeat(40 * 1024);
    await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
    const posted = await raw.frames(2);
    assert.deepEqual(boundaries(posted), [
      [1, false, 32_768],
      [0, true, 40 * 1024 - 32_768],
    ]);
    assert.equal(Buffer.concat(posted.map((frame) => frame.payload)).toString(), data);
    raw.close();
  });
});

describe('limits and $disconnect', () => {
  test('WS-80 WS-52 WS-53 a frame over 32 KB closes with 1009; $disconnect reports it', async () => {
    const client = await openClient(strict.url);
    const connectionId = await connectionIdOf(client);
    client.ws.send(`{"action":"echo","pad":"${'p'.repeat(33_000)}"}`);
    assert.equal((await client.closed).code, 1009);
    const event = await eventually(() => recorded(`disconnect#${connectionId}`));
    assert.equal(event.requestContext.disconnectStatusCode, 1009);
    assert.equal(event.requestContext.disconnectReason, 'Message too big');
  });

  test('WS-80 a message over 128 KB in 32 KB frames closes with 1009', async () => {
    const client = await openClient(strict.url);
    const chunk = 'a'.repeat(30_000);
    for (let i = 0; i < 4; i++) client.ws.send(chunk, { fin: false });
    client.ws.send(chunk, { fin: true });
    assert.equal((await client.closed).code, 1009);
  });

  test('WS-80 a fragmented message under 128 KB is reassembled and delivered', async () => {
    const client = await openClient(strict.url);
    const body = `{"action":"echo","pad":"${'b'.repeat(90_000)}"}`;
    for (let offset = 0; offset < body.length; offset += 30_000) client.ws.send(body.slice(offset, offset + 30_000), { fin: offset + 30_000 >= body.length });
    assert.equal(await client.next(), body);
    client.ws.close();
  });

  test('WS-81 WS-52 WS-53 a binary frame closes with 1003', async () => {
    const client = await openClient(strict.url);
    const connectionId = await connectionIdOf(client);
    client.ws.send(Buffer.from([1, 2, 3]));
    assert.equal((await client.closed).code, 1003);
    const event = await eventually(() => recorded(`disconnect#${connectionId}`));
    assert.equal(event.requestContext.disconnectStatusCode, 1003);
  });

  test('WS-52 a close frame without status reports 1005; a dropped socket reports 1006', async () => {
    const quiet = await openClient(strict.url);
    const quietId = await connectionIdOf(quiet);
    quiet.ws.close();
    const dropped = await openClient(strict.url);
    const droppedId = await connectionIdOf(dropped);
    dropped.ws.terminate();
    const quietEvent = await eventually(() => recorded(`disconnect#${quietId}`));
    assert.equal(quietEvent.requestContext.disconnectStatusCode, 1005);
    assert.equal(quietEvent.requestContext.disconnectReason, 'Client-side close frame status not set');
    const droppedEvent = await eventually(() => recorded(`disconnect#${droppedId}`));
    assert.equal(droppedEvent.requestContext.disconnectStatusCode, 1006);
  });

  test('WS-51 $disconnect starts after the message invocations of its connection have started', async () => {
    const client = await openClient(strict.url);
    const connectionId = await connectionIdOf(client);
    // Warm both functions so that neither start waits for a cold environment (a cold start of a child process
    // can outlast the route's 300 ms integration timeout: the next message then finds it warm).
    let warm = '';
    for (let attempt = 0; attempt < 5 && warm !== 'late'; attempt += 1) {
      client.ws.send('{"action":"slow","ms":10}');
      warm = await client.next();
    }
    assert.equal(warm, 'late');
    client.ws.send('{"action":"slow","ms":100}');
    client.ws.close(1000);
    await eventually(() => recorded(`disconnect#${connectionId}`));
    const lines = started.log.functionLines;
    /** The START line of the invocation of `functionName` whose handler logged `marker`. */
    const startOf = (functionName: string, marker: string) => {
      const logged = lines.filter((entry) => entry.functionName === functionName && entry.line.includes(marker));
      const requestId = logged.at(-1)?.line.split('\t')[1];
      assert.ok(requestId, `${functionName} logged ${marker}`);
      return lines.findIndex((entry) => entry.functionName === functionName && entry.line === `START RequestId: ${requestId} Version: $LATEST`);
    };
    // The last `sleep <id>` line is this connection's second message, the one in flight at the close.
    const messageStart = startOf('sleep', `\tsleep ${connectionId}`);
    const disconnectStart = startOf('disconnect', `\tdisconnect ${connectionId}`);
    assert.ok(messageStart >= 0 && disconnectStart >= 0, 'both invocations have START lines');
    assert.ok(messageStart < disconnectStart, `the in-flight message started (line ${messageStart}) before $disconnect (line ${disconnectStart})`);
  });

  test('WS-50 a client that leaves while $connect runs gets exactly one $disconnect once $connect accepts', async () => {
    const ws = new WebSocket(`${strict.url}?sleepms=500&tag=leaves`);
    ws.on('error', () => {});
    const connectionId = await eventually(() => recorded('connecting#leaves'));
    ws.terminate();
    const event = await eventually(() => recorded(`disconnect#${connectionId}`));
    assert.equal(event.requestContext.eventType, 'DISCONNECT');
    assert.equal(event.requestContext.disconnectStatusCode, 1006);
    assert.equal(event.requestContext.connectionId, connectionId);
    const runs = started.log.functionLines.filter((entry) => entry.functionName === 'disconnect' && entry.line.includes(`disconnect ${connectionId}`));
    assert.equal(runs.length, 1);
  });

  test('WS-84 the gateway answers pings', async () => {
    const client = await openClient(strict.url);
    const pong = new Promise<Buffer>((resolve) => client.ws.once('pong', resolve));
    client.ws.ping('hi');
    assert.equal((await pong).toString(), 'hi');
    client.ws.close();
  });
});

describe('@connections', () => {
  test('CONN-10 CONN-11 CONN-12 the real SDK client over https: post, get, delete, then GoneException', async () => {
    const client = await openClient(strict.url, { headers: { 'User-Agent': 'probe/3' } });
    const connectionId = await connectionIdOf(client);
    await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'from the test' }));
    assert.equal(await client.next(), 'from the test');
    const info = await management.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    assert.ok(info.ConnectedAt instanceof Date);
    assert.ok(info.LastActiveAt instanceof Date);
    assert.ok((info.LastActiveAt as Date).getTime() >= (info.ConnectedAt as Date).getTime());
    assert.deepEqual(info.Identity, { SourceIp: '127.0.0.1', UserAgent: 'probe/3' });
    await management.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    const closed = await client.closed;
    assert.equal(closed.code, 1000);
    const event = await eventually(() => recorded(`disconnect#${connectionId}`));
    assert.equal(event.requestContext.disconnectStatusCode, 1000);
    assert.equal(event.requestContext.disconnectReason, 'Connection Closed Normally');
    const gone = await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'late' })).catch((error: Error) => error);
    assert.equal((gone as Error).name, 'GoneException');
    const goneAgain = await management.send(new DeleteConnectionCommand({ ConnectionId: connectionId })).catch((error: Error) => error);
    assert.equal((goneAgain as Error).name, 'GoneException');
  });

  test('CONN-2 plain http:// reaches the same API on the same port', async () => {
    const client = await openClient(strict.url);
    const connectionId = await connectionIdOf(client);
    const plain = new ApiGatewayManagementApiClient({ endpoint: `http://127.0.0.1:${strict.port}/dev`, region: 'us-east-1', credentials });
    await plain.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'plain' }));
    assert.equal(await client.next(), 'plain');
    plain.destroy();
    client.ws.close();
  });

  test('WS-1 wss:// works for clients that trust the certificate', async () => {
    const client = await openClient(strict.secureUrl, { ca: tls.cert });
    client.ws.send('{"action":"echo"}');
    assert.equal(await client.next(), '{"action":"echo"}');
    const event = await recorded(`connect#${await connectionIdOf(client)}`);
    assert.equal(event.headers['X-Forwarded-Proto'], 'https');
    client.ws.close();
  });
});
