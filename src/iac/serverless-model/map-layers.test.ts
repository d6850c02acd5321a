/** `layers` and a function's `layers: [{ Ref: <Name>LambdaLayer }]` → the model's layers and each function's layer names. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layerLogicalId } from '../serverless/normalise-layers.ts';
import { mappingError, mapText, warningsOf, yaml } from './test-support.ts';

const LAYERS = 'layers:\n  shared:\n    path: layers/shared/\n    compatibleRuntimes: [nodejs22.x]\n  my-utils_v2:\n    path: layers/utils\n';
const ARN = 'arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension:53';

test("the Framework's logical id of a layer: its key normalised, then LambdaLayer", () => {
  assert.deepEqual([layerLogicalId('shared'), layerLogicalId('my-utils_v2')], ['SharedLambdaLayer', 'MyDashutilsUnderscorev2LambdaLayer']);
});

test('layers by key; a function names them through Ref, in order; a published layer ARN warns once', () => {
  const functions = `functions:\n  hello:\n    handler: src/hello.handler\n    layers:\n      - { Ref: MyDashutilsUnderscorev2LambdaLayer }\n      - !Ref SharedLambdaLayer\n      - ${ARN}\n  bye:\n    handler: src/bye.handler\n    layers: [${ARN}]\n`;
  const text = yaml('', `${LAYERS}${functions}`);
  const { model } = mapText(text);
  assert.deepEqual(model.layers, [
    { name: 'shared', contentUri: 'layers/shared' },
    { name: 'my-utils_v2', contentUri: 'layers/utils' },
  ]);
  assert.deepEqual(
    model.functions.map((fn) => [fn.name, fn.layers]),
    [
      ['chat-dev-hello', ['my-utils_v2', 'shared']],
      ['chat-dev-bye', undefined],
    ],
  );
  assert.deepEqual(warningsOf(text), [
    `serverless.yml:16:9: functions.hello.layers.2: layer ${ARN} is a published layer, which cannot be run locally: ignored, so its packages are not found unless the service ships them`,
    'serverless.yml:7:25: layers.shared.compatibleRuntimes: layer compatibleRuntimes is not used locally; ignored',
  ]);
});

test('a Ref to no layer of the service, and a layer without a path, are errors at their place', () => {
  assert.equal(
    mappingError(yaml('', `${LAYERS}functions:\n  hello:\n    handler: src/hello.handler\n    layers:\n      - Ref: OtherLambdaLayer\n`)),
    "serverless.yml:14:9: functions.hello.layers.0: expected { Ref: <Name>LambdaLayer } naming a layer of this service's layers (SharedLambdaLayer, MyDashutilsUnderscorev2LambdaLayer), got OtherLambdaLayer",
  );
  assert.equal(
    mappingError(yaml('', 'layers:\n  shared:\n    package:\n      artifact: layer.zip\n')),
    'serverless.yml:7:7: layers.shared.package: expected path: the local folder of the layer, holding nodejs/node_modules (a packaged artifact is not read)',
  );
});

test('provider.layers are the layers of every function that lists none of its own, as the Framework compiles them', () => {
  const provider = '  layers:\n    - { Ref: SharedLambdaLayer }\n';
  const functions =
    'functions:\n  hello:\n    handler: src/hello.handler\n  bye:\n    handler: src/bye.handler\n    layers:\n      - { Ref: MyDashutilsUnderscorev2LambdaLayer }\n';
  const { model } = mapText(yaml(provider, `${LAYERS}${functions}`));
  assert.deepEqual(
    model.functions.map((fn) => [fn.name, fn.layers]),
    [
      ['chat-dev-hello', ['shared']],
      ['chat-dev-bye', ['my-utils_v2']],
    ],
  );
});
