/**
 * `hoplite describe` on the examples as a person runs it: the text tree of examples/chat and examples/todo-auth,
 * exactly; the HTML page opened in Chromium shows every route and function name in its SVG and fetches nothing.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CliIo } from '../../src/cli/io.ts';
import { loadService } from '../../src/cli/load-service.ts';
import { main } from '../../src/cli/main.ts';
import type { ServiceModel } from '../../src/model/index.ts';
import { NO_CHROMIUM, openPage } from '../helpers/browser.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function memoryIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        append(chunk.toString());
        callback();
      },
    });
  const stdout = sink((text) => {
    out += text;
  });
  const stderr = sink((text) => {
    err += text;
  });
  return { stdin: new PassThrough(), stdout, stderr, env: {}, out: () => out, err: () => err };
}

async function hoplite(argv: string[], cwd = root): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo();
  const code = await main(['describe', ...argv], io, cwd);
  return { code, out: io.out(), err: io.err() };
}

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hoplite-describe-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const ACTIONS = `dynamodb:GetItem, dynamodb:PutItem, dynamodb:UpdateItem,
      dynamodb:DeleteItem, dynamodb:Query, dynamodb:Scan, dynamodb:BatchWriteItem,
      dynamodb:BatchGetItem`;

const CHAT_TEXT = `service SpartaWebSocket

WebSocket API sample: stage v1; route selection $request.body.message
  route $connect: timeout 29000 ms
    → function connectWorld (Lambda proxy)
  route $disconnect: timeout 29000 ms
    → function disconnectWorld (Lambda proxy)
  route sendmessage: timeout 29000 ms
    → function sendMessage (Lambda proxy)

function connectWorld: handler handlers.ts#connectWorld; runtime nodejs22.x (default);
    memory 128 MB; timeout 10 s; architecture x86_64; env CONNECTION_TABLE
  → table sample-connections (8 actions): ${ACTIONS}
  → table sample-connections (env CONNECTION_TABLE)
function disconnectWorld: handler handlers.ts#disconnectWorld; runtime nodejs22.x (default);
    memory 128 MB; timeout 10 s; architecture x86_64; env CONNECTION_TABLE
  → table sample-connections (8 actions): ${ACTIONS}
  → table sample-connections (env CONNECTION_TABLE)
function sendMessage: handler handlers.ts#sendMessage; runtime nodejs22.x (default); memory 128 MB;
    timeout 10 s; architecture x86_64; env CONNECTION_TABLE
  → @connections of sample (execute-api:ManageConnections)
  → table sample-connections (8 actions): ${ACTIONS}
  → table sample-connections (env CONNECTION_TABLE)

table sample-connections: partition key connectionID (S); provisioned 5 read / 5 write;
    encrypted with a KMS key
`;

const TODO_AUTH_TEXT = `service todo-auth

HTTP API todo: stage v1; auto deploy; throttle 50/s, burst 10; CORS origins *
  route GET /todos: timeout 3000 ms; auth JWT scopes todos/read
    → JWT authorizer users
    → function todo (Lambda proxy, payload 2.0)
  route POST /todos: timeout 3000 ms; auth JWT scopes todos/write
    → JWT authorizer users
    → function todo (Lambda proxy, payload 2.0)
  route DELETE /todos/{id}: timeout 3000 ms; auth JWT scopes todos/write
    → JWT authorizer users
    → function todo (Lambda proxy, payload 2.0)
  JWT authorizer users: issuer hoplite:local-issuer; audience todo-web;
      identity $request.header.Authorization; used by GET /todos, POST /todos, DELETE /todos/{id}

site web: folder web

function todo: handler handler.ts#handler; runtime nodejs22.x (default); memory 128 MB; timeout 3 s;
    architecture x86_64; env TABLE_NAME
  → table UserTodos (3 actions): dynamodb:Query, dynamodb:PutItem, dynamodb:DeleteItem
  → table UserTodos (env TABLE_NAME)

table UserTodos: partition key Owner (S); sort key Id (S); on demand
`;

test('hoplite describe examples/chat prints the tree: routes to functions, each grant on the table and @connections', async () => {
  assert.deepEqual(await hoplite(['examples/chat/hoplite.config.ts']), { code: 0, out: CHAT_TEXT, err: '' });
});

test('hoplite describe in examples/todo-auth finds hoplite.config.ts and prints the tree: JWT authorizer and scopes per route', async () => {
  assert.deepEqual(await hoplite([], join(root, 'examples', 'todo-auth')), { code: 0, out: TODO_AUTH_TEXT, err: '' });
});

test('--out writes the HTML page and prints its path; --format html prints the same page; --format text --out writes the tree', async (t) => {
  const dir = await tempDir(t);
  const written = await hoplite(['examples/chat/hoplite.config.ts', '--out', join(dir, 'site', 'chat.html')]);
  assert.deepEqual(written, { code: 0, out: `${join(dir, 'site', 'chat.html')}\n`, err: '' });
  const html = await readFile(join(dir, 'site', 'chat.html'), 'utf8');
  assert.ok(html.startsWith('<!doctype html>'));
  const printed = await hoplite(['examples/chat/hoplite.config.ts', '--format', 'html']);
  assert.equal(printed.out, html);
  await hoplite(['examples/chat/hoplite.config.ts', '--format=text', '--out', join(dir, 'chat.txt')]);
  assert.equal(await readFile(join(dir, 'chat.txt'), 'utf8'), CHAT_TEXT);
});

test('usage errors: an unknown format, two entries, a missing entry', async () => {
  assert.deepEqual(await hoplite(['examples/chat/hoplite.config.ts', '--format', 'pdf']), {
    code: 1,
    out: '',
    err: 'error: --format: expected text or html, got "pdf"\n',
  });
  const two = await hoplite(['a.ts', 'b.ts']);
  assert.deepEqual([two.code, two.err], [1, 'error: describe takes one entry, got 2: a.ts b.ts\n']);
  const missing = await hoplite(['nowhere.ts']);
  assert.deepEqual([missing.code, missing.err], [1, 'error: nowhere.ts: file not found\n']);
});

/** Every name a reader looks for: each route key (a REST method as `GET /path`) and each function. */
function routeAndFunctionNames(model: ServiceModel): string[] {
  const routes = model.apis.flatMap((api) =>
    api.protocol === 'REST'
      ? api.resources.flatMap((resource) => resource.methods.map((method) => `${method.httpMethod} ${resource.path}`))
      : api.routes.map((route) => route.key),
  );
  return [...routes, ...model.functions.map((fn) => fn.name)];
}

for (const example of ['chat', 'todo-auth']) {
  test(`the page of examples/${example} in Chromium: every route and function name is visible in the SVG; nothing is fetched`, {
    skip: NO_CHROMIUM,
  }, async (t) => {
    const dir = await tempDir(t);
    const file = join(dir, `${example}.html`);
    const entry = join('examples', example, 'hoplite.config.ts');
    assert.equal((await hoplite([entry, '--out', file])).code, 0);
    const { page, failures } = await openPage(t);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const url = pathToFileURL(file).href;
    await page.goto(url, { waitUntil: 'load' });
    const names = routeAndFunctionNames((await loadService(entry, root)).model);
    assert.ok(names.length >= 4);
    const svg = page.locator('svg.graph');
    for (const name of names) {
      const text = svg.locator('text.label').getByText(name, { exact: true }).first();
      assert.equal(await text.isVisible(), true, `${name} is visible in the SVG`);
    }
    assert.deepEqual(requests, [url], 'the page itself is the only request');
    assert.deepEqual(failures, []);
  });
}
