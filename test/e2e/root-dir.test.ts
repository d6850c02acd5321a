/** Where handler paths resolve in library use: the folder of the file that called service(), unless the Gateway option rootDir says otherwise. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ServiceDefinition } from '../../src/define/index.ts';
import { startGateway } from '../helpers/gateway.ts';

let dir: string;
let definition: ServiceDefinition;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoplite-root-dir-'));
  const hoplite = JSON.stringify(fileURLToPath(new URL('../../src/index.ts', import.meta.url)));
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const folder of ['service', 'other']) {
    await mkdir(join(dir, folder));
    await writeFile(join(dir, folder, 'app.mjs'), `export const handler = async () => ({ statusCode: 200, body: '${folder}' });\n`);
  }
  await writeFile(
    join(dir, 'service', 'service.mjs'),
    `import { fn, httpApi, service } from ${hoplite};
export default service('root-dir', { apis: [httpApi({ name: 'api' }).route('GET /', fn('f', { handler: 'app.handler' }))] });
`,
  );
  definition = ((await import(pathToFileURL(join(dir, 'service', 'service.mjs')).href)) as { default: ServiceDefinition }).default;
});
after(() => rm(dir, { recursive: true, force: true }));

test('library use: handlers resolve against the definition file, not the working directory', async (t) => {
  assert.notEqual(process.cwd(), join(dir, 'service'));
  const { urls } = await startGateway(t, definition);
  const response = await fetch(`${urls.apis[0]?.url}/`);
  assert.deepEqual([response.status, await response.text()], [200, 'service']);
});

test("the Gateway option rootDir overrides the service's", async (t) => {
  const { urls } = await startGateway(t, definition, { rootDir: join(dir, 'other') });
  const response = await fetch(`${urls.apis[0]?.url}/`);
  assert.deepEqual([response.status, await response.text()], [200, 'other']);
});
