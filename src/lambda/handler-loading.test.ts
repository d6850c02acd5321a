/**
 * Handlers written for Lambda, loaded as the Node.js runtime loads them, in every runner: a scratch project outside
 * this repository (CommonJS with no "type", ES modules, TypeScript, a per-function code folder with its own
 * node_modules, no AWS SDK of its own), and each failure with the runtime's error type and message.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_LAMBDA_TUNING } from '../../test/helpers/lambda-tuning.ts';
import { HopliteError } from '../errors.ts';
import { systemClock } from '../internal/clock.ts';
import { systemIds } from '../internal/ids.ts';
import { memoryLog } from '../internal/log.ts';
import type { FunctionModel } from '../model/types.ts';
import type { InvocationOutcome } from './invoker.ts';
import { RUNNERS, type RunnerName } from './runners/index.ts';
import { createLambdaService } from './service.ts';

/** The scratch project, file by file. */
const PROJECT: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'legacy-app', version: '1.0.0', dependencies: { greeting: '1.0.0' } }),
  'node_modules/greeting/package.json': JSON.stringify({ name: 'greeting', version: '1.0.0' }),
  'node_modules/greeting/index.js': 'module.exports = (name) => `hello ${name}`;\n',
  'node_modules/undeclared/package.json': JSON.stringify({ name: 'undeclared', version: '1.0.0' }),
  'node_modules/undeclared/index.js': 'module.exports = 1;\n',
  'template.html': '<p>hi</p>\n',
  'app.js': [
    "const { readFileSync } = require('fs');",
    "const path = require('path');",
    "const greeting = require('greeting');",
    "const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');",
    "const template = readFileSync(path.join(__dirname, 'template.html'), 'utf8');",
    'exports.handler = async () => ({',
    '  template, filename: __filename, cwd: process.cwd(), taskRoot: process.env.LAMBDA_TASK_ROOT, handlerVariable: process.env._HANDLER,',
    "  greeting: greeting('x'), relative: readFileSync('template.html', 'utf8'), sdk: typeof DynamoDBClient,",
    '});',
  ].join('\n'),
  'object.js': "async function handler() { return 'module.exports'; }\nmodule.exports = { handler };\n",
  'callback.js': "exports.handler = function (event, context, callback) { callback(null, 'called back'); };\n",
  'esm.mjs': [
    "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    "import { S3Client } from '@aws-sdk/client-s3';",
    "const ready = await Promise.resolve('top-level await');",
    'export const handler = async () => ({ url: import.meta.url, ready, sdk: [typeof DynamoDBDocumentClient, typeof S3Client] });',
  ].join('\n'),
  'src/handlers/chat.js': "exports.onConnect = async () => 'connected';\nexports.nested = { deeper: async () => 'nested' };\n",
  'typed.ts': [
    "import { helper } from './helper.js';",
    'interface Result { n: number }',
    'export const handler = async (event: { fail?: boolean }): Promise<Result> => {',
    "  if (event.fail) throw new Error('typed failure');",
    '  return { n: helper() };',
    '};',
  ].join('\n'),
  'helper.ts': 'export const helper = (): number => 41 + 1;\n',
  'not-a-function.js': 'exports.handler = 5;\n',
  'computed.js': "module.exports = Object.fromEntries([['other', async () => 1]]);\n",
  'undeclared.js': "const value = require('undeclared');\nexports.handler = async () => value;\n",
  'sdk-v2.js': "const AWS = require('aws-sdk');\nexports.handler = async () => typeof AWS;\n",
  'kinesis.mjs': "import { KinesisClient } from '@aws-sdk/client-kinesis';\nexport const handler = async () => typeof KinesisClient;\n",
  'late-syntax.js': "const name = './broken' + '.js';\nconst broken = require(name);\nexports.handler = async () => broken;\n",
  'broken.js': 'module.exports = {;\n',
  // One folder per function, as SAM lays projects out: its own package.json and node_modules.
  'functions/hello/package.json': JSON.stringify({ name: 'hello', version: '1.0.0', dependencies: { leftpad: '1.0.0', greeting: '1.0.0', linked: '1.0.0' } }),
  // Linked into the function's node_modules (npm link): its real path is outside, but a deployment follows the link.
  'vendor/linked/package.json': JSON.stringify({ name: 'linked', version: '1.0.0' }),
  'vendor/linked/index.js': "module.exports = 'linked';\n",
  'functions/hello/node_modules/leftpad/package.json': JSON.stringify({ name: 'leftpad', version: '1.0.0' }),
  'functions/hello/node_modules/leftpad/index.js': "module.exports = (text, width) => text.padStart(width, '.');\n",
  'functions/hello/app.js': [
    "const leftpad = require('leftpad');",
    "const { readFileSync } = require('fs');",
    "const linked = require('linked');",
    "exports.handler = async () => ({ padded: leftpad('hi', 5), cwd: process.cwd(), data: readFileSync('data.txt', 'utf8').trim(), linked });",
  ].join('\n'),
  'functions/hello/data.txt': 'beside the handler\n',
  // Declared, but installed only outside this function's code root: a deployment of it would not have it.
  'functions/hello/outside.js': "const greeting = require('greeting');\nexports.handler = async () => greeting('x');\n",
};

function fn(name: string, handler: string, extra: Partial<FunctionModel> = {}): FunctionModel {
  return { name, handler, timeoutSeconds: 3, memoryMb: 256, environment: {}, policies: [], ...extra };
}

let project: string;

before(async () => {
  // Outside this repository: nothing resolves from its node_modules by accident.
  project = await realpath(await mkdtemp(join(tmpdir(), 'hoplite-lambda-code-')));
  for (const [file, contents] of Object.entries(PROJECT)) {
    await mkdir(dirname(join(project, file)), { recursive: true });
    await writeFile(join(project, file), contents);
  }
  await symlink(join(project, 'vendor/linked'), join(project, 'functions/hello/node_modules/linked'), 'dir');
});
after(() => rm(project, { recursive: true, force: true }));

async function service(functions: FunctionModel[], runner: RunnerName) {
  const buildDir = join(project, '.hoplite', 'cache', Math.random().toString(36).slice(2));
  const invoker = await createLambdaService({
    ...DEFAULT_LAMBDA_TUNING,
    functions,
    rootDir: project,
    buildDir,
    platformEnvironment: { AWS_REGION: 'eu-west-1' },
    trustedCertificates: [],
    log: memoryLog(),
    clock: systemClock,
    ids: systemIds,
    runner,
  });
  return { invoker, dispose: () => invoker.dispose() };
}

function ok(outcome: InvocationOutcome): unknown {
  assert.equal(outcome.kind, 'ok', JSON.stringify(outcome));
  return (outcome as { payload: unknown }).payload;
}

function failure(outcome: InvocationOutcome): { kind: string; errorType: string; errorMessage: string } {
  const error = (outcome as { error?: { errorType: string; errorMessage: string } }).error;
  assert.ok(error, JSON.stringify(outcome));
  return { kind: outcome.kind, errorType: error.errorType, errorMessage: error.errorMessage };
}

for (const runner of Object.keys(RUNNERS) as RunnerName[]) {
  describe(`${runner}: Lambda code as it is written`, () => {
    let invoke: (name: string, event?: unknown) => Promise<InvocationOutcome>;
    let dispose: () => Promise<void>;

    before(async () => {
      const started = await service(
        [
          fn('app', 'app.handler'),
          fn('object', 'object.handler'),
          fn('callback', 'callback.handler'),
          fn('esm', 'esm.handler'),
          fn('chat', 'src/handlers/chat.onConnect'),
          fn('nested', 'src/handlers/chat.nested.deeper'),
          fn('typed', 'typed.handler'),
          fn('notFunction', 'not-a-function.handler'),
          fn('computed', 'computed.handler'),
          fn('undeclared', 'undeclared.handler'),
          fn('sdkV2', 'sdk-v2.handler'),
          fn('kinesis', 'kinesis.handler'),
          fn('lateSyntax', 'late-syntax.handler'),
          fn('hello', 'app.handler', { codeUri: 'functions/hello' }),
          fn('outside', 'outside.handler', { codeUri: 'functions/hello' }),
        ],
        runner,
      );
      invoke = (name, event = {}) => started.invoker.invoke(name, event);
      dispose = started.dispose;
    });
    after(() => dispose());

    test('RT-2 RT-3 RT-6 RT-7 a CommonJS handler (no "type") sees its real file, reads files beside it, finds its packages and the runtime SDK v3', async () => {
      assert.deepEqual(ok(await invoke('app')), {
        template: '<p>hi</p>\n',
        filename: join(project, 'app.js'),
        cwd: project,
        taskRoot: project,
        handlerVariable: 'app.handler',
        greeting: 'hello x',
        relative: '<p>hi</p>\n',
        sdk: 'function',
      });
    });

    test('RT-1 RT-4 module.exports = { handler }, callback handlers, nested module paths and dotted export paths', async () => {
      assert.equal(ok(await invoke('object')), 'module.exports');
      assert.equal(ok(await invoke('callback')), 'called back');
      assert.equal(ok(await invoke('chat')), 'connected');
      assert.equal(ok(await invoke('nested')), 'nested');
    });

    test('RT-3 RT-7 an ES module with top-level await, its real import.meta.url and the SDK v3 from the runtime', async () => {
      const result = ok(await invoke('esm')) as { url: string; ready: string; sdk: string[] };
      assert.equal(result.url.split('?')[0], `file://${join(project, 'esm.mjs')}`);
      assert.deepEqual([result.ready, result.sdk], ['top-level await', ['function', 'function']]);
    });

    test('TypeScript in a CommonJS package: `./helper.js` names helper.ts; stack traces name the .ts file and line', async () => {
      assert.deepEqual(ok(await invoke('typed')), { n: 42 });
      const failed = await invoke('typed', { fail: true });
      assert.equal(failure(failed).errorMessage, 'typed failure');
      assert.match((failed as { error: { trace: string[] } }).error.trace[1] ?? '', new RegExp(`${join(project, 'typed.ts').replaceAll('.', '\\.')}:4:`));
    });

    test('RT-4 an export that is no function, or that only running the module would show missing: Runtime.HandlerNotFound', async () => {
      assert.deepEqual(failure(await invoke('notFunction')), {
        kind: 'crash',
        errorType: 'Runtime.HandlerNotFound',
        errorMessage: 'not-a-function.handler is not a function',
      });
      assert.deepEqual(failure(await invoke('computed')), {
        kind: 'crash',
        errorType: 'Runtime.HandlerNotFound',
        errorMessage: 'computed.handler is undefined or not exported',
      });
    });

    test('RT-5 RT-7 packages a deployment would not ship: Runtime.ImportModuleError with what to do', async () => {
      const undeclared = failure(await invoke('undeclared'));
      assert.equal(undeclared.errorType, 'Runtime.ImportModuleError');
      assert.equal(
        undeclared.errorMessage,
        `Error: Cannot find module 'undeclared'\nRequire stack:\n- ${join(project, 'undeclared.js')}\nA deployment ships the dependencies of ${join(project, 'package.json')}, and undeclared is not one of them: npm install undeclared.`,
      );
      const v2 = failure(await invoke('sdkV2'));
      assert.equal(v2.errorType, 'Runtime.ImportModuleError');
      assert.match(v2.errorMessage, /^Error: Cannot find module 'aws-sdk'\n[\s\S]*provide the AWS SDK for JavaScript v3, not v2/);
      const kinesis = failure(await invoke('kinesis'));
      assert.equal(kinesis.errorType, 'Runtime.ImportModuleError');
      assert.match(
        kinesis.errorMessage,
        /^Error: Cannot find package '@aws-sdk\/client-kinesis' imported from \S+kinesis\.mjs\. The Lambda runtime provides the whole AWS SDK v3, but Hoplite provides only @aws-sdk\/client-dynamodb, [\s\S]*: add @aws-sdk\/client-kinesis to the dependencies in package\.json \(npm install @aws-sdk\/client-kinesis\)\.$/,
      );
    });

    test('RT-5 a syntax error found only at init: Runtime.UserCodeSyntaxError', async () => {
      const outcome = failure(await invoke('lateSyntax'));
      assert.equal(outcome.errorType, 'Runtime.UserCodeSyntaxError');
      assert.match(outcome.errorMessage, /^SyntaxError: \S/);
    });

    test("RT-6 RT-7 a function with its own code folder: its package.json, its node_modules, its working directory; the outer project's packages are outside it", async () => {
      assert.deepEqual(ok(await invoke('hello')), { padded: '...hi', cwd: join(project, 'functions/hello'), data: 'beside the handler', linked: 'linked' });
      const outside = failure(await invoke('outside'));
      assert.equal(outside.errorType, 'Runtime.ImportModuleError');
      assert.match(
        outside.errorMessage,
        new RegExp(
          `It is installed at ${join(project, 'node_modules/greeting/index.js')}, outside the function's code root ${join(project, 'functions/hello')}, so a deployment would not include it`,
        ),
      );
    });
  });
}

describe('RT-1 RT-2 RT-4 definition errors at start name the function, the file and the export', () => {
  const cases: Array<[string, FunctionModel, RegExp]> = [
    [
      'a relative path in a Lambda handler string',
      fn('up', '../app.handler'),
      /^function up: handler "\.\.\/app\.handler": '\.\.\/app\.handler' is not a valid handler name\. Use absolute paths when specifying root directories in handler names\. \(Runtime\.MalformedHandlerName\)/,
    ],
    [
      'a file that is not there',
      fn('absent', 'src/absent.handler'),
      /^function absent: handler "src\/absent\.handler": no such file: tried src\/absent, src\/absent\.js, src\/absent\.mjs, src\/absent\.cjs, src\/absent\.ts, src\/absent\.mts, src\/absent\.cts /,
    ],
    [
      'an ES module without the export',
      fn('esmExport', 'esm.nope'),
      /^function esmExport: handler "esm\.nope": esm\.mjs does not export "nope" \(it exports handler\); Lambda would fail with Runtime\.HandlerNotFound: esm\.nope is undefined or not exported$/,
    ],
    [
      'a CommonJS module without the export',
      fn('cjsExport', 'src/handlers/chat.onDisconnect'),
      /^function cjsExport: handler "src\/handlers\/chat\.onDisconnect": src\/handlers\/chat\.js does not export "onDisconnect" \(it exports onConnect, nested\)/,
    ],
  ];
  for (const [name, model, message] of cases) {
    test(name, async () => {
      await assert.rejects(service([model], 'worker-thread'), (error: unknown) => {
        assert.ok(error instanceof HopliteError);
        assert.equal(error.code, 'HOPLITE_ERR_LAMBDA_HANDLER');
        assert.match(error.message, message);
        return true;
      });
    });
  }
});
