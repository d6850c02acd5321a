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

test('an HTTP_PROXY route or HTTP method pointing at this machine is synthesized as written, with a warning', () => {
  const model = modelOf({
    apis: [
      {
        protocol: 'HTTP',
        name: 'shop',
        stage: { name: '$default', variables: {}, autoDeploy: true },
        routes: [
          {
            key: 'ANY /orders/{proxy+}',
            integration: { type: 'HTTP_PROXY', integrationUri: 'http://127.0.0.1:4000/{proxy}', integrationMethod: 'ANY' },
            payloadFormatVersion: '1.0',
            integrationTimeoutMs: 29_000,
          },
          {
            key: 'GET /status',
            integration: { type: 'HTTP_PROXY', integrationUri: 'https://status.example.com/', integrationMethod: 'GET' },
            payloadFormatVersion: '1.0',
            integrationTimeoutMs: 29_000,
          },
        ],
      },
      {
        protocol: 'REST',
        name: 'legacy',
        stage: { name: 'prod', variables: {} },
        binaryMediaTypes: [],
        resources: [
          {
            path: '/old',
            methods: [
              {
                httpMethod: 'GET',
                integration: 'HTTP_PROXY',
                integrationUri: 'http://localhost:8080/old',
                integrationHttpMethod: 'GET',
                integrationTimeoutMs: 29_000,
                methodResponses: [],
                integrationResponses: [],
              },
            ],
          },
        ],
      },
    ],
  });
  assert.deepEqual(synthesize(model, { source: 'hoplite.config.ts', code: fixedCode(model) }).warnings, [
    'route "ANY /orders/{proxy+}" of API "shop": its integration http://127.0.0.1:4000/{proxy} is on this machine, which a deployed API cannot reach',
    'method GET /old of API "legacy": its integration http://localhost:8080/old is on this machine, which a deployed API cannot reach',
  ]);
});
