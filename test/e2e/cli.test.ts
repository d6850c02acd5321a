/** The hoplite command as a person runs it: `hoplite dev` on the chat example, `hoplite connect` against it. */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { apiIdFor } from '../../src/gateway.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The command from its sources, as `npm start` runs it (bin/hoplite.js runs dist/, which may be stale here);
// tsx by its URL, since some commands run in a folder outside this repository.
const command = ['--import', import.meta.resolve('tsx'), '--conditions=source', join(root, 'src', 'cli', 'bin.ts')];
let cacheDir: string;

before(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'hoplite-cli-'));
});
after(() => rm(cacheDir, { recursive: true, force: true }));

function run(args: string[], options: { cwd?: string } = {}): ChildProcess {
  return spawn(process.execPath, [...command, ...args], {
    cwd: options.cwd ?? root,
    env: { ...process.env, XDG_CACHE_HOME: cacheDir, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess): { stdout: () => string; stderr: () => string; exit: Promise<number | null> } {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { stdout: () => stdout, stderr: () => stderr, exit };
}

async function waitFor(read: () => string, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = read().match(pattern);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('hoplite dev prints the URLs; two hoplite connect clients reproduce the seed transcript; Ctrl-C runs $disconnect', async (t) => {
  const dev = run(['dev', 'examples/chat/hoplite.config.ts', '--port', '0']);
  t.after(() => dev.kill('SIGKILL'));
  const devOut = collect(dev);
  const [, url] = await waitFor(devOut.stdout, /WebSocket API sample: (ws:\/\/127\.0\.0\.1:\d+\/v1)/);
  assert.match(devOut.stdout(), /@connections: https:\/\/127\.0\.0\.1:\d+\/v1\/@connections\/\{connectionId\}/);
  // The API id as events carry it, and the stack outputs the connection-table decorator declares, resolved.
  const secure = (url as string).replace('ws:', 'wss:');
  assert.ok(devOut.stdout().includes(`  (also ${secure})\n    API id: ${apiIdFor('SpartaWebSocket', 'sample')}\n`));
  assert.ok(devOut.stdout().includes(`\n  Outputs:\n    APIGatewayURL: ${secure}  (API Gateway Websocket URL)\n`));
  assert.match(devOut.stdout(), /DynamoDB: http:\/\/127\.0\.0\.1:\d+ \(embedded, in memory\)/);
  const [, lambdaEndpoint] = await waitFor(devOut.stdout, /Lambda Invoke API: (http:\/\/127\.0\.0\.1:\d+)/);

  // The listener: an interactive session that only reads.
  const listener = run(['connect', url as string]);
  const listenerOut = collect(listener);
  await waitFor(devOut.stdout, /\[connectWorld\] REPORT RequestId/);

  const sender = run(['connect', url as string, '-x', '{"message":"sendmessage", "data":"hello world !"}', '--wait', '5000']);
  const senderOut = collect(sender);
  assert.equal(await senderOut.exit, 0);
  assert.match(senderOut.stdout(), /< "hello world !"/);
  await waitFor(listenerOut.stdout, /< "hello world !"/);

  listener.stdin?.end();
  assert.equal(await listenerOut.exit, 0);

  // hoplite invoke finds the running dev through .hoplite/dev.json and prints the result, the log on stderr.
  const invoker = run(['invoke', 'sendMessage', '--event', '-']);
  const invokerOut = collect(invoker);
  invoker.stdin?.end('{"body":"{}","requestContext":{"domainName":"x","stage":"v1"}}');
  assert.equal(await invokerOut.exit, 0);
  assert.equal(invokerOut.stdout(), '{\n  "statusCode": 500,\n  "body": "Failed to unmarshal request: \\"data\\" is required"\n}\n');
  assert.match(invokerOut.stderr(), /^START RequestId: .*\nEND RequestId: .*\nREPORT RequestId: /);
  // As the AWS CLI spells it: --payload (inline JSON here) and --invocation-type.
  const inline = collect(run(['invoke', 'sendMessage', '--payload', '{"body":"{}","requestContext":{"domainName":"x","stage":"v1"}}']));
  assert.equal(await inline.exit, 0);
  assert.equal(inline.stdout(), invokerOut.stdout());
  for (const type of ['DryRun', 'Event']) {
    const accepted = collect(run(['invoke', 'sendMessage', '--invocation-type', type, '--payload', '{}']));
    assert.equal(await accepted.exit, 0, type);
    assert.deepEqual([accepted.stdout(), accepted.stderr()], ['', ''], type);
  }
  const badType = collect(run(['invoke', 'sendMessage', '--invocation-type', 'Later']));
  assert.equal(await badType.exit, 1);
  assert.equal(badType.stderr(), 'error: --invocation-type: expected RequestResponse, Event or DryRun, got "Later"\n');
  const dryRunUnknown = collect(run(['invoke', 'nope', '--invocation-type', 'DryRun', '--endpoint', lambdaEndpoint as string]));
  assert.equal(await dryRunUnknown.exit, 1);
  assert.match(dryRunUnknown.stderr(), /^error: Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope\n$/);
  const unknown = collect(run(['invoke', 'nope']));
  assert.equal(await unknown.exit, 1);
  assert.match(unknown.stderr(), /^error: no function "nope" in the running hoplite dev \(functions: connectWorld, disconnectWorld, sendMessage\)\n$/);

  dev.kill('SIGINT');
  assert.equal(await devOut.exit, 0);
  assert.match(devOut.stdout(), /\[disconnectWorld\] START RequestId/);
});

test('hoplite dev --runner in-process serves the chat; a refused handshake prints the status and exits non-zero', async (t) => {
  const dev = run(['dev', 'examples/chat/hoplite.config.ts', '--port', '0', '--quiet', '--runner', 'in-process']);
  t.after(() => dev.kill('SIGKILL'));
  const devOut = collect(dev);
  const [, url] = await waitFor(devOut.stdout, /WebSocket API sample: (ws:\/\/127\.0\.0\.1:\d+)\/v1/);
  const sender = collect(run(['connect', `${url}/v1`, '-x', '{"message":"sendmessage", "data":"in process"}', '--wait', '1500']));
  assert.equal(await sender.exit, 0);
  assert.match(sender.stdout(), /< "in process"/);
  const client = collect(run(['connect', `${url}/nostage`, '-x', 'hi']));
  assert.equal(await client.exit, 1);
  assert.match(client.stderr(), /error: Unexpected server response: 403/);
  dev.kill('SIGINT');
  assert.equal(await devOut.exit, 0);
});

test('a bad definition prints one line naming the file, the field and what is expected', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hoplite-bad-'));
  try {
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    await writeFile(
      join(dir, 'hoplite.config.ts'),
      `import { fn, service, websocketApi } from ${JSON.stringify(join(root, 'src/index.ts'))};
const f = fn('f', { handler: 'h.ts#handler', timeoutSeconds: 0 });
export default service('bad', { apis: [websocketApi({ name: 'a', routeSelectionExpression: '$request.body.action', stage: 'v1' }).route('$custom', f)] });
`,
    );
    const result = collect(run(['dev'], { cwd: dir }));
    assert.equal(await result.exit, 1);
    assert.equal(
      result.stderr(),
      'error: hoplite.config.ts: functions[0].timeoutSeconds: expected an integer from 1 to 900 (seconds), got number 0\n' +
        'hoplite.config.ts: apis[0].routes[0].key: expected $connect, $disconnect, $default or a custom key not starting with "$", got "$custom"\n',
    );
    const badRunner = collect(run(['dev', '--runner', 'thread'], { cwd: dir }));
    assert.equal(await badRunner.exit, 1);
    assert.equal(badRunner.stderr(), 'error: --runner: expected "worker-thread", "child-process" or "in-process", got "thread"\n');
    const missing = collect(run(['dev', 'nope.ts'], { cwd: dir }));
    assert.equal(await missing.exit, 1);
    assert.equal(missing.stderr(), 'error: nope.ts: file not found\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('hoplite dev --quiet keeps only errors: no request lines, function logs or reload notices, but a failed reload is printed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hoplite-quiet-'));
  try {
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    const handler = (text: string) => `export async function hello() { console.log('handler output'); return { statusCode: 200, body: '${text}' }; }\n`;
    await writeFile(join(dir, 'hello.ts'), handler('one'));
    await writeFile(
      join(dir, 'hoplite.config.ts'),
      `import { fn, httpApi, service } from ${JSON.stringify(join(root, 'src/index.ts'))};
export default service('quiet', { apis: [httpApi({ name: 'api', stage: 'v1' }).route('GET /hello', fn('hello', { handler: 'hello.ts#hello' }))] });
`,
    );
    const quiet = run(['dev', '--quiet', '--port', '0'], { cwd: dir });
    const out = collect(quiet);
    try {
      const [, base] = await waitFor(out.stdout, /HTTP API api: (http:\/\/127\.0\.0\.1:\d+\/v1) /);
      await waitFor(out.stdout, /Press Ctrl-C to stop\.\n/);
      const banner = out.stdout();
      assert.equal(await (await fetch(`${base}/hello`)).text(), 'one');
      assert.equal((await fetch(`${base}/nothing`)).status, 404);
      // A reload that works says so without --quiet; a file that does not compile is an error.
      await writeFile(join(dir, 'hello.ts'), handler('two'));
      const deadline = Date.now() + 20_000;
      while ((await (await fetch(`${base}/hello`)).text()) !== 'two') {
        assert.ok(Date.now() < deadline, 'the handler was not reloaded');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await writeFile(join(dir, 'hello.ts'), 'export async function hello( {\n');
      await waitFor(out.stderr, /hello keeps running its previous version\n/);
      quiet.kill('SIGINT');
      assert.equal(await out.exit, 0);
      assert.equal(out.stdout(), `${banner}Stopping: closing connections and running $disconnect...\n`);
      assert.match(
        banner,
        /^Hoplite dev: quiet \(hoplite\.config\.ts\)\n {2}HTTP API api: .*\n {4}API id: [a-z0-9]{10}\n {2}Lambda Invoke API: .*\n {2}DynamoDB: .*\nPress Ctrl-C to stop\.\n$/,
      );
      assert.match(out.stderr(), /^error [^\n]*hello\.ts[\s\S]*; hello keeps running its previous version\n$/);
    } finally {
      quiet.kill('SIGKILL');
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('hoplite --version and -v print the version of package.json; hoplite help <command> prints what <command> --help prints', async () => {
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-v']) {
    const result = collect(run([flag]));
    assert.equal(await result.exit, 0, flag);
    assert.equal(result.stdout(), `${version}\n`, flag);
  }
  for (const command of ['init', 'dev', 'connect', 'invoke', 'token', 'synth', 'provision', 'status', 'delete', 'describe']) {
    const viaHelp = collect(run(['help', command]));
    const viaFlag = collect(run([command, '--help']));
    assert.equal(await viaHelp.exit, 0, command);
    assert.equal(await viaFlag.exit, 0, command);
    assert.match(viaHelp.stdout(), new RegExp(`^Usage: hoplite ${command} `), command);
    assert.equal(viaHelp.stdout(), viaFlag.stdout(), command);
  }
  const unknown = collect(run(['help', 'deploy']));
  assert.equal(await unknown.exit, 2);
  assert.match(
    unknown.stderr(),
    /^error: unknown command "deploy": expected one of init, dev, connect, invoke, token, synth, provision, status, delete, describe\nUsage: hoplite <command>/,
  );
});
