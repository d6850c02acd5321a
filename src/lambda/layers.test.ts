/**
 * Layers in every runner, on a scratch project outside this repository: a layer's `nodejs/node_modules` and
 * `nodejs/node22/node_modules` resolve after the function's own node_modules, a later layer wins, and a missing
 * layer folder is a build error.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_LAMBDA_TUNING } from '../../test/helpers/lambda-tuning.ts';
import { HopliteError } from '../errors.ts';
import { systemClock } from '../internal/clock.ts';
import { systemIds } from '../internal/ids.ts';
import { memoryLog } from '../internal/log.ts';
import type { FunctionModel, LayerModel } from '../model/types.ts';
import type { InvocationOutcome } from './invoker.ts';
import { layerModulePaths, runtimeNodeMajor } from './layers.ts';
import { RUNNERS, type RunnerName } from './runners/index.ts';
import { createLambdaService } from './service.ts';

const pkg = (name: string, exported: string): Record<string, string> => ({
  [`${name}/package.json`]: JSON.stringify({ name, version: '1.0.0' }),
  [`${name}/index.js`]: `module.exports = ${exported};\n`,
});
const under = (folder: string, files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([path, text]) => [`${folder}/${path}`, text]));

const PROJECT: Record<string, string> = {
  ...under('layers/base/nodejs/node_modules', {
    ...pkg('shared', "'base'"),
    ...pkg('only-base', "'only in base'"),
    ...pkg('versioned', "'any node'"),
    ...pkg('own', "'from a layer'"),
    // A layer's package finds its own dependencies as Node finds them.
    ...pkg('uses-helper', "require('helper')('base')"),
    ...pkg('helper', '(name) => `helped ${name}`'),
  }),
  ...under('layers/override/nodejs/node_modules', pkg('shared', "'override'")),
  ...under('layers/base/nodejs/node22/node_modules', pkg('versioned', "'node22'")),
  'functions/app/package.json': JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { own: '1.0.0' } }),
  ...under('functions/app/node_modules', pkg('own', "'own node_modules'")),
  'functions/app/app.js': [
    "exports.handler = async () => ({ shared: require('shared'), onlyBase: require('only-base'), versioned: require('versioned'),",
    "  own: require('own'), usesHelper: require('uses-helper') });",
  ].join('\n'),
  'functions/app/esm.mjs': "import shared from 'shared';\nimport onlyBase from 'only-base';\nexport const handler = async () => ({ shared, onlyBase });\n",
  'functions/app/missing.js': "const nowhere = require('nowhere');\nexports.handler = async () => nowhere;\n",
};

const LAYERS: LayerModel[] = [
  { name: 'Base', contentUri: 'layers/base' },
  { name: 'Override', contentUri: 'layers/override' },
  { name: 'Gone', contentUri: 'layers/gone' },
];

function fn(name: string, handler: string, layers: string[]): FunctionModel {
  return { name, handler, codeUri: 'functions/app', runtime: 'nodejs22.x', timeoutSeconds: 3, memoryMb: 256, environment: {}, policies: [], layers };
}

let project: string;

before(async () => {
  project = await realpath(await mkdtemp(join(tmpdir(), 'hoplite-layers-')));
  for (const [file, contents] of Object.entries(PROJECT)) {
    await mkdir(dirname(join(project, file)), { recursive: true });
    await writeFile(join(project, file), contents);
  }
});
after(() => rm(project, { recursive: true, force: true }));

async function service(functions: FunctionModel[], runner: RunnerName) {
  return createLambdaService({
    ...DEFAULT_LAMBDA_TUNING,
    functions,
    layers: LAYERS,
    rootDir: project,
    buildDir: join(project, '.hoplite', 'cache', Math.random().toString(36).slice(2)),
    platformEnvironment: { AWS_REGION: 'eu-west-1' },
    trustedCertificates: [],
    log: memoryLog(),
    clock: systemClock,
    ids: systemIds,
    runner,
  });
}

function ok(outcome: InvocationOutcome): unknown {
  assert.equal(outcome.kind, 'ok', JSON.stringify(outcome));
  return (outcome as { payload: unknown }).payload;
}

test("the Node.js major whose layer folder applies: the function's runtime, else this Node", () => {
  assert.deepEqual([runtimeNodeMajor('nodejs20.x'), runtimeNodeMajor('nodejs22.x'), runtimeNodeMajor(undefined, '24.1.0')], [20, 22, 24]);
});

test('the layer folders in lookup order: node22 before node_modules, the later layer first; folders a layer lacks are left out', () => {
  assert.deepEqual(layerModulePaths(fn('app', 'app.handler', ['Base', 'Override']), LAYERS, project), [
    join(project, 'layers/base/nodejs/node22/node_modules'),
    join(project, 'layers/override/nodejs/node_modules'),
    join(project, 'layers/base/nodejs/node_modules'),
  ]);
  assert.deepEqual(layerModulePaths({ ...fn('app', 'app.handler', ['Base']), runtime: 'nodejs20.x' }, LAYERS, project), [
    join(project, 'layers/base/nodejs/node_modules'),
  ]);
  assert.deepEqual(layerModulePaths({ ...fn('app', 'app.handler', []), layers: undefined }, LAYERS, project), []);
});

test('a layer whose folder does not exist is a build error naming the function, the layer and the folder', () => {
  assert.throws(
    () => layerModulePaths(fn('app', 'app.handler', ['Gone']), LAYERS, project),
    (error: unknown) =>
      error instanceof HopliteError &&
      error.code === 'HOPLITE_ERR_LAMBDA_BUILD' &&
      error.message ===
        `function app: layer Gone: no folder ${join(project, 'layers/gone')}; expected the layer's content, with its packages in nodejs/node_modules`,
  );
});

for (const runner of Object.keys(RUNNERS) as RunnerName[]) {
  describe(`${runner}: a function's layers, as under /opt`, () => {
    let invoker: Awaited<ReturnType<typeof service>>;

    before(async () => {
      invoker = await service(
        [fn('app', 'app.handler', ['Base', 'Override']), fn('esm', 'esm.handler', ['Base', 'Override']), fn('missing', 'missing.handler', ['Base'])],
        runner,
      );
    });
    after(() => invoker.dispose());

    test("CommonJS: the function's own node_modules first, then nodejs/node22, then nodejs/node_modules with the later layer winning", async () => {
      assert.deepEqual(ok(await invoker.invoke('app', {})), {
        shared: 'override',
        onlyBase: 'only in base',
        versioned: 'node22',
        own: 'own node_modules',
        usesHelper: 'helped base',
      });
    });

    test('ES modules: bare imports resolve from the layers too', async () => {
      assert.deepEqual(ok(await invoker.invoke('esm', {})), { shared: 'override', onlyBase: 'only in base' });
    });

    test('a package in no layer: Runtime.ImportModuleError naming the layer folders looked in', async () => {
      const outcome = (await invoker.invoke('missing', {})) as { error?: { errorType: string; errorMessage: string } };
      assert.equal(outcome.error?.errorType, 'Runtime.ImportModuleError');
      assert.equal(
        outcome.error?.errorMessage,
        `Error: Cannot find module 'nowhere'\nRequire stack:\n- ${join(project, 'functions/app/missing.js')}\nA deployment ships the dependencies of ${join(project, 'functions/app/package.json')}, and nowhere is not one of them: npm install nowhere. The function's layers do not have it either (looked in ${join(project, 'layers/base/nodejs/node22/node_modules')}, ${join(project, 'layers/base/nodejs/node_modules')}).`,
      );
    });
  });
}
