import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { consoleLog, memoryLog, type RequestLine } from './log.ts';
import { formatRequestLine } from './request-lines.ts';

function capture(isTTY: boolean) {
  const stdout = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  stdout.on('data', (chunk: Buffer) => {
    text += chunk;
  });
  return { stdout, text: () => text };
}

test('function logs: colours only on a TTY, a filter by function, and --quiet', () => {
  const plain = capture(false);
  consoleLog({ stdout: plain.stdout }).functionLine('sendMessage', 'START RequestId: 1 Version: $LATEST');
  assert.equal(plain.text(), '[sendMessage] START RequestId: 1 Version: $LATEST\n');

  const tty = capture(true);
  consoleLog({ stdout: tty.stdout }).functionLine('sendMessage', 'line');
  assert.equal(tty.text(), '\u001b[36m[sendMessage]\u001b[0m \u001b[2mline\u001b[0m\n');

  const filtered = capture(false);
  const log = consoleLog({ stdout: filtered.stdout, functions: ['connectWorld'] });
  log.functionLine('sendMessage', 'hidden');
  log.functionLine('connectWorld', 'shown');
  assert.equal(filtered.text(), '[connectWorld] shown\n');
  // What is dropped need not be formatted: the pools ask first.
  assert.deepEqual([log.wantsFunctionLines('sendMessage'), log.wantsFunctionLines('connectWorld')], [false, true]);

  const quiet = capture(false);
  const quietLog = consoleLog({ stdout: quiet.stdout, quiet: true });
  quietLog.functionLine('a', 'hidden');
  assert.equal(quiet.text(), '');
  assert.equal(quietLog.wantsFunctionLines('a'), false);
});

const AT = Date.UTC(2024, 1, 9, 18, 11, 43, 419);
const API = { api: 'sample', stage: 'v1', epochMs: AT };
const LINES: RequestLine[] = [
  { kind: 'connect', ...API, connectionId: 'Yk3rqdQ2oAMCJ5A=', sourceIp: '127.0.0.1', status: 101 },
  { kind: 'connect', ...API, connectionId: 'Yk3rqdQ2oAMCJ5A=', sourceIp: '127.0.0.1', status: 401 },
  { kind: 'connect', ...API, connectionId: undefined, sourceIp: '::1', status: 403 },
  { kind: 'message', ...API, connectionId: 'Yk3rqdQ2oAMCJ5A=', routeKey: 'sendmessage', functionName: 'sendMessage', errorFrame: undefined },
  { kind: 'message', ...API, connectionId: 'Yk3rqdQ2oAMCJ5A=', routeKey: 'sendmessage', functionName: 'sendMessage', errorFrame: 'Internal server error' },
  { kind: 'message', ...API, connectionId: 'Yk3rqdQ2oAMCJ5A=', routeKey: undefined, functionName: undefined, errorFrame: 'Forbidden' },
  { kind: 'disconnect', ...API, connectionId: 'Yk3rqdQ2oAMCJ5A=', closeCode: 1001, closeReason: 'Going away' },
  { kind: 'connections', ...API, method: 'POST', connectionId: 'Yk3rqdQ2oAMCJ5A=', status: 410 },
  { kind: 'http', api: 'todo', stage: 'v1', epochMs: AT, method: 'GET', path: '/v1/todos', routeKey: 'GET /todos', status: 200, durationMs: 12 },
  { kind: 'http', api: 'todo', stage: '$default', epochMs: AT, method: 'GET', path: '/nothing', routeKey: undefined, status: 404, durationMs: 0 },
];

test('request lines in the text format: [api/stage], what happened, the outcome', () => {
  assert.deepEqual(
    LINES.map((line) => formatRequestLine(line, 'text')),
    [
      '[sample/v1] CONNECT Yk3rqdQ2oAMCJ5A= 127.0.0.1 accepted',
      '[sample/v1] CONNECT Yk3rqdQ2oAMCJ5A= 127.0.0.1 refused 401',
      '[sample/v1] CONNECT - ::1 refused 403',
      '[sample/v1] MESSAGE Yk3rqdQ2oAMCJ5A= sendmessage → sendMessage',
      '[sample/v1] MESSAGE Yk3rqdQ2oAMCJ5A= sendmessage → sendMessage → error frame "Internal server error"',
      '[sample/v1] MESSAGE Yk3rqdQ2oAMCJ5A= (no route) → error frame "Forbidden"',
      '[sample/v1] DISCONNECT Yk3rqdQ2oAMCJ5A= 1001 "Going away"',
      '[sample/v1] @connections POST Yk3rqdQ2oAMCJ5A= 410',
      '[todo/v1] GET /v1/todos (GET /todos) 200 12 ms',
      '[todo/$default] GET /nothing (no route) 404 0 ms',
    ],
  );
});

test('request lines in the JSON format: one object per line, the same keys for every line of a type', () => {
  const time = '2024-02-09T18:11:43.419Z';
  const api = { api: 'sample', stage: 'v1' };
  assert.deepEqual(
    LINES.map((line) => formatRequestLine(line, 'json')),
    [
      { time, type: 'websocket.connect', ...api, connectionId: 'Yk3rqdQ2oAMCJ5A=', sourceIp: '127.0.0.1', status: 101, outcome: 'accepted' },
      { time, type: 'websocket.connect', ...api, connectionId: 'Yk3rqdQ2oAMCJ5A=', sourceIp: '127.0.0.1', status: 401, outcome: 'refused' },
      { time, type: 'websocket.connect', ...api, connectionId: null, sourceIp: '::1', status: 403, outcome: 'refused' },
      { time, type: 'websocket.message', ...api, connectionId: 'Yk3rqdQ2oAMCJ5A=', routeKey: 'sendmessage', function: 'sendMessage', errorFrame: null },
      {
        time,
        type: 'websocket.message',
        ...api,
        connectionId: 'Yk3rqdQ2oAMCJ5A=',
        routeKey: 'sendmessage',
        function: 'sendMessage',
        errorFrame: 'Internal server error',
      },
      { time, type: 'websocket.message', ...api, connectionId: 'Yk3rqdQ2oAMCJ5A=', routeKey: null, function: null, errorFrame: 'Forbidden' },
      { time, type: 'websocket.disconnect', ...api, connectionId: 'Yk3rqdQ2oAMCJ5A=', closeCode: 1001, closeReason: 'Going away' },
      { time, type: 'connections.request', ...api, method: 'POST', connectionId: 'Yk3rqdQ2oAMCJ5A=', status: 410 },
      { time, type: 'http.request', api: 'todo', stage: 'v1', method: 'GET', path: '/v1/todos', routeKey: 'GET /todos', status: 200, durationMs: 12 },
      { time, type: 'http.request', api: 'todo', stage: '$default', method: 'GET', path: '/nothing', routeKey: null, status: 404, durationMs: 0 },
    ].map((record) => JSON.stringify(record)),
  );
});

test('consoleLog: request lines on stdout, the source coloured on a TTY, the JSON format uncoloured', () => {
  const tty = capture(true);
  consoleLog({ stdout: tty.stdout }).requestLine(LINES[7] as RequestLine);
  assert.equal(tty.text(), '\u001b[35m[sample/v1]\u001b[0m @connections POST Yk3rqdQ2oAMCJ5A= 410\n');

  const json = capture(true);
  consoleLog({ stdout: json.stdout, format: 'json' }).requestLine(LINES[7] as RequestLine);
  assert.equal(
    json.text(),
    '{"time":"2024-02-09T18:11:43.419Z","type":"connections.request","api":"sample","stage":"v1","method":"POST","connectionId":"Yk3rqdQ2oAMCJ5A=","status":410}\n',
  );
});

test('--quiet keeps only errors: no information, warnings, request or function lines, and nothing asks to build them', () => {
  const stdout = capture(false);
  const stderr = capture(false);
  const log = consoleLog({ stdout: stdout.stdout, stderr: stderr.stdout, quiet: true });
  log.info('reloaded sendMessage (handlers.ts changed)');
  log.warn('ignored');
  log.functionLine('sendMessage', 'START RequestId: 1 Version: $LATEST');
  log.requestLine(LINES[0] as RequestLine);
  log.error('handlers.ts:3: does not compile');
  assert.equal(stdout.text(), '');
  assert.equal(stderr.text(), 'error handlers.ts:3: does not compile\n');
  assert.deepEqual([log.wantsRequestLines(undefined), log.wantsRequestLines('sendMessage')], [false, false]);
});

test("--functions keeps the request lines of those functions' routes and of requests no function took", () => {
  const log = consoleLog({ stdout: capture(false).stdout, functions: ['sendMessage'] });
  assert.deepEqual([log.wantsRequestLines('sendMessage'), log.wantsRequestLines('connectWorld'), log.wantsRequestLines(undefined)], [true, false, true]);
});

test('memoryLog keeps request lines formatted, as text or as JSON', () => {
  const text = memoryLog();
  text.requestLine(LINES[6] as RequestLine);
  const json = memoryLog({ format: 'json' });
  json.requestLine(LINES[6] as RequestLine);
  assert.deepEqual(text.requestLines, ['[sample/v1] DISCONNECT Yk3rqdQ2oAMCJ5A= 1001 "Going away"']);
  assert.deepEqual(json.requestLines, [
    '{"time":"2024-02-09T18:11:43.419Z","type":"websocket.disconnect","api":"sample","stage":"v1","connectionId":"Yk3rqdQ2oAMCJ5A=","closeCode":1001,"closeReason":"Going away"}',
  ]);
});
