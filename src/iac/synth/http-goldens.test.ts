/**
 * The HTTP API resources of examples/todo and examples/todo-auth, byte-compared with their goldens (reviewed by hand
 * against AWS's CloudFormation reference). `UPDATE_GOLDENS=1` writes them anew.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { synthesizeHttpApis } from '../../../test/helpers/http-synth.ts';
import { loadService } from '../../cli/load-service.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

for (const example of ['todo', 'todo-auth']) {
  test(`examples/${example}: the HTTP API resources equal test/fixtures/synth/${example}.http.json`, async () => {
    const { model } = await loadService('hoplite.config.ts', `${root}examples/${example}`);
    const text = `${JSON.stringify(synthesizeHttpApis(model, `examples/${example}/hoplite.config.ts`), null, 2)}\n`;
    const golden = `${root}test/fixtures/synth/${example}.http.json`;
    if (process.env.UPDATE_GOLDENS === '1') await writeFile(golden, text);
    assert.equal(text, await readFile(golden, 'utf8'));
  });
}
