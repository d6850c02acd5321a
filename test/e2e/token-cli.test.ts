/** `hoplite token` as a person runs it: against a running `hoplite dev` of a service whose routes trust the local issuer. */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = join(root, 'test', 'fixtures', 'services', 'jwt');
const command = ['--import', import.meta.resolve('tsx'), '--conditions=source', join(root, 'src', 'cli', 'bin.ts')];
let cacheDir: string;

before(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'hoplite-token-cli-'));
});
after(() => rm(cacheDir, { recursive: true, force: true }));

function run(args: string[]): { child: ChildProcess; stdout: () => string; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [...command, ...args], {
    cwd: fixture,
    env: { ...process.env, XDG_CACHE_HOME: cacheDir, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
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

async function waitFor(read: () => string, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = read().match(pattern);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('AUTH-22 AUTH-23 AUTH-24 hoplite token prints a token the running hoplite dev accepts, with its claims in the event', async (t) => {
  const dev = run(['dev', '--port', '0']);
  t.after(() => dev.child.kill('SIGKILL'));
  const [, issuer] = await waitFor(dev.stdout, /Local OpenID issuer: (http:\/\/127\.0\.0\.1:\d+\/local-issuer) {2}\(hoplite token prints a token it signs\)/);
  const [, apiUrl] = await waitFor(dev.stdout, /HTTP API todos: (http:\/\/127\.0\.0\.1:\d+) /);
  await waitFor(dev.stdout, /Press Ctrl-C to stop\./);

  const minted = run(['token', '--sub', 'alice', '--scope', 'todos/read todos/write', '--claim', 'cognito:groups=["admin","editors"]', '--expires-in', '10m']);
  assert.equal(await minted.exit, 0, minted.stderr());
  const token = minted.stdout().trim();
  const response = await fetch(`${apiUrl}/todos`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200);
  const { claims, scopes } = ((await response.json()) as { requestContext: { authorizer: { jwt: { claims: Record<string, string>; scopes: string[] } } } })
    .requestContext.authorizer.jwt;
  assert.deepStrictEqual(claims, {
    iss: issuer,
    sub: 'alice',
    aud: 'todo-web',
    scope: 'todos/read todos/write',
    iat: claims.iat,
    exp: String(Number(claims.iat) + 600),
    'cognito:groups': '[admin editors]',
  });
  assert.deepStrictEqual(scopes, ['todos/read', 'todos/write']);

  // Another audience than the authorizer's: the wrong-audience 401; no scope: 403.
  const stranger = run(['token', '--aud', 'someone-else']);
  assert.equal(await stranger.exit, 0);
  const refused = await fetch(`${apiUrl}/me`, { headers: { authorization: `Bearer ${stranger.stdout().trim()}` } });
  assert.equal(refused.status, 401);
  assert.equal(refused.headers.get('www-authenticate'), 'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"');
  const plain = run(['token']);
  assert.equal(await plain.exit, 0);
  assert.equal((await fetch(`${apiUrl}/todos`, { headers: { authorization: `Bearer ${plain.stdout().trim()}` } })).status, 403);

  const wrong = run(['token', '--expires-in', 'later']);
  assert.equal(await wrong.exit, 1);
  assert.equal(wrong.stderr(), 'error: --expires-in: expected seconds or a number with s, m, h or d such as 1h, got "later"\n');

  dev.child.kill('SIGINT');
  assert.equal(await dev.exit, 0);
});
