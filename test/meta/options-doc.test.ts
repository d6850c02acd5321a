/** docs/options.md is rendered from the options schema: a change to one without the other fails here. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderOptionsDoc } from '../../src/options/index.ts';

test('docs/options.md is what the options schema renders (npm run docs:options writes it)', () => {
  const file = readFileSync(new URL('../../docs/options.md', import.meta.url), 'utf8');
  assert.equal(file, renderOptionsDoc());
});
