/** `hoplite init`: the files it writes, what it refuses, and the starter served by a real gateway with real clients. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import starter from '../../templates/starter/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../../test/helpers/gateway.ts';
import { openClient } from '../../test/helpers/ws-client.ts';
import type { ApiEndpoint } from '../gateway.ts';
import { hopliteSpec, INIT_USAGE, packageNameFor, STARTER_DIR, starterFiles } from './init.ts';
import type { CliIo } from './io.ts';
import { loadService } from './load-service.ts';
import { main, USAGE } from './main.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const own = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };

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

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hoplite-init-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Every file under `dir`, relative, sorted; node_modules and .hoplite are not the project's own. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .filter((file) => !file.startsWith('node_modules') && !file.startsWith('.hoplite'))
    .sort();
}

const TRY_IT = `
Then, from another terminal:
  curl -X POST http://127.0.0.1:3002/dev/items -H 'content-type: application/json' -d '{"text":"hello"}'
  curl http://127.0.0.1:3002/dev/items
  npx hoplite connect ws://127.0.0.1:3001/dev
  > {"action":"sendmessage","data":"hello"}
`;

test('init writes the starter, a package.json named after the folder and a .gitignore, into a folder it creates', async (t) => {
  const cwd = await tempDir(t);
  const io = memoryIo();
  assert.equal(await main(['init', 'My App'], io, cwd), 0);
  const dir = join(cwd, 'My App');
  assert.deepEqual(await listFiles(dir), ['.gitignore', 'README.md', 'hoplite.config.ts', 'package.json', 'src/chat.ts', 'src/items.ts']);
  for (const file of await starterFiles()) assert.equal(await readFile(join(dir, file), 'utf8'), await readFile(join(STARTER_DIR, file), 'utf8'), file);
  assert.deepEqual(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')), {
    name: 'my-app',
    private: true,
    type: 'module',
    scripts: { dev: 'hoplite dev' },
    devDependencies: { '@types/aws-lambda': own.dependencies['@types/aws-lambda'], hoplite: `^${own.version}` },
  });
  assert.equal(await readFile(join(dir, '.gitignore'), 'utf8'), '.hoplite/\nnode_modules/\n');
  assert.equal(
    io.out(),
    `Wrote a Hoplite starter to My App:
  README.md
  hoplite.config.ts
  src/chat.ts
  src/items.ts
  package.json
  .gitignore

Next steps:
  cd 'My App'
  npm install
  npx hoplite dev
${TRY_IT}`,
  );
  assert.equal(io.err(), '');
});

test('init refuses to overwrite: it names every file that exists and writes nothing', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'src'));
  await writeFile(join(dir, 'hoplite.config.ts'), 'mine');
  await writeFile(join(dir, 'src', 'items.ts'), 'mine too');
  const io = memoryIo();
  assert.equal(await main(['init', dir], io), 1);
  assert.equal(
    io.err(),
    `error: ${dir}/hoplite.config.ts already exists; init writes a new project\nerror: ${dir}/src/items.ts already exists; init writes a new project\n`,
  );
  assert.equal(io.out(), '');
  assert.deepEqual(await listFiles(dir), ['hoplite.config.ts', 'src/items.ts']);
  assert.equal(await readFile(join(dir, 'hoplite.config.ts'), 'utf8'), 'mine');
});

test('init in the current folder keeps its package.json and appends the missing lines to its .gitignore', async (t) => {
  const dir = await tempDir(t);
  const manifest = '{ "name": "mine", "type": "module", "devDependencies": { "hoplite": "*" } }\n';
  await writeFile(join(dir, 'package.json'), manifest);
  await writeFile(join(dir, '.gitignore'), 'dist\n/node_modules');
  const io = memoryIo();
  assert.equal(await main(['init'], io, dir), 0);
  assert.equal(await readFile(join(dir, '.gitignore'), 'utf8'), 'dist\n/node_modules\n.hoplite/\n');
  assert.equal(await readFile(join(dir, 'package.json'), 'utf8'), manifest);
  assert.equal(
    io.out(),
    `Wrote a Hoplite starter in this folder:
  README.md
  hoplite.config.ts
  src/chat.ts
  src/items.ts
  .gitignore (added .hoplite/)
Kept the existing package.json.

Next steps:
  npm install --save-dev @types/aws-lambda
  npx hoplite dev
${TRY_IT}`,
  );

  // A .gitignore that already has both lines is left alone.
  const again = await tempDir(t);
  await writeFile(join(again, '.gitignore'), '.hoplite\nnode_modules/\n');
  assert.equal(await main(['init', again], memoryIo()), 0);
  assert.equal(await readFile(join(again, '.gitignore'), 'utf8'), '.hoplite\nnode_modules/\n');
});

test('init warns when an existing package.json is not an ES module package', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'package.json'), '{ "name": "old", "devDependencies": { "hoplite": "*", "@types/aws-lambda": "*" } }');
  const io = memoryIo();
  assert.equal(await main(['init', dir], io), 0);
  assert.match(io.out(), /\nnote: package\.json has no "type": "module"; add it: hoplite\.config\.ts and the handlers are ES modules\n/);
  assert.match(io.out(), /\nNext steps:\n {2}cd \/\S+\n {2}npx hoplite dev\n/);
});

test('init --help; init is listed in the usage; a second folder is a usage error', async () => {
  const io = memoryIo();
  assert.equal(await main(['init', '--help'], io), 0);
  assert.equal(io.out(), `${INIT_USAGE}\n`);
  assert.match(USAGE, /\n {2}init \[dir\] +write a starter project/);
  const twice = memoryIo();
  assert.equal(await main(['init', 'a', 'b'], twice), 1);
  assert.match(twice.err(), /^error: expected at most one folder, got 2\n/);
});

test('a new project inside one that installed Hoplite from a tarball gets the same tarball; elsewhere the version range', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ devDependencies: { hoplite: 'file:vendor/hoplite-0.1.0.tgz' } }));
  assert.equal(await hopliteSpec(join(dir, 'apps', 'chat'), 'hoplite', '0.1.0'), 'file:../../vendor/hoplite-0.1.0.tgz');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ devDependencies: { hoplite: 'git+https://example.com/hoplite.git' } }));
  assert.equal(await hopliteSpec(join(dir, 'chat'), 'hoplite', '0.1.0'), 'git+https://example.com/hoplite.git');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'other' }));
  assert.equal(await hopliteSpec(join(dir, 'chat'), 'hoplite', '0.1.0'), '^0.1.0');
});

test('package names from folder names', () => {
  assert.equal(packageNameFor('my-app'), 'my-app');
  assert.equal(packageNameFor('My Cool App!'), 'my-cool-app');
  assert.equal(packageNameFor('.hidden'), 'hidden');
  assert.equal(packageNameFor('...'), 'hoplite-app');
});

// These imports also bring the starter's sources into `tsc --noEmit` (tsconfig.json includes src and test).
test("every function of the starter names an export of the starter's handler files", async () => {
  const modules: Record<string, Record<string, unknown>> = {
    'src/chat.ts': await import('../../templates/starter/src/chat.ts'),
    'src/items.ts': await import('../../templates/starter/src/items.ts'),
  };
  const { functions } = starter.toModel();
  assert.deepEqual(
    functions.map((fn) => fn.handler),
    ['src/chat.connect', 'src/chat.disconnect', 'src/chat.sendMessage', 'src/items.handler'],
  );
  for (const { handler } of functions) {
    const [module, name] = handler.split('.') as [string, string];
    assert.equal(typeof modules[`${module}.ts`]?.[name], 'function', handler);
  }
});

test('the generated project serves at once: POST and GET /items, and a sendmessage broadcast to two clients', async (t) => {
  const dir = join(await tempDir(t), 'starter');
  assert.equal(await main(['init', dir], memoryIo()), 0);
  // What `npm install` provides: hoplite itself (the handlers get the AWS SDK v3 from it, as from the Lambda runtime).
  await mkdir(join(dir, 'node_modules'));
  await symlink(root, join(dir, 'node_modules', 'hoplite'), 'dir');

  const loaded = await loadService(undefined, dir);
  const started: StartedGateway = await startGateway(t, loaded.model);
  const [chat, items] = started.urls.apis as [ApiEndpoint, ApiEndpoint];
  assert.deepEqual([chat.protocol, chat.stage, items.protocol, items.stage], ['WEBSOCKET', 'dev', 'HTTP', 'dev']);

  const empty = await fetch(`${items.url}/items`);
  assert.deepEqual([empty.status, await empty.text()], [200, '[]']);
  const created = await fetch(`${items.url}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"hello"}' });
  const createdBody = await created.text();
  assert.equal(created.status, 201);
  assert.equal(created.headers.get('content-type'), 'application/json');
  assert.match(createdBody, /^\{"id":"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}","text":"hello"\}$/);
  const listed = await fetch(`${items.url}/items`);
  assert.deepEqual([listed.status, await listed.text()], [200, `[${createdBody}]`]);
  const invalid = await fetch(`${items.url}/items`, { method: 'POST', body: 'nope' });
  assert.deepEqual([invalid.status, await invalid.text()], [400, '{"message":"expected a JSON body like {\\"text\\":\\"...\\"}"}']);

  const alice = await openClient(chat.url);
  const bob = await openClient(chat.url);
  alice.ws.send('{"action":"sendmessage","data":"hello"}');
  assert.equal(await alice.next(), 'hello');
  assert.equal(await bob.next(), 'hello');
  bob.ws.send('{"action":"sendmessage","data":{"from":"bob"}}');
  assert.equal(await alice.next(), '{"from":"bob"}');
  assert.equal(await bob.next(), '{"from":"bob"}');
  alice.ws.close();
  bob.ws.close();
  await Promise.all([alice.closed, bob.closed]);
});
