/**
 * Every example's template, byte-compared with test/fixtures/synth/<example>.template.json (reviewed by hand against
 * the CloudFormation reference once) and checked against AWS's resource specification. After an intended change,
 * rewrite them with `UPDATE_GOLDENS=1 node scripts/run-tests.mjs src/iac/synth/goldens` and review the diff.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadService } from '../../cli/load-service.ts';
import { checkTemplate } from '../template-check/index.ts';
import { synthesize } from './synthesize.ts';
import { templateText } from './template.ts';
import { fixedCode } from './test-support.ts';

/** Each example's entry: the TypeScript builder's, a SAM template's and a serverless.yml's. */
const EXAMPLES: Record<string, string> = {
  chat: 'examples/chat/hoplite.config.ts',
  'chat-auth': 'examples/chat-auth/hoplite.config.ts',
  todo: 'examples/todo/hoplite.config.ts',
  'todo-auth': 'examples/todo-auth/hoplite.config.ts',
  'rest-location': 'examples/rest-location/hoplite.config.ts',
  'chat-sam': 'examples/chat-sam/template.yaml',
  'serverless-chat': 'examples/serverless-chat/serverless.yml',
};

for (const [example, entry] of Object.entries(EXAMPLES)) {
  test(`examples/${example} synthesizes to its golden template, the same bytes every time, one the specification accepts`, async () => {
    const { model, displayPath } = await loadService(entry, process.cwd());
    const synthesized = () => synthesize(model, { source: displayPath, code: fixedCode(model) });
    const { template } = synthesized();
    const text = templateText(template);
    assert.equal(templateText(synthesized().template), text);
    assert.deepEqual(checkTemplate(template, { source: displayPath }), []);
    const golden = `test/fixtures/synth/${example}.template.json`;
    if (process.env.UPDATE_GOLDENS === '1') writeFileSync(golden, text);
    assert.equal(text, readFileSync(golden, 'utf8'));
  });
}

test("what is not shipped is said: the todo example's web client", async () => {
  const { model, displayPath } = await loadService(EXAMPLES.todo as string, process.cwd());
  assert.deepEqual(synthesize(model, { source: displayPath, code: fixedCode(model) }).warnings, [
    'site "web" (web) is not shipped: host its files yourself (S3 and CloudFront, for one)',
  ]);
});
