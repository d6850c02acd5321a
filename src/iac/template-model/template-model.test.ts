/** templateModel: each small template of the fixture table mapped to its exact model, warnings and inline code. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CASES } from '../../../test/fixtures/template-model/cases.ts';
import { EXPECTED } from '../../../test/fixtures/template-model/expected.ts';
import { validateService } from '../../model/index.ts';
import { parseTemplate } from '../cloudformation/index.ts';
import type { EnvironmentOverrides } from './environment-overrides.ts';
import { templateModel } from './template-model.ts';

for (const { name, template, options } of CASES) {
  test(name, () => {
    const { model, warnings, inlineCode } = templateModel(parseTemplate(template, 't.yaml'), options as { environmentOverrides?: EnvironmentOverrides });
    const { functions, apis, tables, outputs, apiKeys, usagePlans, layers } = model;
    assert.deepEqual(
      {
        functions,
        apis,
        tables,
        outputs,
        ...(apiKeys ? { apiKeys } : {}),
        ...(usagePlans ? { usagePlans } : {}),
        ...(layers ? { layers } : {}),
        warnings: warnings.map((w) => `${w.location} ${w.path}: ${w.message}`),
        inlineCode,
      },
      EXPECTED[name],
    );
    // Every model the importer makes is one the gateway accepts.
    validateService({ ...model, rootDir: '/app' }, 't.yaml');
  });
}

test('the fixture table covers at least 20 templates', () => {
  assert.ok(CASES.length >= 20, String(CASES.length));
  assert.deepEqual(
    Object.keys(EXPECTED),
    CASES.map((entry) => entry.name),
  );
});
