/** examples/chat-auth end to end: the seeds' chat behind a `$connect` token authorizer, with a validated sendmessage. */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import chatAuth from '../../examples/chat-auth/hoplite.config.ts';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { type MemoryWebSocket, UnexpectedResponse } from '../../src/websocket/index.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';

const INVALID_BODY = /^\{"message": "Invalid request body", "connectionId":"[^"]+", "requestId":"[^"]+"\}$/;

describe('in memory', () => {
  let started: StartedGateway;
  let api: ApiEndpoint;

  before(async () => {
    started = await startGateway(null, chatAuth);
    api = started.urls.apis[0] as ApiEndpoint;
  });
  after(() => started.gateway.dispose());

  async function connected(token: string): Promise<MemoryWebSocket> {
    const client = started.gateway.connect(`${api.url}?token=${token}`);
    await client.opened;
    return client;
  }

  async function refusal(query: string): Promise<[number, string]> {
    const error = await started.gateway.connect(`${api.url}${query}`).opened.then(
      () => new Error('the handshake was accepted'),
      (refused: Error) => refused,
    );
    assert.ok(error instanceof UnexpectedResponse, String(error));
    return [error.statusCode, error.body];
  }

  test('AUTH-2 AUTH-6 no token or an empty one is 401; an unknown token is an explicit deny, 403', async () => {
    assert.deepEqual(await refusal(''), [401, '{"message":"Unauthorized"}']);
    assert.deepEqual(await refusal('?token='), [401, '{"message":"Unauthorized"}']);
    assert.deepEqual(await refusal('?token=eve-token'), [403, '{"message":"User is not authorized to access this resource with an explicit deny"}']);
  });

  test('WS-36 the principal reaches sendmessage: both clients get "alice: hello" and "bob: hi"', async () => {
    const alice = await connected('alice-token');
    const bob = await connected('bob-token');
    alice.send('{"action":"sendmessage","data":"hello"}');
    assert.equal(await alice.nextMessage(), 'alice: hello');
    assert.equal(await bob.nextMessage(), 'alice: hello');
    bob.send('{"action":"sendmessage","data":"hi"}');
    assert.equal(await alice.nextMessage(), 'bob: hi');
    assert.equal(await bob.nextMessage(), 'bob: hi');
    alice.close();
    bob.close();
    await Promise.all([alice.closed, bob.closed]);
  });

  test('WS-47 MAP-10 a body the SendMessage model rejects gets the Invalid request body frame and reaches nobody', async () => {
    const alice = await connected('alice-token');
    const bob = await connected('bob-token');
    for (const body of ['{"action":"sendmessage","data":42}', '{"action":"sendmessage"}']) {
      alice.send(body);
      assert.match(String(await alice.nextMessage()), INVALID_BODY, body);
    }
    // The connection stays open, and bob got nothing from the rejected messages: his next message is this one.
    alice.send('{"action":"sendmessage","data":"still here"}');
    assert.equal(await alice.nextMessage(), 'alice: still here');
    assert.equal(await bob.nextMessage(), 'alice: still here');
    alice.close();
    bob.close();
    await Promise.all([alice.closed, bob.closed]);
  });

  test('MAP-22 WS-36 whoami is a MOCK route: its template answers with the principal and the connection id, no function runs', async () => {
    const alice = await connected('alice-token');
    const invocations = () => started.log.functionLines.filter((entry) => entry.line.startsWith('START ')).length;
    const before = invocations();
    assert.ok(before > 0, 'the authorizer and $connect have run, so START lines are recorded');
    alice.send('{"action":"whoami"}');
    const answer = JSON.parse(String(await alice.nextMessage()));
    assert.equal(answer.user, 'alice');
    assert.match(answer.connectionId, /^[A-Za-z0-9+/]{15}=$/);
    assert.deepEqual(Object.keys(answer), ['user', 'connectionId']);
    assert.equal(invocations(), before, 'the MOCK route invokes no function');
    alice.close();
    await alice.closed;
  });
});

// The README's walkthrough through the real command: hoplite dev, then hoplite connect refused and accepted.
const root = fileURLToPath(new URL('../..', import.meta.url));
const command = ['--import', import.meta.resolve('tsx'), '--conditions=source', join(root, 'src', 'cli', 'bin.ts')];

function run(args: string[], cacheDir: string): { child: ChildProcess; stdout: () => string; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [...command, ...args], {
    cwd: root,
    env: { ...process.env, XDG_CACHE_HOME: cacheDir, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

async function printedUrl(stdout: () => string, stderr: () => string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const url = stdout().match(/WebSocket API chat: (ws:\/\/127\.0\.0\.1:\d+\/v1)/)?.[1];
    if (url) return url;
    if (Date.now() > deadline) throw new Error(`no URL in:\n${stdout()}${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('AUTH-6 WS-47 hoplite connect: refused without a token, "alice: hello" with one, the Invalid request body frame', async (t) => {
  const cacheDir = await mkdtemp(join(tmpdir(), 'hoplite-chat-auth-'));
  t.after(() => rm(cacheDir, { recursive: true, force: true }));
  const dev = run(['dev', 'examples/chat-auth/hoplite.config.ts', '--port', '0', '--quiet'], cacheDir);
  t.after(() => dev.child.kill('SIGKILL'));
  const url = await printedUrl(dev.stdout, dev.stderr);

  const refused = run(['connect', url, '-x', 'hi'], cacheDir);
  assert.equal(await refused.exit, 1);
  assert.equal(refused.stderr(), 'error: Unexpected server response: 401 {"message":"Unauthorized"}\n');

  const alice = run(
    ['connect', `${url}?token=alice-token`, '-x', '{"action":"sendmessage","data":"hello"}', '-x', '{"action":"sendmessage","data":42}', '--wait', '1500'],
    cacheDir,
  );
  assert.equal(await alice.exit, 0);
  const received = alice
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('< '))
    .map((line) => line.slice(2));
  assert.equal(received.length, 2, alice.stdout());
  assert.ok(received.includes('alice: hello'), alice.stdout());
  assert.ok(
    received.some((line) => INVALID_BODY.test(line)),
    alice.stdout(),
  );

  dev.child.kill('SIGINT');
  assert.equal(await dev.exit, 0);
});
