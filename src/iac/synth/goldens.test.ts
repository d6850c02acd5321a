/**
 * The examples' templates, byte-compared with test/fixtures/synth/<example>.template.json (reviewed by hand against
 * the CloudFormation reference once). After an intended change, rewrite them with
 * `UPDATE_GOLDENS=1 node scripts/run-tests.mjs src/iac/synth/goldens` and review the diff.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadService } from '../../cli/load-service.ts';
import { synthesize } from './synthesize.ts';
import { templateText } from './template.ts';
import { fixedCode } from './test-support.ts';

const EXAMPLES = ['chat', 'chat-auth'];

for (const example of EXAMPLES) {
  test(`examples/${example} synthesizes to its golden template, the same bytes every time`, async () => {
    const { model, displayPath } = await loadService(`examples/${example}/hoplite.config.ts`, process.cwd());
    const synthesized = () => synthesize(model, { source: displayPath, code: fixedCode(model) });
    const { template, warnings } = synthesized();
    const text = templateText(template);
    assert.equal(templateText(synthesized().template), text);
    assert.deepEqual(warnings, []);
    const golden = `test/fixtures/synth/${example}.template.json`;
    if (process.env.UPDATE_GOLDENS === '1') writeFileSync(golden, text);
    assert.equal(text, readFileSync(golden, 'utf8'));
  });
}
