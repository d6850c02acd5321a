/**
 * Hoplite as another project gets it: `npm pack` here, `npm install <tarball>` into a fresh project, then plain
 * `node` imports it and `npx hoplite` runs it, with no TypeScript loader and nothing from this repository.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { WebSocket } from 'ws';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

let temp: string;
let project: string;
let tarballPath: string;
let env: NodeJS.ProcessEnv;
const spawned: ChildProcess[] = [];

/** This process's environment without what `npm test` adds (npm_config_local_prefix and friends would point npm here). */
function cleanEnv(): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig', 'npm_config_cafile']);
  const dropped = (name: string) => (/^npm_/i.test(name) && !keep.has(name.toLowerCase())) || name === 'INIT_CWD' || name === 'NODE_OPTIONS';
  const entries = Object.entries(process.env).filter(([name]) => !dropped(name));
  return { ...Object.fromEntries(entries), XDG_CACHE_HOME: join(temp, 'cache'), NO_COLOR: '1' };
}

async function runIn(cwd: string, command: string, args: string[]): Promise<string> {
  try {
    return (await run(command, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}

const npmIn = (cwd: string, args: string[]) => runIn(cwd, npm, args);

before(
  async () => {
    temp = await mkdtemp(join(tmpdir(), 'hoplite-package-'));
    env = cleanEnv();
    const packDir = join(temp, 'pack');
    project = join(temp, 'project');
    await Promise.all([mkdir(packDir), mkdir(project)]);
    // What `npm pack` does through `prepare`, but a type error is left to the typecheck to report: this test
    // is about what the package holds and how it runs.
    await runIn(root, process.execPath, [join(root, 'scripts', 'build.mjs'), '--allow-type-errors']);
    await npmIn(root, ['pack', '--silent', '--ignore-scripts', '--pack-destination', packDir]);
    const [tarball] = (await readdir(packDir)).filter((name) => name.endsWith('.tgz'));
    assert.ok(tarball, `no tarball in ${packDir}`);
    await npmIn(project, ['init', '-y']);
    tarballPath = join(packDir, tarball);
    await npmIn(project, ['install', '--prefer-offline', '--no-audit', '--no-fund', tarballPath]);
    await writeLambdaApp(project);
    await writeFile(
      join(project, 'app.mjs'),
      'export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ path: event.rawPath }) });\n',
    );
    await writeFile(
      join(project, 'service.mjs'),
      `import { fileURLToPath } from 'node:url';
import { fn, Gateway, httpApi, service } from 'hoplite';

const hello = fn('hello', { handler: 'app.mjs#handler' });
const definition = service('from-mjs', { apis: [httpApi({ name: 'api' }).route('GET /hello', hello)] });
export default definition;

// Run directly: a Gateway on a free port, one request through it, then dispose.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const gateway = new Gateway(definition, { host: '127.0.0.1', port: 0 });
  const { apis } = await gateway.ready;
  const response = await fetch(apis[0].url + '/hello');
  console.log('answered', response.status, await response.text());
  await gateway.dispose();
}
`,
    );
    await writeFile(
      join(project, 'hoplite.config.ts'),
      `import { fn, httpApi, service } from 'hoplite';

const handler: string = 'app.mjs#handler';
export default service('from-ts', { apis: [httpApi({ name: 'api' }).route('GET /hello', fn('hello', { handler }))] });
`,
    );
  },
  { timeout: 240_000 },
);

/**
 * An app written for Lambda, as SAM lays it out: one code folder per function, each with its own package.json
 * (no "type": CommonJS) and node_modules, no AWS SDK of its own, files read from beside the handler; and an ES
 * module function. The definition is plain JavaScript.
 */
async function writeLambdaApp(dir: string): Promise<void> {
  const files: Record<string, string> = {
    'functions/todo/package.json': JSON.stringify({ name: 'todo', version: '1.0.0', dependencies: { shout: '1.0.0' } }),
    'functions/todo/node_modules/shout/package.json': JSON.stringify({ name: 'shout', version: '1.0.0', main: 'index.js' }),
    'functions/todo/node_modules/shout/index.js': 'module.exports = (text) => text.toUpperCase();\n',
    'functions/todo/template.html': '<li>{{text}}</li>\n',
    'functions/todo/app.js': `const fs = require('fs');
const path = require('path');
const shout = require('shout');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand, PutCommand } = require('@aws-sdk/lib-dynamodb');

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const template = fs.readFileSync(path.join(__dirname, 'template.html'), 'utf8');

exports.handler = async (event) => {
  if (event.requestContext.http.method === 'POST') {
    const { id, text } = JSON.parse(event.body);
    await documents.send(new PutCommand({ TableName: process.env.TABLE, Item: { id, text: shout(text) } }));
    return { statusCode: 201, body: JSON.stringify({ id }) };
  }
  const { Item } = await documents.send(new GetCommand({ TableName: process.env.TABLE, Key: { id: event.pathParameters.id } }));
  return {
    statusCode: 200,
    headers: { 'content-type': 'text/html' },
    body: template.replace('{{text}}', Item.text) + fs.readFileSync('template.html', 'utf8').length + ' ' + process.cwd(),
  };
};
`,
    'functions/events/package.json': JSON.stringify({ name: 'events', version: '1.0.0', type: 'module' }),
    'functions/events/index.mjs': `import { S3Client } from '@aws-sdk/client-s3';
const ready = await Promise.resolve('ready');
export const handler = async () => ({ statusCode: 200, body: JSON.stringify({ ready, s3: typeof S3Client, url: import.meta.url }) });
`,
    'functions/echo/package.json': JSON.stringify({ name: 'echo', version: '1.0.0' }),
    'functions/echo/app.js': `const { ApiGatewayManagementApiClient, PostToConnectionCommand } = require('@aws-sdk/client-apigatewaymanagementapi');

exports.handler = async (event) => {
  const { domainName, stage, connectionId } = event.requestContext;
  const client = new ApiGatewayManagementApiClient({ endpoint: 'https://' + domainName + '/' + stage });
  await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'posted: ' + event.body }));
  return { statusCode: 200 };
};
`,
    'functions/authorizer/package.json': JSON.stringify({ name: 'authorizer', version: '1.0.0' }),
    'functions/authorizer/index.js': `// An HTTP API Lambda authorizer with simple responses.
exports.handler = async (event) => ({ isAuthorized: event.headers['x-token'] === 'open-sesame', context: { user: 'sam' } });
`,
    'functions/whoami/package.json': JSON.stringify({ name: 'whoami', version: '1.0.0' }),
    'functions/whoami/app.js': `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event.requestContext.authorizer) });
`,
    'functions/sum/package.json': JSON.stringify({ name: 'sum', version: '1.0.0' }),
    'functions/sum/app.js': `// A Lambda custom integration's function: the event is what the request template rendered.
exports.handler = async (event) => ({ total: event.numbers.reduce((a, b) => a + b, 0) });
`,
    'secure.mjs': `import { fn, httpApi, localIssuer, service, websocketApi } from 'hoplite';

const whoami = fn('whoami', { codeUri: 'functions/whoami', handler: 'app.handler' });
const authorizer = fn('authorizer', { codeUri: 'functions/authorizer', handler: 'index.handler' });
const sum = fn('sum', { codeUri: 'functions/sum', handler: 'app.handler' });
const api = httpApi({ name: 'secure' })
  .jwtAuthorizer('users', { issuer: localIssuer, audience: ['cli'] })
  .authorizer('gate', authorizer, { identitySource: ['$request.header.x-token'], enableSimpleResponses: true })
  .route('GET /me', whoami, { authorizer: 'users', authorizationScopes: ['me/read'] })
  .route('GET /gate', whoami, { authorizer: 'gate' });
const live = websocketApi({ name: 'mapped', routeSelectionExpression: '$request.body.action', stage: 'dev' }).route(
  'sum',
  { type: 'AWS', function: sum, requestTemplates: { $default: '{"numbers": $input.json(\\'$.numbers\\')}' },
    integrationResponses: [{ key: '$default', responseTemplates: { $default: 'total: $input.path(\\'$.total\\')' } }] },
  { routeResponse: true },
);
export default service('secure-app', { apis: [api, live] });
`,
    // A SAM app: a template, a CommonJS and an ES module function in their own folders, no SDK among their dependencies.
    'sam/template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Greeting:
    Type: String
    Default: hello
Globals:
  Function:
    Runtime: nodejs22.x
    Environment:
      Variables:
        GREETING: !Ref Greeting
        TABLE: !Ref Notes
Resources:
  Notes:
    Type: AWS::Serverless::SimpleTable
  SaveFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: save/
      Handler: app.handler
      Events:
        Save:
          Type: HttpApi
          Properties:
            Path: /notes/{id}
            Method: put
  ReadFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: read/
      Handler: index.handler
      Events:
        Read:
          Type: HttpApi
          Properties:
            Path: /notes/{id}
            Method: get
Outputs:
  ApiUrl:
    Value: !Sub https://\${ServerlessHttpApi}.execute-api.\${AWS::Region}.amazonaws.com
`,
    'sam/save/package.json': JSON.stringify({ name: 'save', version: '1.0.0' }),
    'sam/save/app.js': `const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const client = new DynamoDBClient({});
exports.handler = async (event) => {
  await client.send(new PutItemCommand({ TableName: process.env.TABLE, Item: { id: { S: event.pathParameters.id }, text: { S: event.body } } }));
  return { statusCode: 201, body: process.env.GREETING + ' ' + process.env.AWS_SAM_LOCAL };
};
`,
    'sam/read/package.json': JSON.stringify({ name: 'read', version: '1.0.0', type: 'module' }),
    'sam/read/index.js': `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export const handler = async (event) => {
  const { Item } = await client.send(new GetItemCommand({ TableName: process.env.TABLE, Key: { id: { S: event.pathParameters.id } } }));
  return { statusCode: Item ? 200 : 404, body: Item ? Item.text.S : '' };
};
`,
    // A Serverless Framework service, found by \`hoplite dev\` with no entry: module.exports handlers in one file.
    'sls/serverless.yml': `service: echoes
frameworkVersion: '3'
plugins:
  - serverless-offline
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    STAGE: \${sls:stage}
functions:
  hello:
    handler: handler.hello
    events:
      - httpApi: 'GET /hello/{name}'
  echo:
    handler: handler.echo
    events:
      - websocket: { route: $default, routeResponseSelectionExpression: $default }
`,
    'sls/package.json': JSON.stringify({ name: 'echoes', version: '1.0.0' }),
    'sls/handler.js': `module.exports.hello = async (event) => ({
  statusCode: 200,
  body: JSON.stringify({ name: event.pathParameters.name, stage: process.env.STAGE, offline: process.env.IS_OFFLINE }),
});
module.exports.echo = async (event) => ({ statusCode: 200, body: 'echo ' + event.body });
`,
    'stack.mjs': `import { fn, httpApi, service, table, websocketApi } from 'hoplite';

const items = table('todo-items', { partitionKey: { name: 'id', type: 'S' } });
const todo = fn('todo', { codeUri: 'functions/todo', handler: 'app.handler', environment: { TABLE: items.name } });
const events = fn('events', { codeUri: 'functions/events', handler: 'index.handler' });
const echo = fn('echo', { codeUri: 'functions/echo', handler: 'app.handler' });
const api = httpApi({ name: 'api' }).route('POST /todo', todo).route('GET /todo/{id}', todo).route('GET /events', events);
const live = websocketApi({ name: 'live', routeSelectionExpression: '$request.body.action', stage: 'dev' }).route('$default', echo);
export default service('lambda-app', { apis: [api, live], tables: [items] });
`,
  };
  for (const [file, contents] of Object.entries(files)) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), contents);
  }
}

after(async () => {
  for (const child of spawned) stopGroup(child, 'SIGKILL');
  if (temp) await rm(temp, { recursive: true, force: true });
});

/** Spawned in its own process group, so that npx, the shell it starts and hoplite stop together. */
function start(command: string, args: string[], cwd = project): ChildProcess {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
  spawned.push(child);
  return child;
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
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
  const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { stdout: () => stdout, stderr: () => stderr, exit };
}

async function waitFor(output: ReturnType<typeof collect>, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  output.exit.then(() => {
    exited = true;
  });
  for (;;) {
    const match = output.stdout().match(pattern);
    if (match) return match;
    if (exited || Date.now() > deadline) throw new Error(`no ${pattern} in:\n${output.stdout()}\nstderr:\n${output.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

test('the installed package holds dist/, bin/ and the README: the runtime files, no sources, tests or examples', async () => {
  const files = await filesUnder(join(project, 'node_modules', 'hoplite'));
  for (const file of ['bin/hoplite.js', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/bin.js']) {
    assert.ok(files.includes(file), `${file} is missing`);
  }
  for (const file of ['dist/lambda/runners/environment-bootstrap.js', 'dist/lambda/runners/handler-runtime.js']) {
    assert.ok(files.includes(file), `${file} is missing`);
  }
  const unexpected = files.filter((file) => /\.test\.|^(src|test|bench|examples|scripts|\.ci)\//.test(file));
  assert.deepEqual(unexpected, []);
  assert.deepEqual(
    files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.startsWith('templates/')),
    [],
  );
});

test('plain node imports hoplite from a .mjs file and runs a Gateway on a free port', { timeout: 60_000 }, async () => {
  const output = collect(start(process.execPath, ['service.mjs']));
  assert.equal(await output.exit, 0, output.stderr());
  assert.match(output.stdout(), /^answered 200 \{"path":"\/hello"\}$/m);
});

test('npx hoplite --help prints the usage', { timeout: 60_000 }, async () => {
  const output = collect(start(npx, ['--no-install', 'hoplite', '--help']));
  assert.equal(await output.exit, 0, output.stderr());
  assert.match(output.stdout(), /^Usage: hoplite <command> \[options\]/);
});

for (const [title, args, name] of [
  ['npx hoplite dev service.mjs serves the route', ['service.mjs'], 'from-mjs'],
  ['npx hoplite dev serves hoplite.config.ts, loading TypeScript without a loader of its own', [], 'from-ts'],
] as const) {
  test(title, { timeout: 60_000 }, async () => {
    const dev = start(npx, ['--no-install', 'hoplite', 'dev', ...args, '--port', '0']);
    const output = collect(dev);
    const [, url] = await waitFor(output, /HTTP API api: (http:\/\/127\.0\.0\.1:\d+)/);
    assert.match(output.stdout(), new RegExp(`^Hoplite dev: ${name} \\(${args[0] ?? 'hoplite.config.ts'}\\)$`, 'm'));
    const response = await fetch(`${url}/hello`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { path: '/hello' });
    stopGroup(dev, 'SIGINT');
    await output.exit;
    assert.match(output.stdout(), /Stopping: closing connections/);
  });
}

// The in-process runner reaches the store and the gateway's own @connections in memory (decision 0013): the same app, both ways.
for (const runner of ['child-process', 'in-process']) {
  test(`npx hoplite dev --runner ${runner} runs Lambda code unmodified: CommonJS per-function folders with their own node_modules, files beside the handler, the runtime SDK (DynamoDB, @connections), an ES module`, {
    timeout: 60_000,
  }, async () => {
    const dev = start(npx, ['--no-install', 'hoplite', 'dev', 'stack.mjs', '--port', '0', '--runner', runner]);
    const output = collect(dev);
    const [, url] = await waitFor(output, /HTTP API api: (http:\/\/127\.0\.0\.1:\d+)/);
    const [, wsUrl] = await waitFor(output, /WebSocket API live: (ws:\/\/127\.0\.0\.1:\d+\/dev)/);
    const created = await fetch(`${url}/todo`, { method: 'POST', body: JSON.stringify({ id: 'a1', text: 'buy milk' }) });
    assert.deepEqual([created.status, await created.json()], [201, { id: 'a1' }]);
    const page = await fetch(`${url}/todo/a1`);
    assert.equal(page.status, 200, output.stdout());
    assert.equal(await page.text(), `<li>BUY MILK</li>\n18 ${join(project, 'functions/todo')}`);
    const events = (await (await fetch(`${url}/events`)).json()) as { url: string };
    // DIFF (decision 0005): in one process each environment's ES modules are their own instances, told apart by a tag.
    const [file, tag = ''] = events.url.split('?');
    assert.deepEqual({ ...events, url: file }, { ready: 'ready', s3: 'function', url: `file://${join(project, 'functions/events/index.mjs')}` });
    if (runner === 'in-process') assert.match(tag, /^hoplite-environment=[0-9a-f]+\.\d+$/);
    else assert.equal(tag, '');
    // The handler posts back through https://{domainName}/{stage} with the runtime's SDK.
    const socket = new WebSocket(wsUrl as string);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const posted = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
    socket.send('hello');
    assert.equal(await posted, 'posted: hello', output.stdout());
    socket.close();
    stopGroup(dev, 'SIGINT');
    await output.exit;
  });
}

test('AUTH-21 AUTH-23 AUTH-33 MAP-20 MAP-21 npx hoplite dev runs authorized routes of Lambda code: a JWT from npx hoplite token, a CommonJS Lambda authorizer, a Lambda custom WebSocket route', {
  timeout: 60_000,
}, async () => {
  const dev = start(npx, ['--no-install', 'hoplite', 'dev', 'secure.mjs', '--port', '0']);
  const output = collect(dev);
  const [, url] = await waitFor(output, /HTTP API secure: (http:\/\/127\.0\.0\.1:\d+)/);
  const [, wsUrl] = await waitFor(output, /WebSocket API mapped: (ws:\/\/127\.0\.0\.1:\d+\/dev)/);
  await waitFor(output, /Local OpenID issuer: /);
  // AUTH-21: no token.
  const refused = await fetch(`${url}/me`);
  assert.deepEqual([refused.status, await refused.json()], [401, { message: 'Unauthorized' }]);
  const token = (await runIn(project, npx, ['--no-install', 'hoplite', 'token', '--sub', 'alice', '--aud', 'cli', '--scope', 'me/read'])).trim();
  const me = await fetch(`${url}/me`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(me.status, 200, output.stdout() + output.stderr());
  const { jwt } = (await me.json()) as { jwt: { claims: Record<string, string>; scopes: string[] } };
  assert.deepEqual([jwt.claims.sub, jwt.claims.aud, jwt.claims.scope, jwt.scopes], ['alice', 'cli', 'me/read', ['me/read']]);
  // AUTH-23: a token without the route's scope.
  const narrow = (await runIn(project, npx, ['--no-install', 'hoplite', 'token', '--aud', 'cli'])).trim();
  assert.equal((await fetch(`${url}/me`, { headers: { authorization: narrow } })).status, 403);
  // AUTH-33, AUTH-34: the Lambda authorizer's simple response and context.
  assert.equal((await fetch(`${url}/gate`, { headers: { 'x-token': 'wrong' } })).status, 403);
  const gate = await fetch(`${url}/gate`, { headers: { 'x-token': 'open-sesame' } });
  assert.deepEqual([gate.status, await gate.json()], [200, { lambda: { user: 'sam' } }]);
  // MAP-20, MAP-21: the request template renders the event, the response template the reply.
  const socket = new WebSocket(wsUrl as string);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const reply = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
  socket.send('{"action":"sum","numbers":[1,2,39]}');
  assert.equal(await reply, 'total: 42');
  socket.close();
  stopGroup(dev, 'SIGINT');
  await output.exit;
});

test('npx hoplite dev template.yaml runs a SAM app as it is: CommonJS and ES module folders, the runtime SDK, parameters, Globals, Outputs', {
  timeout: 60_000,
}, async () => {
  const dev = start(npx, ['--no-install', 'hoplite', 'dev', 'sam/template.yaml', '--port', '0', '--parameter-overrides', 'Greeting=hi']);
  const output = collect(dev);
  const [, url] = await waitFor(output, /HTTP API ServerlessHttpApi: (http:\/\/127\.0\.0\.1:\d+)/);
  await waitFor(output, /ApiUrl: https:\/\/127\.0\.0\.1:\d+/);
  const saved = await fetch(`${url}/notes/n1`, { method: 'PUT', body: 'buy milk' });
  assert.deepEqual([saved.status, await saved.text()], [201, 'hi true'], output.stdout() + output.stderr());
  const read = await fetch(`${url}/notes/n1`);
  assert.deepEqual([read.status, await read.text()], [200, 'buy milk']);
  stopGroup(dev, 'SIGINT');
  await output.exit;
});

test('npx hoplite synth, provision --noop and describe ship the SAM app with no AWS credentials; npx hoplite dev runs the synthesized template', {
  timeout: 120_000,
}, async () => {
  const overrides = ['--parameter-overrides', 'Greeting=hi'];
  const synth = await runIn(project, npx, ['--no-install', 'hoplite', 'synth', 'sam/template.yaml', ...overrides, '--out', 'shipped']);
  assert.match(synth, /^ {2}Template: shipped\/template\.json {2}\(\d+ resources\)$/m);
  assert.match(synth, /^ {4}SaveFunction: shipped\/functions\/SaveFunction-[0-9a-f]{16}\.zip {2}\(.+, CommonJS, Handler app\.handler\)$/m);
  assert.match(synth, /^ {4}ReadFunction: shipped\/functions\/ReadFunction-[0-9a-f]{16}\.zip {2}\(.+, ES module, Handler index\.handler\)$/m);

  const noop = await runIn(project, npx, [
    '--no-install',
    'hoplite',
    'provision',
    'sam/template.yaml',
    ...overrides,
    '--s3-bucket',
    'artifacts',
    '--noop',
    '--region',
    'eu-west-1',
  ]);
  assert.match(noop, /AWS::Lambda::Function/);
  assert.match(noop, /SaveFunction-[0-9a-f]{16}\.zip/);

  const described = await runIn(project, npx, ['--no-install', 'hoplite', 'describe', 'sam/template.yaml', ...overrides]);
  assert.match(described, /SaveFunction/);
  assert.match(described, /PUT \/notes\/\{id\}/);

  // The synthesized template runs as the original did: each function from its bundle folder, the table by reference.
  const dev = start(npx, ['--no-install', 'hoplite', 'dev', 'shipped/template.json', '--port', '0', '--parameter-overrides', 'ArtifactBucket=local']);
  const output = collect(dev);
  const [, url] = await waitFor(output, /HTTP API [\w-]+: (http:\/\/127\.0\.0\.1:\d+)/);
  const saved = await fetch(`${url}/notes/n2`, { method: 'PUT', body: 'buy bread' });
  assert.deepEqual([saved.status, await saved.text()], [201, 'hi true'], output.stdout() + output.stderr());
  const read = await fetch(`${url}/notes/n2`);
  assert.deepEqual([read.status, await read.text()], [200, 'buy bread']);
  stopGroup(dev, 'SIGINT');
  await output.exit;
});

test('npx hoplite dev with no entry runs a serverless.yml as it is: variables, IS_OFFLINE, the plugin warned about', { timeout: 60_000 }, async () => {
  const dev = start(npx, ['--no-install', 'hoplite', 'dev', '--port', '0'], join(project, 'sls'));
  const output = collect(dev);
  const [, url] = await waitFor(output, /HTTP API [\w-]+: (http:\/\/127\.0\.0\.1:\d+)/);
  const [, wsUrl] = await waitFor(output, /WebSocket API [\w-]+: (ws:\/\/127\.0\.0\.1:\d+\/dev)/);
  assert.match(output.stderr(), /plugin serverless-offline is not run/);
  const hello = await fetch(`${url}/hello/ada`);
  assert.deepEqual([hello.status, await hello.json()], [200, { name: 'ada', stage: 'dev', offline: 'true' }]);
  const socket = new WebSocket(wsUrl as string);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const reply = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
  socket.send('ping');
  assert.equal(await reply, 'echo ping');
  socket.close();
  stopGroup(dev, 'SIGINT');
  await output.exit;
});

test('npx hoplite init in a new project, then npx hoplite dev serves the starter at once', { timeout: 120_000 }, async () => {
  const fresh = join(temp, 'fresh');
  await mkdir(fresh);
  await npmIn(fresh, ['init', '-y']);
  await npmIn(fresh, ['install', '--prefer-offline', '--no-audit', '--no-fund', '-D', tarballPath]);
  await runIn(fresh, npx, ['--no-install', 'hoplite', 'init']);
  const dev = spawn(npx, ['--no-install', 'hoplite', 'dev', '--port', '0'], { cwd: fresh, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  spawned.push(dev);
  const output = collect(dev);
  const [, url] = await waitFor(output, /HTTP API items: (http:\/\/127\.0\.0\.1:\d+\/dev)/);
  const created = await fetch(`${url}/items`, { method: 'POST', body: JSON.stringify({ text: 'first' }) });
  assert.equal(created.status, 201, output.stdout() + output.stderr());
  const item = (await created.json()) as { id: string; text: string };
  assert.equal(item.text, 'first');
  const listed = await fetch(`${url}/items`);
  assert.deepEqual(await listed.json(), [item]);
  stopGroup(dev, 'SIGINT');
  await output.exit;
});
