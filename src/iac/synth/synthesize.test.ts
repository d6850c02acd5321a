import assert from 'node:assert/strict';
import { test } from 'node:test';
import { synthesize } from './synthesize.ts';
import { fixedCode, fn, modelOf } from './test-support.ts';

test("the template in a fixed order: the bucket parameter, tables, each function's parts, APIs, permissions, outputs", () => {
  const model = modelOf({
    functions: [fn('echo')],
    tables: [{ name: 'things', partitionKey: { name: 'id', type: 'S' }, billing: { mode: 'PAY_PER_REQUEST' } }],
    apis: [
      {
        protocol: 'WEBSOCKET',
        name: 'ws',
        routeSelectionExpression: '$request.body.action',
        stage: { name: 'dev', variables: {} },
        routes: [{ key: '$default', function: 'echo', integrationTimeoutMs: 29000 }],
      },
    ],
    outputs: [{ name: 'Url', description: 'the URL', value: { kind: 'websocket-url', api: 'ws' } }],
  });
  const { template, warnings } = synthesize(model, { source: 'hoplite.config.ts', code: fixedCode(model) });
  assert.deepEqual(template.Parameters, { ArtifactBucket: { Type: 'String', Description: 'The S3 bucket that holds the function bundles' } });
  assert.deepEqual(
    Object.keys(template.Resources).map((id) => id.replace(/Deployment[0-9a-f]{10}$/, 'Deployment')),
    [
      'ThingsTable',
      'EchoLogGroup',
      'EchoRole',
      'EchoFunction',
      'WsApi',
      'WsDefaultIntegration',
      'WsDefaultRoute',
      'WsDeployment',
      'WsStage',
      'EchoWsPermission',
    ],
  );
  assert.deepEqual(Object.keys(template.Outputs ?? {}), ['Url']);
  assert.deepEqual(warnings, []);
});

test('sites are not shipped: a warning names each one', () => {
  const model = modelOf({
    sites: [
      { name: 'web', dir: 'public' },
      { name: 'admin', dir: 'admin/dist' },
    ],
  });
  assert.deepEqual(synthesize(model, { source: 'hoplite.config.ts', code: fixedCode(model) }).warnings, [
    'site "web" (public) is not shipped: host its files yourself (S3 and CloudFront, for one)',
    'site "admin" (admin/dist) is not shipped: host its files yourself (S3 and CloudFront, for one)',
  ]);
});
