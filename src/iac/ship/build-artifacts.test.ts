/** The output folder of a synth: bundles, template.json and manifest.json, written afresh, never over a project. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ConfigError } from '../../errors.ts';
import type { ServiceModel } from '../../model/types.ts';
import { buildArtifacts, functionCodeOf } from './build-artifacts.ts';

let project: string;

const model = (): ServiceModel => ({
  name: 'scratch',
  rootDir: project,
  functions: [{ name: 'hello', handler: 'app.handler', codeUri: 'hello', timeoutSeconds: 3, memoryMb: 128, environment: {}, policies: [] }],
  apis: [],
  tables: [],
  outputs: [],
  sites: [],
});

before(async () => {
  project = await mkdtemp(join(tmpdir(), 'hoplite-artifacts-'));
  await mkdir(join(project, 'hello'));
  await writeFile(join(project, 'hello', 'app.js'), 'exports.handler = async () => "hi";\n');
});
after(() => rm(project, { recursive: true, force: true }));

test('writes template.json and manifest.json (2-space JSON and a newline), paths relative to the output folder', async () => {
  const outDir = join(project, 'out');
  const artifacts = await buildArtifacts(model(), { source: 'app.ts', rootDir: project, outDir, stackName: 'scratch-stack' });
  const [bundle] = artifacts.bundles;
  assert.ok(bundle);
  assert.equal(artifacts.templateFile, join(outDir, 'template.json'));
  assert.equal(await readFile(artifacts.templateFile, 'utf8'), `${JSON.stringify(artifacts.template, null, 2)}\n`);
  const manifest = await readFile(join(outDir, 'manifest.json'), 'utf8');
  const expected = {
    stackName: 'scratch-stack',
    template: 'template.json',
    bundles: [{ function: 'hello', s3Key: bundle.s3Key, zipFile: bundle.s3Key, sha256: bundle.sha256, bytes: bundle.bytes }],
  };
  assert.equal(manifest, `${JSON.stringify(expected, null, 2)}\n`);
  assert.deepStrictEqual((await readdir(outDir)).sort(), ['functions', 'manifest.json', 'template.json']);
});

test("synthesis gets each function's key, Lambda's handler and the bundle folder relative to the template", async () => {
  const outDir = join(project, 'out-code');
  const artifacts = await buildArtifacts(model(), { source: 'app.ts', rootDir: project, outDir, stackName: 'scratch' });
  const code = functionCodeOf(artifacts.bundles, outDir);
  assert.deepStrictEqual(code('hello'), { s3Key: artifacts.bundles[0]?.s3Key, handler: 'app.handler', assetPath: 'functions/hello' });
});

test('an earlier build is removed first: nothing stale is left', async () => {
  const outDir = join(project, 'out-again');
  await buildArtifacts(model(), { source: 'app.ts', rootDir: project, outDir, stackName: 'scratch' });
  await writeFile(join(outDir, 'functions', 'stale-0000000000000000.zip'), 'old');
  await buildArtifacts(model(), { source: 'app.ts', rootDir: project, outDir, stackName: 'scratch' });
  assert.deepStrictEqual(
    (await readdir(join(outDir, 'functions'))).filter((name) => name.startsWith('stale')),
    [],
  );
});

test('refuses an output folder that holds the project, or a folder with other files and no manifest', async () => {
  const refusal = (outDir: string) =>
    buildArtifacts(model(), { source: 'app.ts', rootDir: project, outDir, stackName: 'scratch' }).then(
      () => undefined,
      (error: unknown) => (error instanceof ConfigError ? error.message : String(error)),
    );
  assert.equal(await refusal(project), `app.ts: outDir: ${project} holds the project's folder ${project}; choose an output folder inside or beside it`);
  assert.equal(
    await refusal(join(project, '..')),
    `app.ts: outDir: ${join(project, '..')} holds the project's folder ${project}; choose an output folder inside or beside it`,
  );
  const other = join(project, 'notes');
  await mkdir(other);
  await writeFile(join(other, 'todo.txt'), 'keep me');
  assert.equal(
    await refusal(other),
    `app.ts: outDir: ${other} is not empty and holds no manifest.json of an earlier build; choose an empty or new output folder`,
  );
  assert.equal(await readFile(join(other, 'todo.txt'), 'utf8'), 'keep me');
  const file = join(other, 'todo.txt');
  assert.equal(await refusal(file), `app.ts: outDir: ${file} is a file; expected a folder`);
  assert.equal(await readFile(file, 'utf8'), 'keep me');
});
