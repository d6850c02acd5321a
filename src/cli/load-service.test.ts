/** loadService: each accepted extension, the brand check across module instances, and the load errors. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isHopliteError } from '../errors.ts';
import { loadService } from './load-service.ts';

const hoplite = JSON.stringify(fileURLToPath(new URL('../index.ts', import.meta.url)));
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoplite-load-'));
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
});
after(() => rm(dir, { recursive: true, force: true }));

function definition(name: string, typed: boolean): string {
  const annotation = typed ? ': string' : '';
  return `import { fn, httpApi, service } from ${hoplite};
const handler${annotation} = 'app.mjs#handler';
export default service(${JSON.stringify(name)}, { apis: [httpApi({ name: 'api' }).route('GET /', fn('f', { handler }))] });
`;
}

for (const [file, typed] of [
  ['hoplite.config.ts', true],
  // Distinct names: under a global tsx loader (as tests run), importing x.mjs would find x.mts first.
  ['typed.mts', true],
  ['plain.js', false],
  ['module.mjs', false],
] as const) {
  test(`a ${extname(file)} definition file loads into its model`, async () => {
    const name = file.replace(/\./g, '-');
    await writeFile(join(dir, file), definition(name, typed));
    const loaded = await loadService(file, dir);
    assert.equal(loaded.model.name, name);
    assert.equal(loaded.model.rootDir, dir);
    assert.deepEqual(
      loaded.model.functions.map((f) => f.handler),
      ['app.mjs#handler'],
    );
    assert.equal(loaded.displayPath, file);
  });
}

test('a .ts definition file in a CommonJS package loads too (tsx compiles it to CommonJS)', async () => {
  const commonJs = join(dir, 'commonjs');
  await mkdir(commonJs);
  await writeFile(join(commonJs, 'package.json'), '{ "type": "commonjs" }\n');
  await writeFile(join(commonJs, 'hoplite.config.ts'), definition('commonjs', true));
  const loaded = await loadService(undefined, commonJs);
  assert.equal(loaded.model.name, 'commonjs');
  assert.equal(loaded.model.rootDir, commonJs);
});

async function loadError(file: string): Promise<string> {
  try {
    await loadService(file, dir);
  } catch (error) {
    assert.ok(isHopliteError(error) && error.code === 'HOPLITE_ERR_CONFIG_LOAD', String(error));
    return error.message;
  }
  assert.fail(`${file} loaded`);
}

test('an unknown extension, a missing file, a file that throws and a wrong default export name the file', async () => {
  await writeFile(join(dir, 'service.toml'), 'name = "x"\n');
  assert.equal(
    await loadError('service.toml'),
    'service.toml: expected a definition file ending in .ts, .mts, .js or .mjs, or a Serverless Framework service named serverless.yml, .yaml, .json, .ts, .js, .mjs or .cjs, or a CloudFormation or SAM template ending in .yaml, .yml or .json',
  );
  assert.equal(await loadError('nope.ts'), 'nope.ts: file not found');
  await writeFile(join(dir, 'throws.ts'), "throw new Error('boom');\n");
  assert.equal(await loadError('throws.ts'), 'throws.ts: could not be loaded: boom');
  await writeFile(join(dir, 'empty.mjs'), 'export const x = 1;\n');
  assert.equal(await loadError('empty.mjs'), "empty.mjs: expected a default export made with service() from 'hoplite', got no default export");
});

test('a .yaml file is read as a template: a file without Resources is an error at its place', async () => {
  await writeFile(join(dir, 'service.yaml'), 'name: x\n');
  await assert.rejects(loadService('service.yaml', dir), {
    code: 'HOPLITE_ERR_CONFIG_INVALID',
    message: 'service.yaml:1:1: Resources: expected a Resources section: a mapping of logical ids to resources',
  });
});

test('with no entry, template.yaml is found after hoplite.config.ts; serverless.yml is read as a Serverless service, not a template', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'hoplite-template-'));
  try {
    await writeFile(join(folder, 'template.yaml'), 'Resources:\n  Table:\n    Type: AWS::Serverless::SimpleTable\n');
    const loaded = await loadService(undefined, folder);
    assert.equal(loaded.displayPath, 'template.yaml');
    assert.deepEqual(loaded.model.tables, [{ name: 'Table', partitionKey: { name: 'id', type: 'S' }, billing: { mode: 'PAY_PER_REQUEST' } }]);
    await writeFile(join(folder, 'serverless.yml'), 'service: x\n');
    await assert.rejects(loadService('serverless.yml', folder), {
      code: 'HOPLITE_ERR_CONFIG_INVALID',
      message: 'serverless.yml:1:1: provider.name: expected aws, the only provider Hoplite runs, got nothing',
    });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
