import assert from 'node:assert/strict';
import { test } from 'node:test';
import { noopPlan } from './noop-plan.ts';

test('noopPlan: uploads with sizes, resources by type, parameters with the artifact bucket, tags', () => {
  const templateBody = JSON.stringify({
    Resources: { SendFunction: { Type: 'AWS::Lambda::Function' }, SendRole: { Type: 'AWS::IAM::Role' }, ConnectFunction: { Type: 'AWS::Lambda::Function' } },
  });
  const lines = noopPlan({
    stackName: 'chat',
    region: 'us-west-2',
    bucket: 'weagle',
    templateBody,
    templateKey: 'chat/template-ab12.json',
    uploads: [{ key: 'functions/send-3f9a.zip', file: '/tmp/send.zip', bytes: 23_400_000 }],
    parameters: { Stage: 'v1' },
    tags: { team: 'chat' },
    noop: true,
  });
  assert.deepEqual(lines, [
    'Would provision stack chat in us-west-2 from bucket weagle (nothing is called: --noop)',
    'Uploads:',
    '  s3://weagle/functions/send-3f9a.zip  23.4 MB',
    `  s3://weagle/chat/template-ab12.json  ${templateBody.length} B`,
    'Resources (3):',
    '    1  AWS::IAM::Role',
    '    2  AWS::Lambda::Function',
    'Parameters:',
    '  Stage=v1',
    '  ArtifactBucket=weagle',
    'Tags:',
    '  team=chat',
  ]);
});
