/** The gateway's request lines, end to end: a WebSocket connection's life, @connections calls, HTTP and REST requests. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { systemClock } from '../../src/internal/clock.ts';
import { memoryLog } from '../../src/internal/log.ts';
import httpProbe from '../fixtures/services/http-probe/hoplite.config.ts';
import restProbe from '../fixtures/services/http-probe/rest.config.ts';
import probe from '../fixtures/services/probe/hoplite.config.ts';
import { startGateway } from '../helpers/gateway.ts';
import { eventually, openClient, refusedHandshake } from '../helpers/ws-client.ts';

/** A fixed clock: JSON lines get a known time and every duration is 0 ms. */
const AT = Date.UTC(2024, 1, 9, 18, 11, 43, 419);
const clock = { ...systemClock, now: () => AT };
const FRAME_ID = /"connectionId":"([A-Za-z0-9+/]{15}=)"/;
const GONE_ID = 'AAAAAAAAAAAAAAA=';

test("a WebSocket connection's lines: refused and accepted connects, each message's route and function or error frame, @connections calls with a 410, the disconnect", async (t) => {
  const log = memoryLog();
  const { urls } = await startGateway(t, probe, { log, clock });
  const strict = urls.apis[0] as ApiEndpoint;

  assert.equal((await refusedHandshake(`${strict.url.replace('/dev', '/nostage')}`)).status, 403);
  assert.equal((await refusedHandshake(`${strict.url}?reject=401`)).status, 401);
  const client = await openClient(strict.url);
  client.ws.send('{"action":"nosuch"}');
  const id = ((await client.next()).match(FRAME_ID) as RegExpMatchArray)[1] as string;
  client.ws.send('{"action":"echo","n":1}');
  assert.equal(await client.next(), '{"action":"echo","n":1}');
  client.ws.send('{"action":"fails"}');
  assert.match(await client.next(), /^\{"message": "Internal server error"/);
  client.ws.send(JSON.stringify({ action: 'sendself', data: 'to me' }));
  assert.deepEqual([await client.next(), await client.next()], ['to me', 'posted']);
  client.ws.send(JSON.stringify({ action: 'sendself', target: GONE_ID, data: 'to nobody' }));
  assert.equal(await client.next(), 'GoneException');
  client.ws.close(4000, 'bye');
  await client.closed;
  await eventually(() => log.requestLines.find((line) => line.includes('DISCONNECT')));

  const [refused401, ...rest] = log.requestLines.slice(1);
  assert.match(refused401 as string, /^\[strict\/dev\] CONNECT [A-Za-z0-9+/]{15}= 127\.0\.0\.1 refused 401$/);
  assert.deepEqual(
    [log.requestLines[0], ...rest],
    [
      '[strict/dev] CONNECT - 127.0.0.1 refused 403',
      `[strict/dev] CONNECT ${id} 127.0.0.1 accepted`,
      `[strict/dev] MESSAGE ${id} (no route) → error frame "Forbidden"`,
      `[strict/dev] MESSAGE ${id} echo → echo`,
      `[strict/dev] MESSAGE ${id} fails → fails → error frame "Internal server error"`,
      `[strict/dev] @connections POST ${id} 200`,
      `[strict/dev] MESSAGE ${id} sendself → sendself`,
      `[strict/dev] @connections POST ${GONE_ID} 410`,
      `[strict/dev] MESSAGE ${id} sendself → sendself`,
      `[strict/dev] DISCONNECT ${id} 4000 "bye"`,
    ],
  );
});

test('HTTP and REST request lines: method, path, route key, status and duration, "no route" for what no route takes', async (t) => {
  const http = await startGateway(t, httpProbe, { clock });
  const rest = await startGateway(t, restProbe, { clock });
  const staged = (http.urls.apis[0] as ApiEndpoint).url;
  const prod = (rest.urls.apis[0] as ApiEndpoint).url;
  const statuses = [];
  for (const url of [
    `${staged}/items/7?x=1`,
    `${staged}/fails`,
    `${staged}/nothing`,
    `${prod}/hello`,
    `${prod}/fails`,
    `${prod.replace('/prod', '/test')}/hello`,
  ])
    statuses.push((await fetch(url)).status);
  assert.deepEqual(statuses, [200, 500, 404, 200, 502, 403]);
  assert.deepEqual(http.log.requestLines, [
    '[staged/dev] GET /dev/items/7 (GET /items/{id}) 200 0 ms',
    '[staged/dev] GET /dev/fails (GET /fails) 500 0 ms',
    '[staged/dev] GET /dev/nothing (no route) 404 0 ms',
  ]);
  assert.deepEqual(rest.log.requestLines, [
    '[probe/prod] GET /prod/hello (GET /hello) 200 0 ms',
    '[probe/prod] GET /prod/fails (GET /fails) 502 0 ms',
    '[probe/prod] GET /test/hello (no route) 403 0 ms',
  ]);
});

test('the JSON format: each request line is one JSON object with the fixed keys of its type', async (t) => {
  const log = memoryLog({ format: 'json' });
  const { urls } = await startGateway(t, httpProbe, { log, clock, logFormat: 'json' });
  const staged = (urls.apis[0] as ApiEndpoint).url;
  assert.equal((await fetch(`${staged}/items/7`)).status, 200);
  assert.equal((await fetch(`${staged}/nothing`)).status, 404);
  assert.deepEqual(log.requestLines, [
    '{"time":"2024-02-09T18:11:43.419Z","type":"http.request","api":"staged","stage":"dev","method":"GET","path":"/dev/items/7","routeKey":"GET /items/{id}","status":200,"durationMs":0}',
    '{"time":"2024-02-09T18:11:43.419Z","type":"http.request","api":"staged","stage":"dev","method":"GET","path":"/dev/nothing","routeKey":null,"status":404,"durationMs":0}',
  ]);
});

test('a route nobody logs builds no line: the log is asked once per route, at start, and only wanted lines reach it', async (t) => {
  const log = memoryLog();
  const asked: Array<string | undefined> = [];
  // Lines of the echo function's routes only; nothing without a function.
  const filtered = {
    ...log,
    wantsRequestLines: (functionName: string | undefined) => {
      asked.push(functionName);
      return functionName === 'echo';
    },
  };
  const { urls } = await startGateway(t, probe, { log: filtered, clock });
  const strict = urls.apis[0] as ApiEndpoint;
  const askedAtStart = asked.length;
  const client = await openClient(strict.url);
  client.ws.send('{"action":"nosuch"}');
  const id = ((await client.next()).match(FRAME_ID) as RegExpMatchArray)[1] as string;
  client.ws.send('{"action":"reflect"}');
  await client.next();
  client.ws.send('{"action":"echo"}');
  assert.equal(await client.next(), '{"action":"echo"}');
  client.ws.close(1000);
  await client.closed;
  assert.deepEqual(log.requestLines, [`[strict/dev] MESSAGE ${id} echo → echo`]);
  assert.equal(asked.length, askedAtStart);
});
