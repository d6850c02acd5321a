/** A synthesized AWS::Lambda::Function runs from its asset folder, as SAM CLI runs CDK's output; S3 code without it stays an error. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTemplate } from '../cloudformation/index.ts';
import { templateModel } from './template-model.ts';

const template = (metadata: string) =>
  [
    'Parameters:',
    '  ArtifactBucket: {Type: String, Default: bucket}',
    'Resources:',
    '  Fn:',
    '    Type: AWS::Lambda::Function',
    '    Properties:',
    '      Runtime: nodejs22.x',
    '      Handler: index.handler',
    '      Code: {S3Bucket: !Ref ArtifactBucket, S3Key: functions/fn-0123.zip}',
    metadata,
  ].join('\n');

const mapped = (metadata: string) => templateModel(parseTemplate(template(metadata), 't.yaml')).model;

test('Code in S3 with aws:asset:path runs from that folder, relative to the template', () => {
  const { functions } = mapped("    Metadata: {'aws:asset:path': assets/fn/, 'aws:asset:property': Code}");
  assert.deepEqual(
    functions.map((fn) => [fn.name, fn.codeUri, fn.handler]),
    [['Fn', 'assets/fn', 'index.handler']],
  );
});

test('without the metadata, or with it for another property, Code in S3 is an error naming the property', () => {
  const expected = /^t\.yaml:9:7: Resources\.Fn\.Properties\.Code: Fn: Code: expected a local folder/;
  assert.throws(() => mapped(''), { message: expected });
  assert.throws(() => mapped("    Metadata: {'aws:asset:path': assets/fn, 'aws:asset:property': Layers}"), { message: expected });
});

test('an asset path that is not a folder is an error naming the metadata', () => {
  assert.throws(() => mapped("    Metadata: {'aws:asset:path': 3, 'aws:asset:property': Code}"), {
    message: /Resources\.Fn\.Metadata\.aws:asset:path: Fn: aws:asset:path: expected the bundle's folder, relative to the template/,
  });
});
