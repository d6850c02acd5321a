/** MOCK routes answered by mapping templates through a running gateway (MAP-20, MAP-21, MAP-22, MAP-30, WS-40, WS-45). */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type ApiEndpoint, Gateway } from '../../src/gateway.ts';
import { service, websocketApi } from '../../src/index.ts';
import { memoryLog } from '../../src/internal/log.ts';
import type { MemoryWebSocket } from '../../src/websocket/index.ts';
import mock from '../fixtures/services/mock/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { openClient } from '../helpers/ws-client.ts';

let started: StartedGateway;
let chat: ApiEndpoint;

before(async () => {
  started = await startGateway(null, mock);
  chat = started.urls.apis[0] as ApiEndpoint;
});

after(() => started.gateway.dispose());

function next(client: MemoryWebSocket, timeoutMs = 5_000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no message within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([client.nextMessage().then(String), late]).finally(() => clearTimeout(timer));
}

async function connected(): Promise<{ client: MemoryWebSocket; connectionId: string }> {
  const client = started.gateway.connect(chat.url);
  await client.opened;
  client.send('{"action":"who"}');
  const { connectionId } = JSON.parse(await next(client));
  return { client, connectionId };
}

test('MAP-22 MAP-30 WS-41 a MOCK ping route answers with its response template, no function called', async () => {
  const { client, connectionId } = await connected();
  client.send('{"action":"ping","n":[1,2]}');
  assert.equal(await next(client), `{"pong": "${connectionId}", "route": "ping", "say": "hello", "n": [1,2]}`);
  client.close();
});

test('MAP-2 MAP-21 MAP-22 the request template picks the status and the status picks the integration response', async () => {
  const { client } = await connected();
  client.send('{"action":"status","want":"missing"}');
  assert.equal(await next(client), 'not found');
  client.send('{"action":"status","want":"anything"}');
  assert.equal(await next(client), 'found');
  client.close();
});

test('WS-40 MAP-22 a MOCK route without a route response sends nothing', async () => {
  const { client } = await connected();
  client.send('{"action":"quiet"}');
  client.send('{"action":"status"}');
  // Messages are answered in order of completion; the quiet one sent nothing before "found".
  assert.equal(await next(client), 'found');
  client.close();
});

test('WS-45 MAP-30 a template that fails while rendering gets the error frame and is logged with the connection id', async () => {
  const { client, connectionId } = await connected();
  client.send('{"action":"broken","raw":"not json"}');
  const frame = await next(client);
  const match = /^\{"message": "Internal server error", "connectionId":"([^"]+)", "requestId":"[A-Za-z0-9+/]{15}="\}$/.exec(frame);
  assert.ok(match, frame);
  assert.equal(match[1], connectionId);
  const warning = started.log.lines.find((line) => line.includes('route "broken"'));
  assert.ok(warning?.startsWith(`warn WebSocket API chat: route "broken" on connection ${connectionId}: `), warning);
  // The connection stays open.
  client.send('{"action":"status"}');
  assert.equal(await next(client), 'found');
  client.close();
});

test('MAP-22 a MOCK route answers a real ws client on the wire', async () => {
  const client = await openClient(chat.url);
  client.ws.send('{"action":"status","want":"missing"}');
  assert.equal(await client.next(), 'not found');
  client.ws.close();
  await client.closed;
});

test('MAP-30 a MOCK route whose template does not parse stops the start, naming the route and the template', () => {
  const api = websocketApi({ name: 'chat', routeSelectionExpression: '$request.body.action', stage: 'dev' }).route('ping', {
    type: 'MOCK',
    requestTemplates: { $default: '#if(' },
  });
  // The definition is checked when the gateway is made, before anything listens.
  assert.throws(
    () => new Gateway(service('bad', { apis: [api], rootDir: import.meta.dirname }), { host: '127.0.0.1', port: 0, log: memoryLog() }),
    (error: Error) => {
      assert.equal(error.name, 'ConfigError');
      assert.match(error.message, /apis\[0\]\.routes\[0\]\.integration\.requestTemplates\.\$default: expected a VTL mapping template \(MAP-30\): Parse error/);
      return true;
    },
  );
});
