/**
 * Function bundles of a scratch project outside this repository, laid out as Lambda users lay them out: the module
 * format each handler keeps, where its bundle sits, which files ship beside it, the SDK left to the runtime, the
 * same bytes on every build, and the errors that name the function and handler.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ConfigError } from '../../errors.ts';
import type { FunctionModel, ServiceModel } from '../../model/types.ts';
import { bundleFunctions, type FunctionBundle } from './bundle-functions.ts';

const PROJECT: Record<string, string> = {
  // A CommonJS function in its own folder, with its own dependency.
  'cjs-fn/package.json': JSON.stringify({ name: 'cjs-fn', dependencies: { greeting: '1.0.0' } }),
  'cjs-fn/package-lock.json': '{}',
  'cjs-fn/.env': 'SECRET=1',
  'cjs-fn/node_modules/greeting/package.json': JSON.stringify({ name: 'greeting', version: '1.0.0' }),
  'cjs-fn/node_modules/greeting/index.js': 'module.exports = (name) => `hello ${name}`;\n',
  'cjs-fn/src/app.js': "const { greet } = require('./util');\nexports.handler = async () => greet();\n",
  'cjs-fn/src/app.js.map': '{}',
  'cjs-fn/src/util.js': "const greeting = require('greeting');\nexports.greet = () => greeting('world');\n",
  'cjs-fn/src/broken.js': 'exports.handler = (;\n',
  'cjs-fn/src/unresolved.js': "exports.handler = () => require('absent');\n",
  'cjs-fn/src/template.html': '<p>hi</p>\n',
  'cjs-fn/data/table.json': '{"rows":[]}\n',
  // An ES module function ("type": "module") using the runtime's SDK and a @smithy package of its own.
  'esm-fn/package.json': JSON.stringify({ name: 'esm-fn', type: 'module' }),
  'esm-fn/index.js': [
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
    "import { smithy } from '@smithy/own-helper';",
    'export const handler = async () => [typeof DynamoDBClient, smithy];',
  ].join('\n'),
  'esm-fn/node_modules/@aws-sdk/client-dynamodb/package.json': JSON.stringify({ name: '@aws-sdk/client-dynamodb', main: 'index.js' }),
  'esm-fn/node_modules/@aws-sdk/client-dynamodb/index.js': 'exports.DynamoDBClient = class { marker = "SDK CODE IN THE BUNDLE" };\n',
  'esm-fn/node_modules/@smithy/own-helper/package.json': JSON.stringify({ name: '@smithy/own-helper', main: 'index.js' }),
  'esm-fn/node_modules/@smithy/own-helper/index.js': 'exports.smithy = "SMITHY CODE IN THE BUNDLE";\n',
  // Explicit extensions in a package of "type": "module".
  'mixed/package.json': JSON.stringify({ name: 'mixed', type: 'module' }),
  'mixed/legacy.cjs': 'exports.handler = async () => "legacy";\n',
  'mixed/typed.cts': 'export const handler = async (): Promise<string> => "typed";\n',
  'mixed/modern.mts': 'export const handler = async (): Promise<string> => "modern";\n',
  // A function whose dependencies come from a layer (SAM's AWS::Serverless::LayerVersion ContentUri).
  'shared-layer/nodejs/node_modules/shared-lib/index.js': 'exports.shared = "LAYER CODE IN THE BUNDLE";\n',
  'shared-layer/nodejs/node_modules/@team/util/index.js': 'exports.util = "SCOPED LAYER CODE IN THE BUNDLE";\n',
  'uses-layer/app.js': "const { shared } = require('shared-lib');\nconst { util } = require('@team/util');\nexports.handler = async () => [shared, util];\n",
  // Hoplite's own form, from the definition's folder.
  'ts-root/handlers.ts': 'export const connectWorld = async () => ({ statusCode: 200 });\n',
  'ts-root/hoplite.config.ts': 'export default {};\n',
  'ts-root/messages/welcome.txt': 'welcome\n',
};

let project: string;
let outRoot: string;

before(async () => {
  project = await mkdtemp(join(tmpdir(), 'hoplite-bundle-'));
  outRoot = await mkdtemp(join(tmpdir(), 'hoplite-bundle-out-'));
  for (const [path, content] of Object.entries(PROJECT)) {
    await mkdir(dirname(join(project, path)), { recursive: true });
    await writeFile(join(project, path), content);
  }
});
after(async () => {
  await rm(project, { recursive: true, force: true });
  await rm(outRoot, { recursive: true, force: true });
});

function fn(name: string, handler: string, codeUri?: string): FunctionModel {
  return { name, handler, ...(codeUri !== undefined ? { codeUri } : {}), timeoutSeconds: 3, memoryMb: 128, environment: {}, policies: [] };
}

function service(functions: FunctionModel[]): ServiceModel {
  return { name: 'scratch', functions, apis: [], tables: [], outputs: [], sites: [], layers: [{ name: 'shared', contentUri: 'shared-layer' }] };
}

let runs = 0;
async function bundle(functions: FunctionModel[], rootDir = project): Promise<FunctionBundle[]> {
  runs += 1;
  return bundleFunctions(service(functions), { outDir: join(outRoot, `run-${runs}`), rootDir, source: 'app.ts' });
}

async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

const shape = (bundle: FunctionBundle) => ({ function: bundle.function, handler: bundle.handler, format: bundle.format });

describe('module format and layout', () => {
  test('each handler keeps its format, at its own path; ES modules become .mjs, CommonJS .js (or .cjs under "type": "module")', async () => {
    const bundles = await bundle([
      fn('cjsApp', 'src/app.handler', 'cjs-fn'),
      fn('esmIndex', 'index.handler', 'esm-fn'),
      fn('legacy', 'legacy.handler', 'mixed'),
      fn('typed', 'typed.cts#handler', 'mixed'),
      fn('modern', 'modern.handler', 'mixed'),
    ]);
    assert.deepStrictEqual(bundles.map(shape), [
      { function: 'cjsApp', handler: 'src/app.handler', format: 'commonjs' },
      { function: 'esmIndex', handler: 'index.handler', format: 'module' },
      { function: 'legacy', handler: 'legacy.handler', format: 'commonjs' },
      { function: 'typed', handler: 'typed.handler', format: 'commonjs' },
      { function: 'modern', handler: 'modern.handler', format: 'module' },
    ]);
    const code = await Promise.all(bundles.map(async (b) => (await filesIn(b.dir)).filter((file) => /\.[cm]?js$/.test(file))));
    assert.deepStrictEqual(code, [['src/app.js'], ['index.mjs'], ['legacy.cjs'], ['typed.cjs'], ['modern.mjs']]);
  });

  test("Hoplite's file.ts#export form becomes Lambda's module.export, relative to the definition's folder", async () => {
    const [connect] = await bundle([fn('connectWorld', 'handlers.ts#connectWorld')], join(project, 'ts-root'));
    assert.deepStrictEqual(shape(connect as FunctionBundle), { function: 'connectWorld', handler: 'handlers.connectWorld', format: 'commonjs' });
    assert.deepStrictEqual(await filesIn((connect as FunctionBundle).dir), ['handlers.js', 'messages/welcome.txt']);
  });

  test('the zip is named by its content: functions/<name>-<16 hex digits of its sha256>.zip', async () => {
    const [app] = (await bundle([fn('cjsApp', 'src/app.handler', 'cjs-fn')])) as [FunctionBundle];
    const zip = await readFile(app.zipFile);
    assert.equal(app.s3Key, `functions/cjsApp-${app.sha256.slice(0, 16)}.zip`);
    assert.equal(app.zipFile, join(dirname(dirname(app.dir)), app.s3Key));
    assert.equal(app.bytes, zip.byteLength);
    assert.match(app.sha256, /^[0-9a-f]{64}$/);
  });
});

describe('files shipped beside the bundle', () => {
  test("the code root's other files: no sources, maps, node_modules, lock files or dot-files", async () => {
    const [app] = (await bundle([fn('cjsApp', 'src/app.handler', 'cjs-fn')])) as [FunctionBundle];
    assert.deepStrictEqual(await filesIn(app.dir), ['data/table.json', 'package.json', 'src/app.js', 'src/template.html']);
    assert.deepStrictEqual(
      zipEntries(await readFile(app.zipFile)).map((entry) => entry.name),
      ['data/table.json', 'package.json', 'src/app.js', 'src/template.html'],
    );
  });

  test('a link to a folder above it is not walked forever', async (t) => {
    await symlink('..', join(project, 'cjs-fn', 'data', 'loop'), 'dir');
    t.after(() => rm(join(project, 'cjs-fn', 'data', 'loop')));
    const [app] = (await bundle([fn('cjsApp', 'src/app.handler', 'cjs-fn')])) as [FunctionBundle];
    assert.deepStrictEqual(await filesIn(app.dir), ['data/table.json', 'package.json', 'src/app.js', 'src/template.html']);
  });

  test('dependencies are inside the bundle; the AWS SDK v3 is left to the runtime; @smithy packages are bundled', async () => {
    const [app, esm] = (await bundle([fn('cjsApp', 'src/app.handler', 'cjs-fn'), fn('esmIndex', 'index.handler', 'esm-fn')])) as FunctionBundle[];
    const appCode = await readFile(join((app as FunctionBundle).dir, 'src/app.js'), 'utf8');
    assert.ok(appCode.includes('// node_modules/greeting/index.js\n'), appCode);
    const esmCode = await readFile(join((esm as FunctionBundle).dir, 'index.mjs'), 'utf8');
    assert.ok(esmCode.includes('import { DynamoDBClient } from "@aws-sdk/client-dynamodb";'), esmCode);
    assert.ok(!esmCode.includes('SDK CODE IN THE BUNDLE'), esmCode);
    assert.ok(esmCode.includes('SMITHY CODE IN THE BUNDLE'), esmCode);
    // CommonJS dependencies of an ES module bundle can require() what is left outside it.
    assert.ok(
      esmCode.startsWith("import { createRequire as __hopliteCreateRequire } from 'node:module';\nconst require = __hopliteCreateRequire(import.meta.url);\n"),
    );
  });
});

describe("packages of the function's layers", () => {
  test('are bundled in, found in the layer as Lambda finds them under /opt/nodejs/node_modules (no layer is shipped)', async () => {
    const [app] = (await bundle([{ ...fn('usesLayer', 'app.handler', 'uses-layer'), layers: ['shared'] }])) as [FunctionBundle];
    const code = await readFile(join(app.dir, 'app.js'), 'utf8');
    assert.ok(code.includes('LAYER CODE IN THE BUNDLE') && code.includes('SCOPED LAYER CODE IN THE BUNDLE'), code);
    assert.ok(!code.includes('require("shared-lib")'), code);
  });

  test('a function without the layer cannot bundle them', async () => {
    const error = await bundle([fn('noLayer', 'app.handler', 'uses-layer')]).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    assert.equal(
      error?.message,
      'app.ts: functions[0].handler: function "noLayer": handler "app.handler": could not be bundled: app.js:1:28: Could not resolve "shared-lib"; app.js:2:26: Could not resolve "@team/util"',
    );
  });
});

describe('deterministic output', () => {
  test('two builds give the same bytes; every entry has the 1980-01-01 timestamp, Unix mode 0644 and no extra fields', async () => {
    const functions = [fn('cjsApp', 'src/app.handler', 'cjs-fn'), fn('esmIndex', 'index.handler', 'esm-fn')];
    const first = await bundle(functions);
    const second = await bundle(functions);
    assert.deepStrictEqual(
      first.map((b) => b.sha256),
      second.map((b) => b.sha256),
    );
    for (const [index, b] of first.entries()) {
      assert.deepStrictEqual(await readFile(b.zipFile), await readFile((second[index] as FunctionBundle).zipFile));
      for (const entry of zipEntries(await readFile(b.zipFile))) {
        // MS-DOS date 1980-01-01 is (0 << 9) | (1 << 5) | 1; time 00:00:00 is 0.
        assert.deepStrictEqual(
          { name: entry.name, time: entry.time, date: entry.date, madeBy: entry.madeBy, mode: entry.mode.toString(8), extra: entry.extraLength },
          { name: entry.name, time: 0, date: 33, madeBy: 3, mode: '100644', extra: 0 },
        );
      }
    }
  });
});

describe('errors name the function and the handler', () => {
  async function rejection(functions: FunctionModel[]): Promise<string> {
    const error = await bundle(functions).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }

  test('a handler file that does not exist', async () => {
    assert.equal(
      await rejection([fn('missing', 'src/nope.handler', 'cjs-fn')]),
      'app.ts: functions[0].handler: function "missing": handler "src/nope.handler": no such file: tried cjs-fn/src/nope, cjs-fn/src/nope.js, cjs-fn/src/nope.mjs, cjs-fn/src/nope.cjs, cjs-fn/src/nope.ts, cjs-fn/src/nope.mts, cjs-fn/src/nope.cts',
    );
  });

  test('an export the module does not have, CommonJS and ES module', async () => {
    assert.equal(
      await rejection([fn('cjsApp', 'src/app.handler', 'cjs-fn'), fn('absent', 'src/app.main', 'cjs-fn')]),
      'app.ts: functions[1].handler: function "absent": handler "src/app.main": cjs-fn/src/app.js does not export "main" (it exports handler)',
    );
    assert.equal(
      await rejection([fn('absent', 'index.main', 'esm-fn')]),
      'app.ts: functions[0].handler: function "absent": handler "index.main": esm-fn/index.js does not export "main" (it exports handler)',
    );
  });

  test("a handler file outside the function's code folder", async () => {
    assert.equal(
      await rejection([fn('outside', '../mixed/legacy.cjs#handler', 'cjs-fn')]),
      'app.ts: functions[0].handler: function "outside": handler "../mixed/legacy.cjs#handler": mixed/legacy.cjs lies outside the function\'s code folder cjs-fn',
    );
  });

  test("esbuild's errors with file:line:column", async () => {
    assert.equal(
      await rejection([fn('broken', 'src/broken.handler', 'cjs-fn')]),
      'app.ts: functions[0].handler: function "broken": handler "src/broken.handler": could not be bundled: src/broken.js:1:20: Unexpected ";"',
    );
    assert.equal(
      await rejection([fn('unresolved', 'src/unresolved.handler', 'cjs-fn')]),
      'app.ts: functions[0].handler: function "unresolved": handler "src/unresolved.handler": could not be bundled: src/unresolved.js:1:33: Could not resolve "absent"',
    );
  });
});

interface ZipCentralEntry {
  name: string;
  madeBy: number;
  time: number;
  date: number;
  extraLength: number;
  mode: number;
}

/** The central directory's entries (APPNOTE.txt 4.3.12), read field by field. */
function zipEntries(zip: Buffer): ZipCentralEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ZipCentralEntry[] = [];
  for (let index = 0; index < count; index++) {
    assert.equal(zip.readUInt32LE(offset), 0x02014b50);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
      madeBy: zip.readUInt8(offset + 5),
      time: zip.readUInt16LE(offset + 12),
      date: zip.readUInt16LE(offset + 14),
      extraLength,
      mode: zip.readUInt32LE(offset + 38) >>> 16,
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
