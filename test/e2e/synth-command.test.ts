/**
 * `hoplite synth` as a person runs it: on a SAM project outside this repository, written as Lambda users write one
 * (a CommonJS `app.handler` in its own folder with its own package.json and node_modules, an ES module handler,
 * files read from beside each handler), and on examples/chat. Each bundle is then loaded and its handler called
 * from the output folder alone, with the AWS SDK v3 found only outside the bundle, as the Lambda runtime provides it.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CliIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { formatBytes } from '../../src/cli/synth.ts';
import type { ArtifactManifest } from '../../src/iac/ship/index.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

const PROJECT: Record<string, string> = {
  'template.yaml': [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  HelloFunction:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      FunctionName: hello',
    '      CodeUri: hello-world/',
    '      Handler: app.handler',
    '      Runtime: nodejs22.x',
    '  GreetFunction:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      FunctionName: greet',
    '      CodeUri: greet/',
    '      Handler: index.handler',
    '      Runtime: nodejs22.x',
  ].join('\n'),
  'hello-world/package.json': JSON.stringify({ name: 'hello-world', version: '1.0.0', main: 'app.js', dependencies: { 'left-pad': '1.3.0' } }),
  'hello-world/package-lock.json': '{}',
  'hello-world/node_modules/left-pad/package.json': JSON.stringify({ name: 'left-pad', version: '1.3.0', main: 'index.js' }),
  'hello-world/node_modules/left-pad/index.js': "module.exports = (text, length) => String(text).padStart(length, '*');\n",
  'hello-world/app.js': [
    "const fs = require('fs');",
    "const path = require('path');",
    "const leftPad = require('left-pad');",
    "const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');",
    "const greeting = fs.readFileSync(path.join(__dirname, 'greeting.txt'), 'utf8').trim();",
    'exports.handler = async (event) => ({',
    '  statusCode: 200,',
    '  body: JSON.stringify({ greeting: leftPad(greeting, 8), name: event.name, sdk: typeof DynamoDBClient }),',
    '});',
  ].join('\n'),
  'hello-world/greeting.txt': 'hello\n',
  'greet/package.json': JSON.stringify({ name: 'greet', type: 'module' }),
  'greet/index.js': [
    "import { readFile } from 'node:fs/promises';",
    "import { S3Client } from '@aws-sdk/client-s3';",
    "import { shout } from './lib/shout.js';",
    "const messages = JSON.parse(await readFile(new URL('./messages.json', import.meta.url), 'utf8'));",
    'export const handler = async () => ({ message: shout(messages.welcome), sdk: typeof S3Client });',
  ].join('\n'),
  'greet/lib/shout.js': 'export const shout = (text) => `${text.toUpperCase()}!`;\n',
  'greet/messages.json': '{ "welcome": "welcome" }\n',
};

let scratch: string;
let project: string;
/** Stands in for Lambda's /var/runtime: the SDK sits in a node_modules above the bundles, not inside them. */
let runtime: string;

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'hoplite-synth-'));
  project = join(scratch, 'project');
  runtime = join(scratch, 'runtime');
  for (const [path, content] of Object.entries(PROJECT)) {
    await mkdir(dirname(join(project, path)), { recursive: true });
    await writeFile(join(project, path), content);
  }
  await mkdir(join(runtime, 'node_modules'), { recursive: true });
  await symlink(join(root, 'node_modules', '@aws-sdk'), join(runtime, 'node_modules', '@aws-sdk'), 'dir');
});
after(() => rm(scratch, { recursive: true, force: true }));

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
  return {
    stdin: new PassThrough(),
    stdout: sink((text) => {
      out += text;
    }),
    stderr: sink((text) => {
      err += text;
    }),
    env: {},
    out: () => out,
    err: () => err,
  };
}

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

/** The lines `hoplite synth` prints for what it wrote, from the files themselves. */
async function expectedOutput(heading: string, outDir: string, cwd: string, handlers: Record<string, string>): Promise<string> {
  const manifest = await readJson<ArtifactManifest>(join(outDir, 'manifest.json'));
  const template = await readJson<{ Resources: Record<string, unknown> }>(join(outDir, 'template.json'));
  const count = Object.keys(template.Resources).length;
  const shown = (path: string) => relative(cwd, join(outDir, path));
  return [
    heading,
    `  Stack: ${manifest.stackName}`,
    `  Template: ${shown('template.json')}  (${count} ${count === 1 ? 'resource' : 'resources'})`,
    '  Functions:',
    ...manifest.bundles.map((bundle) => `    ${bundle.function}: ${shown(bundle.zipFile)}  (${formatBytes(bundle.bytes)}, ${handlers[bundle.function]})`),
    '',
  ].join('\n');
}

test('hoplite synth on a SAM project: a bundle per function that runs from the output folder alone', async () => {
  const outDir = join(runtime, 'task');
  const io = memoryIo();
  const code = await main(['synth', '--stack-name', 'scratch-app', '--out', outDir], io, project);
  assert.equal(io.err(), '');
  assert.equal(code, 0);
  assert.equal(
    io.out(),
    await expectedOutput('Hoplite synth: scratch-app (template.yaml)', outDir, project, {
      hello: 'CommonJS, Handler app.handler',
      greet: 'ES module, Handler index.handler',
    }),
  );
  const manifest = await readJson<ArtifactManifest>(join(outDir, 'manifest.json'));
  assert.deepStrictEqual(
    manifest.bundles.map((bundle) => [bundle.function, bundle.zipFile]),
    manifest.bundles.map((bundle) => [bundle.function, `functions/${bundle.function}-${bundle.sha256.slice(0, 16)}.zip`]),
  );
  assert.deepStrictEqual(
    manifest.bundles.map((bundle) => bundle.function),
    ['hello', 'greet'],
  );

  // The project is gone: only the output folder (and the stand-in runtime's SDK) remain.
  await rm(project, { recursive: true, force: true });
  const helloFile = join(outDir, 'functions', 'hello', 'app.js');
  const hello = createRequire(helloFile)(helloFile) as { handler: (event: unknown) => Promise<{ statusCode: number; body: string }> };
  const helloResult = await hello.handler({ name: 'ada' });
  assert.deepStrictEqual(
    { statusCode: helloResult.statusCode, body: JSON.parse(helloResult.body) },
    { statusCode: 200, body: { greeting: '***hello', name: 'ada', sdk: 'function' } },
  );
  const greet = (await import(pathToFileURL(join(outDir, 'functions', 'greet', 'index.mjs')).href)) as { handler: () => Promise<unknown> };
  assert.deepStrictEqual(await greet.handler(), { message: 'WELCOME!', sdk: 'function' });
  // The SDK came from outside: the bundles hold none of it.
  assert.ok(!(await readFile(helloFile, 'utf8')).includes('DynamoDBClient = class'));
});

test('hoplite synth on examples/chat: the ES module handlers load and run from their bundles', async () => {
  const outDir = join(runtime, 'chat');
  const io = memoryIo();
  const code = await main(['synth', 'examples/chat/hoplite.config.ts', '--out', outDir], io, root);
  assert.equal(io.err(), '');
  assert.equal(code, 0);
  const handlers = Object.fromEntries(['connectWorld', 'disconnectWorld', 'sendMessage'].map((name) => [name, `ES module, Handler handlers.${name}`]));
  assert.equal(io.out(), await expectedOutput('Hoplite synth: SpartaWebSocket (examples/chat/hoplite.config.ts)', outDir, root, handlers));
  const event = { requestContext: { connectionId: 'c1', domainName: 'example.com', stage: 'v1' }, body: '{}' };
  const load = async (name: string) => {
    const bundle = (await import(pathToFileURL(join(outDir, 'functions', name, 'handlers.mjs')).href)) as Record<string, unknown>;
    assert.equal(typeof bundle[name], 'function');
    return bundle[name] as (event: unknown) => Promise<unknown>;
  };
  // Their first act is to read the table name a deployment sets: running them without one proves the code runs.
  await assert.rejects((await load('connectWorld'))(event), { message: 'CONNECTION_TABLE is not set' });
  await assert.rejects((await load('disconnectWorld'))(event), { message: 'CONNECTION_TABLE is not set' });
  assert.deepStrictEqual(await (await load('sendMessage'))(event), { statusCode: 500, body: 'Failed to unmarshal request: "data" is required' });
});

test('hoplite synth --help, and a stack name CloudFormation would refuse', async () => {
  const help = memoryIo();
  assert.equal(await main(['synth', '--help'], help, root), 0);
  assert.match(help.out(), /^Usage: hoplite synth \[entry\] \[options\]\n/);
  const bad = memoryIo();
  assert.equal(await main(['synth', 'examples/chat/hoplite.config.ts', '--stack-name', '1chat'], bad, root), 1);
  assert.equal(bad.err(), 'error: --stack-name: expected a letter, then letters, digits and hyphens (at most 128), got "1chat"\n');
});
