/** Seed 003's REST example synthesized: its resources byte-compared with a golden reviewed against AWS's documentation (`UPDATE_GOLDENS=1` rewrites it). */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadService } from '../../cli/load-service.ts';
import { TemplateBuilder } from './builder.ts';
import { synthesizeRestApi } from './rest-api.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const GOLDEN = `${root}test/fixtures/synth/rest-location.rest.json`;

test('seed 003: examples/rest-location synthesizes to the golden REST resources, Location header mapping included', async () => {
  const { model } = await loadService('examples/rest-location/hoplite.config.ts', root);
  const source = 'examples/rest-location/hoplite.config.ts';
  const builder = new TemplateBuilder(model.name, source);
  const context = {
    model,
    builder,
    options: { source, code: (name: string) => ({ s3Key: `functions/${name}.zip`, handler: 'index.handler', assetPath: name }) },
  };
  for (const api of model.apis) if (api.protocol === 'REST') synthesizeRestApi(context, api);
  const actual = `${JSON.stringify(builder.toTemplate().Resources, null, 2)}\n`;
  if (process.env.UPDATE_GOLDENS === '1') await writeFile(GOLDEN, actual);
  assert.equal(actual, await readFile(GOLDEN, 'utf8'));
});
