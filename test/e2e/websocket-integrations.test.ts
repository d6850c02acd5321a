/**
 * Non-proxy and HTTP integrations on WebSocket message routes through a running gateway (MAP-20, MAP-21, WS-40,
 * WS-45, WS-46): Lambda custom with templates, HTTP with templates and request parameters, HTTP_PROXY, a
 * passthrough that refuses, content handling, a backend that hangs and one that refuses connections.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { ApiEndpoint } from '../../src/gateway.ts';
import type { MemoryWebSocket } from '../../src/websocket/index.ts';
import { integrationsService } from '../fixtures/services/integrations/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { openClient } from '../helpers/ws-client.ts';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

let backend: Server;
let started: StartedGateway;
let api: ApiEndpoint;
const received: Received[] = [];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return url;
}

before(async () => {
  backend = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ method: request.method as string, url: request.url as string, headers: request.headers, body });
      if (request.url?.startsWith('/orders')) {
        const { item } = JSON.parse(body.toString());
        if (item === 'nothing') {
          response.writeHead(422, { 'content-type': 'application/json' }).end('{"reason":"no such item"}');
        } else response.writeHead(item === 'book' ? 201 : 200, { 'content-type': 'application/json' }).end(`{"id":"o-${item}"}`);
      } else if (request.url === '/bytes') {
        response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.concat([body, Buffer.from([0xfe])]));
      } else if (request.url === '/echo') {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(`echo ${body.toString()}`);
      }
      // `/hang` never answers.
    });
  });
  const down = await closedPort();
  started = await startGateway(null, integrationsService(await listen(backend), down));
  api = started.urls.apis[0] as ApiEndpoint;
});

after(async () => {
  await started.gateway.dispose();
  backend.closeAllConnections();
  await new Promise<void>((resolve) => backend.close(() => resolve()));
});

async function connected(): Promise<MemoryWebSocket> {
  const client = started.gateway.connect(api.url);
  await client.opened;
  return client;
}

const next = async (client: MemoryWebSocket): Promise<string> => String(await client.nextMessage());
const lastReceived = (): Received => received[received.length - 1] as Received;

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('MAP-20 MAP-21 a Lambda custom route: the request template is the event, the $default response template the reply', async () => {
  const client = await connected();
  client.send('{"action":"divide","a":7,"b":2}');
  const reply = await next(client);
  const { for: connectionId } = JSON.parse(reply);
  assert.equal(reply, `{"result": 3.5, "for": "${connectionId}"}`);
  assert.match(connectionId, /^[A-Za-z0-9+/_-]{15}=$/);
  client.close();
});

test('MAP-30 $context in templates has the request time in CLF and epoch, and the extended request id', async () => {
  const client = await connected();
  client.send('{"action":"context"}');
  const context = JSON.parse(await next(client));
  assert.match(context.requestTime, /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  assert.equal(context.extendedRequestId, context.requestId);
  assert.ok(Math.abs(context.epoch - Date.now()) < 60_000);
  client.close();
});

test('MAP-21 a function error is matched by its message against the /regex/ keys; $input is the error', async () => {
  const client = await connected();
  client.send('{"action":"divide","a":1,"b":0}');
  assert.equal(await next(client), '{"error": "Division by zero"}');
  client.close();
});

test('MAP-20 MAP-21 no request template passes the message as the event; no response template sends the result unchanged', async () => {
  const client = await connected();
  client.send('{"action":"echo","op":"echo"}');
  assert.equal(await next(client), '{"received":{"action":"echo","op":"echo"}}');
  client.close();
});

test('MAP-21 WS-45 a function error no integration response takes is the Internal server error frame', async () => {
  const client = await connected();
  client.send('{"action":"unmapped","a":1,"b":0}');
  const frame = JSON.parse(await next(client));
  assert.deepEqual(Object.keys(frame), ['message', 'connectionId', 'requestId']);
  assert.equal(frame.message, 'Internal server error');
  client.close();
});

test('MAP-20 passthroughBehavior NEVER refuses a message no template takes; a matching one passes', async () => {
  // spec: unverified (the frame's text is REST's 415 message)
  const client = await connected();
  client.send('{"action":"strict","kind":"other"}');
  const frame = JSON.parse(await next(client));
  assert.equal(frame.message, 'Unsupported Media Type');
  client.send('{"action":"strict","kind":"known"}');
  assert.equal(await next(client), '{"received":{"op":"echo","kind":"known"}}');
  client.close();
});

test('WS-73 MAP-20 MAP-21 an HTTP route: request parameters and template to the URL, the status code picks the response template', async () => {
  const client = await connected();
  client.send('{"action":"order","item":"book"}');
  assert.equal(await next(client), 'created o-book');
  const request = lastReceived();
  const connectionId = JSON.parse(request.body.toString()).conn;
  assert.equal(request.method, 'POST');
  assert.equal(request.url, '/orders?source=ws&item=book');
  assert.equal(request.body.toString(), `{"item": "book", "conn": "${connectionId}"}`);
  assert.equal(request.headers.connectionid, connectionId);
  assert.equal(request.headers['x-static'], 'fixed');
  assert.match(String(request.headers['x-stage']), /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(request.headers['content-type'], 'application/json');
  client.send('{"action":"order","item":"pen"}');
  assert.equal(await next(client), 'ok');
  client.send('{"action":"order","item":"nothing"}');
  assert.equal(await next(client), 'rejected: {"reason":"no such item"}');
  client.close();
});

test('MAP-20 MAP-21 contentHandlingStrategy: base64 text goes to the backend as bytes, bytes come back as base64', async () => {
  const client = await connected();
  client.send(Buffer.from([0, 1, 2, 255]).toString('base64'));
  assert.equal(await next(client), Buffer.from([0, 1, 2, 255, 0xfe]).toString('base64'));
  const request = lastReceived();
  assert.equal(request.method, 'PUT');
  assert.equal(request.url, '/bytes');
  assert.deepEqual([...request.body], [0, 1, 2, 255]);
  client.close();
});

test('WS-40 MAP-21 an HTTP_PROXY route sends the message as it is and relays the body whatever the status', async () => {
  const client = await openClient(api.url);
  client.ws.send('{"action":"proxy","text":"hi"}');
  assert.equal(await client.next(), 'echo {"action":"proxy","text":"hi"}');
  const request = lastReceived();
  assert.equal(request.method, 'POST');
  assert.equal(request.url, '/echo');
  assert.equal(request.body.toString(), '{"action":"proxy","text":"hi"}');
  assert.match(String(request.headers['x-connection-id']), /^[A-Za-z0-9+/_-]{15}=$/);
  client.ws.close();
  await client.closed;
});

test('WS-40 an HTTP_PROXY route without a route response sends nothing back', async () => {
  const client = await connected();
  client.send('{"action":"oneway","n":1}');
  // Sent after it, answered after it: had the one-way route replied, its echo would come first.
  await until(() => received.some((request) => request.body.toString() === '{"action":"oneway","n":1}'));
  client.send('{"action":"proxy","n":2}');
  assert.equal(await next(client), 'echo {"action":"proxy","n":2}');
  client.close();
});

test('WS-46 a backend that does not answer within the integration timeout is the timeout frame; others are served', async () => {
  const client = await connected();
  client.send('{"action":"slow"}');
  client.send('{"action":"divide","a":9,"b":3}');
  assert.match(await next(client), /^\{"result": 3, /);
  const frame = JSON.parse(await next(client));
  assert.equal(frame.message, 'Endpoint request timed out');
  client.close();
});

test('WS-45 a backend that refuses the connection is the Internal server error frame, logged with the connection', async () => {
  const client = await connected();
  client.send('{"action":"down"}');
  const frame = JSON.parse(await next(client));
  assert.equal(frame.message, 'Internal server error');
  const warning = started.log.lines.find((line) => line.includes('route "down"') && line.includes(frame.connectionId));
  assert.match(String(warning), /POST http:\/\/127\.0\.0\.1:\d+\/x failed: .*ECONNREFUSED/);
  client.close();
});
