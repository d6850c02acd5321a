/** describeGraph: every part of a small service as a node in its column, every link as an edge, in the model's order. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shopModel } from '../../test/fixtures/describe/shop-model.ts';
import type { ServiceModel } from '../model/index.ts';
import { describeGraph } from './graph.ts';

const edge = (from: string, to: string, kind: string, label = '', details: string[] = []) => ({ from, to, kind, label, details });

test('every API, route, authorizer, integration, function, table, plan and key is a node, in its column', () => {
  const graph = describeGraph(shopModel);
  assert.equal(graph.service, 'shop');
  assert.deepEqual(
    graph.nodes.map((node) => [node.id, node.type, node.column, node.parent ?? null]),
    [
      ['api-key:partner', 'API key', 0, null],
      ['usage-plan:basic', 'usage plan', 1, null],
      ['api:live', 'WebSocket API', 2, null],
      ['route:live:$connect', 'route', 3, 'api:live'],
      ['route:live:ping', 'route', 3, 'api:live'],
      ['integration:live:ping', 'integration', 5, null],
      ['authorizer:live:token', 'Lambda REQUEST authorizer', 4, 'api:live'],
      ['api:shop', 'REST API', 2, null],
      ['route:shop:GET /orders', 'method', 3, 'api:shop'],
      ['route:shop:POST /orders', 'method', 3, 'api:shop'],
      ['integration:shop:POST /orders', 'integration', 5, null],
      ['table:Orders', 'table', 6, null],
      ['function:orders', 'function', 5, null],
      ['connections:live', '@connections of', 6, null],
      ['function:check', 'function', 5, null],
    ],
  );
});

test('the details of functions, tables, routes and integrations', () => {
  const details = Object.fromEntries(describeGraph(shopModel).nodes.map((node) => [node.id, [node.label, ...node.details]]));
  assert.deepEqual(details['function:orders'], [
    'orders',
    'handler orders.ts#handler',
    'runtime nodejs20.x',
    'memory 256 MB',
    'timeout 6 s',
    'architecture arm64',
    'env TABLE',
  ]);
  assert.deepEqual(details['function:check'], ['check', 'handler auth.ts#check', 'runtime default', 'memory 128 MB', 'timeout 3 s', 'architecture x86_64']);
  assert.deepEqual(details['table:Orders'], ['Orders', 'partition key id (S)', 'on demand', 'global index byCustomer on customer (S), projects KEYS_ONLY']);
  assert.deepEqual(details['route:shop:GET /orders'], ['GET /orders', 'timeout 29000 ms', 'API key required']);
  assert.deepEqual(details['integration:live:ping'], ['MOCK', 'request templates $default']);
  assert.deepEqual(details['integration:shop:POST /orders'], ['HTTP_PROXY POST https://backend.example/orders']);
  assert.deepEqual(details['usage-plan:basic'], ['basic', 'quota 1000 per day']);
  assert.deepEqual(details['api-key:partner'], ['partner'], 'a key by its name only, never its value');
});

test('edges: keys to plans to API stages, APIs to routes, routes to authorizers and backends, functions to what they are granted', () => {
  assert.deepEqual(describeGraph(shopModel).edges, [
    edge('api-key:partner', 'usage-plan:basic', 'plan-key'),
    edge('usage-plan:basic', 'api:shop', 'api-stage', 'stage prod'),
    edge('api:live', 'route:live:$connect', 'route'),
    edge('route:live:$connect', 'authorizer:live:token', 'authorizer'),
    edge('route:live:$connect', 'function:orders', 'integration', 'Lambda proxy'),
    edge('api:live', 'route:live:ping', 'route'),
    edge('route:live:ping', 'integration:live:ping', 'integration'),
    edge('authorizer:live:token', 'function:check', 'invokes'),
    edge('api:shop', 'route:shop:GET /orders', 'route'),
    edge('route:shop:GET /orders', 'function:orders', 'integration', 'Lambda proxy'),
    edge('api:shop', 'route:shop:POST /orders', 'route'),
    edge('route:shop:POST /orders', 'integration:shop:POST /orders', 'integration'),
    edge('function:orders', 'table:Orders', 'grant', '2 actions', ['dynamodb:GetItem', 'dynamodb:PutItem']),
    edge('function:orders', 'connections:live', 'grant', 'execute-api:ManageConnections'),
    edge('function:orders', 'table:Orders', 'environment', 'env TABLE'),
  ]);
});

test('HTTP API: JWT and Lambda authorizers, scopes, payload versions, an HTTP_PROXY route; a grant on a literal ARN', () => {
  const model: ServiceModel = {
    name: 'api',
    functions: [
      {
        name: 'fn',
        handler: 'fn.handler',
        codeUri: 'src',
        timeoutSeconds: 3,
        memoryMb: 128,
        environment: {},
        policies: [{ actions: ['s3:GetObject'], resource: { kind: 'arn', arn: 'arn:aws:s3:::bucket/*' } }],
        layers: ['deps'],
        logRetentionDays: 14,
      },
    ],
    apis: [
      {
        protocol: 'HTTP',
        name: 'web',
        stage: { name: '$default', variables: { mode: 'dev' }, autoDeploy: false, throttling: { burstLimit: 5, rateLimit: 10 } },
        routes: [
          {
            key: 'GET /me',
            function: 'fn',
            payloadFormatVersion: '2.0',
            integrationTimeoutMs: 3000,
            authorizationType: 'JWT',
            authorizerId: 'jwt',
            authorizationScopes: ['me'],
          },
          { key: 'POST /hook', function: 'fn', payloadFormatVersion: '1.0', integrationTimeoutMs: 3000, authorizationType: 'CUSTOM', authorizerId: 'gate' },
          {
            key: '$default',
            integration: { type: 'HTTP_PROXY', integrationUri: 'https://example.com/{proxy}', integrationMethod: 'ANY' },
            payloadFormatVersion: '1.0',
            integrationTimeoutMs: 30000,
          },
        ],
        authorizers: [
          {
            name: 'jwt',
            authorizerType: 'JWT',
            identitySource: ['$request.header.Authorization'],
            jwtConfiguration: { issuer: 'https://issuer.example', audience: ['a', 'b'] },
          },
          {
            name: 'gate',
            authorizerType: 'REQUEST',
            function: 'fn',
            authorizerPayloadFormatVersion: '2.0',
            enableSimpleResponses: true,
            identitySource: ['$request.header.X-Key'],
            authorizerResultTtlInSeconds: 300,
          },
        ],
      },
    ],
    tables: [],
    outputs: [],
    sites: [{ name: 'app', dir: 'public' }],
    layers: [{ name: 'deps', contentUri: 'layers/deps' }],
  };
  const graph = describeGraph(model, { defaultRuntime: 'nodejs22.x' });
  assert.deepEqual(
    graph.nodes.map((node) => [node.id, node.type, node.label, ...node.details]),
    [
      ['api:web', 'HTTP API', 'web', 'stage $default', 'throttle 10/s, burst 5', 'stage variables mode=dev'],
      ['route:web:GET /me', 'route', 'GET /me', 'timeout 3000 ms', 'auth JWT scopes me'],
      ['route:web:POST /hook', 'route', 'POST /hook', 'timeout 3000 ms', 'auth CUSTOM'],
      ['route:web:$default', 'route', '$default', 'timeout 30000 ms'],
      ['integration:web:$default', 'integration', 'HTTP_PROXY ANY https://example.com/{proxy}'],
      [
        'authorizer:web:jwt',
        'JWT authorizer',
        'jwt',
        'issuer https://issuer.example',
        'audience a, b',
        'identity $request.header.Authorization',
        'used by GET /me',
      ],
      [
        'authorizer:web:gate',
        'Lambda REQUEST authorizer',
        'gate',
        'identity $request.header.X-Key',
        'payload 2.0',
        'simple responses',
        'cache 300 s',
        'used by POST /hook',
      ],
      ['site:app', 'site', 'app', 'folder public'],
      ['layer:deps', 'layer', 'deps', 'content layers/deps'],
      [
        'function:fn',
        'function',
        'fn',
        'handler fn.handler',
        'code src',
        'runtime nodejs22.x (default)',
        'memory 128 MB',
        'timeout 3 s',
        'architecture x86_64',
        'log retention 14 days',
      ],
      ['arn:arn%3Aaws%3As3%3A%3A%3Abucket/*', 'ARN', 'arn:aws:s3:::bucket/*'],
    ],
  );
  assert.deepEqual(
    graph.edges.filter((one) => one.kind !== 'route'),
    [
      edge('route:web:GET /me', 'authorizer:web:jwt', 'authorizer'),
      edge('route:web:GET /me', 'function:fn', 'integration', 'Lambda proxy, payload 2.0'),
      edge('route:web:POST /hook', 'authorizer:web:gate', 'authorizer'),
      edge('route:web:POST /hook', 'function:fn', 'integration', 'Lambda proxy, payload 1.0'),
      edge('route:web:$default', 'integration:web:$default', 'integration'),
      edge('authorizer:web:gate', 'function:fn', 'invokes'),
      edge('function:fn', 'arn:arn%3Aaws%3As3%3A%3A%3Abucket/*', 'grant', 's3:GetObject'),
      edge('function:fn', 'layer:deps', 'layer'),
    ],
  );
});

test('names with colons and percent signs give distinct node ids', () => {
  const route = (key: string) => ({ key, function: 'f', integrationTimeoutMs: 29000 });
  const websocket = (name: string, key: string) => ({
    protocol: 'WEBSOCKET' as const,
    name,
    routeSelectionExpression: '$request.body.action',
    stage: { name: 'v1', variables: {} },
    routes: [route(key)],
  });
  const model: ServiceModel = {
    name: 's',
    functions: [{ name: 'f', handler: 'f.h', timeoutSeconds: 3, memoryMb: 128, environment: {}, policies: [] }],
    apis: [websocket('a:b', 'c'), websocket('a', 'b:c'), websocket('a', 'b%3Ac')],
    tables: [],
    outputs: [],
    sites: [],
  };
  const routes = describeGraph(model).nodes.filter((node) => node.kind === 'route');
  assert.deepEqual(
    routes.map((node) => node.id),
    ['route:a%3Ab:c', 'route:a:b%3Ac', 'route:a:b%253Ac'],
  );
});

test('the same model gives the same graph, and describing does not change the model', () => {
  const before = JSON.stringify(shopModel);
  assert.equal(JSON.stringify(describeGraph(shopModel)), JSON.stringify(describeGraph(structuredClone(shopModel))));
  assert.equal(JSON.stringify(shopModel), before);
});
