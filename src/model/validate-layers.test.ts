import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issuesOf } from '../../test/helpers/model-issues.ts';
import type { ServiceModel } from './types.ts';
import { validateService } from './validate.ts';

function withLayers(): ServiceModel {
  return {
    name: 'app',
    functions: [{ name: 'hello', handler: 'app.handler', timeoutSeconds: 3, memoryMb: 128, environment: {}, policies: [], layers: ['Shared', 'Extra'] }],
    apis: [],
    tables: [],
    outputs: [],
    sites: [],
    layers: [
      { name: 'Shared', contentUri: 'layers/shared' },
      { name: 'Extra', contentUri: 'layers/extra' },
    ],
  };
}

test('layers a function names, in order: valid', () => {
  const model = withLayers();
  assert.equal(validateService(model, 'app.ts'), model);
});

test('a function naming a layer the service does not have, or one layer twice, is an error with its path', () => {
  const model = withLayers() as any;
  model.functions[0].layers = ['Shared', 'Missing', 'Shared'];
  assert.deepEqual(issuesOf(model), [
    'app.ts: functions[0].layers[1]: expected the name of a layer of this service, "Missing" is not defined',
    'app.ts: functions[0].layers[2]: expected a unique layer of the function, "Shared" is defined twice',
  ]);
});

test('layers: unique names and a folder each', () => {
  const model = withLayers() as any;
  model.layers = [{ name: 'Shared', contentUri: 'a' }, { name: 'Shared', contentUri: '' }, { name: 'bad name' }];
  model.functions[0].layers = ['Shared'];
  assert.deepEqual(issuesOf(model), [
    'app.ts: layers[1].name: expected a unique layer name, "Shared" is defined twice',
    'app.ts: layers[1].contentUri: expected a folder relative to the service, got ""',
    'app.ts: layers[2].name: expected a layer name of 1-140 letters, digits, hyphens or underscores, got "bad name"',
    'app.ts: layers[2].contentUri: expected a folder relative to the service, got nothing',
  ]);
});
