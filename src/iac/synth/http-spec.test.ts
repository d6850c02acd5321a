/** Every HTTP API feature synthesizes to a template AWS's CloudFormation resource specification accepts. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EVERY_HTTP_FEATURE, serviceWith } from '../../../test/helpers/http-synth.ts';
import { checkTemplate } from '../template-check/index.ts';
import { synthesize } from './synthesize.ts';
import { fixedCode, fn } from './test-support.ts';

test('every HTTP API feature, with and without AutoDeploy: a template the specification accepts', () => {
  for (const autoDeploy of [true, false]) {
    const model = serviceWith({ ...EVERY_HTTP_FEATURE, stage: { ...EVERY_HTTP_FEATURE.stage, autoDeploy } });
    model.functions = [fn('todo'), fn('check-token')];
    const { template } = synthesize(model, { source: 'app.ts', code: fixedCode(model) });
    assert.deepEqual(checkTemplate(template, { source: 'app.ts' }), [], `autoDeploy ${autoDeploy}`);
  }
});
