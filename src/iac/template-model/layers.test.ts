/** Layer resources and a function's Layers that cannot run locally: errors naming file:line:column, the resource and the property. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTemplate } from '../cloudformation/index.ts';
import { templateModel } from './template-model.ts';

const FUNCTION = (layers: string) =>
  `  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Runtime: nodejs22.x\n      Layers:\n${layers}`;
const SAM_LAYER = '  Shared:\n    Type: AWS::Serverless::LayerVersion\n    Properties:\n      ContentUri: layers/shared\n';

const ERRORS: Array<[name: string, template: string, message: string]> = [
  [
    'a SAM layer in S3',
    'Resources:\n  Shared:\n    Type: AWS::Serverless::LayerVersion\n    Properties:\n      ContentUri: s3://bucket/layer.zip\n',
    't.yaml:5:19: Resources.Shared.Properties.ContentUri: Shared: ContentUri: expected a local folder relative to the template, holding nodejs/node_modules (S3 locations cannot be read locally), got "s3://bucket/layer.zip"',
  ],
  [
    'a SAM layer without ContentUri',
    'Resources:\n  Shared:\n    Type: AWS::Serverless::LayerVersion\n    Properties:\n      LayerName: shared\n',
    't.yaml:4:5: Resources.Shared.Properties: Shared: ContentUri is required; expected a local folder relative to the template, holding nodejs/node_modules (S3 locations cannot be read locally)',
  ],
  [
    'a Lambda layer in S3 without an asset path',
    'Resources:\n  Shared:\n    Type: AWS::Lambda::LayerVersion\n    Properties:\n      Content:\n        S3Bucket: b\n        S3Key: k\n',
    't.yaml:5:7: Resources.Shared.Properties.Content: Shared: Content: expected a local folder relative to the template, holding nodejs/node_modules (S3 locations cannot be read locally); an S3 object (S3Bucket, S3Key) is read locally only with Metadata aws:asset:path naming its folder',
  ],
  [
    'Layers naming a resource that is no layer',
    `Resources:\n${FUNCTION('        - !Ref Fn\n')}`,
    't.yaml:8:16: Resources.Fn.Properties.Layers[0]: Fn: Layers: expected !Ref to an AWS::Serverless::LayerVersion or AWS::Lambda::LayerVersion of this template, or a layer version ARN',
  ],
  [
    "Globals' Layers naming a layer's attribute",
    `Globals:\n  Function:\n    Layers:\n      - !GetAtt Shared.Arn\nResources:\n${SAM_LAYER}${FUNCTION('        - !Ref Shared\n')}`,
    't.yaml:4:17: Globals.Function.Layers[0]: Fn: Layers: expected !Ref to an AWS::Serverless::LayerVersion or AWS::Lambda::LayerVersion of this template, or a layer version ARN',
  ],
];

for (const [name, template, message] of ERRORS) {
  test(`${name} is an error at its place`, () => {
    assert.throws(() => templateModel(parseTemplate(template, 't.yaml')), { code: 'HOPLITE_ERR_CONFIG_INVALID', message });
  });
}

test("a layer folder that does not exist is an error at the layer's ContentUri", () => {
  const template = `Resources:\n${SAM_LAYER}`;
  const asked: string[] = [];
  const directoryExists = (path: string) => {
    asked.push(path);
    return false;
  };
  assert.throws(() => templateModel(parseTemplate(template, 't.yaml'), { directoryExists }), {
    code: 'HOPLITE_ERR_CONFIG_INVALID',
    message:
      "t.yaml:5:19: Resources.Shared.Properties.ContentUri: Shared: ContentUri: no folder layers/shared beside the template; expected the layer's content, with its packages in nodejs/node_modules",
  });
  assert.deepEqual(asked, ['layers/shared']);
  assert.deepEqual(templateModel(parseTemplate(template, 't.yaml'), { directoryExists: () => true }).model.layers, [
    { name: 'Shared', contentUri: 'layers/shared' },
  ]);
});
