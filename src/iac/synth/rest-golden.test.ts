/** Seed 003's REST example synthesized: its resources byte-compared with a golden reviewed against AWS's documentation (`UPDATE_GOLDENS=1` rewrites it). */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadService } from '../../cli/load-service.ts';
import { TemplateBuilder } from './builder.ts';
import { synthesizeRestApi } from './rest-api.ts';

/** JSON with two-space indents and lists of plain values on one line: the form the repository's formatter keeps. */
function goldenJson(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
    return `[\n${value.map((item) => inner + goldenJson(item, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${goldenJson(item, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
const GOLDEN = `${root}test/fixtures/synth/rest-location.rest.json`;

test('seed 003: examples/rest-location synthesizes to the golden REST resources, Location header mapping included', async () => {
  const { model } = await loadService('examples/rest-location/hoplite.config.ts', root);
  const source = 'examples/rest-location/hoplite.config.ts';
  const builder = new TemplateBuilder(model.name, source);
  const context = {
    model,
    builder,
    warnings: [] as string[],
    options: { source, code: (name: string) => ({ s3Key: `functions/${name}.zip`, handler: 'index.handler', assetPath: name }) },
  };
  for (const api of model.apis) if (api.protocol === 'REST') synthesizeRestApi(context, api);
  const actual = `${goldenJson(builder.toTemplate().Resources)}\n`;
  if (process.env.UPDATE_GOLDENS === '1') await writeFile(GOLDEN, actual);
  assert.equal(actual, await readFile(GOLDEN, 'utf8'));
});
