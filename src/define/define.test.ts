import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateService } from '../model/validate.ts';
import { fn, isServiceDefinition, ServiceDefinition, service, table, websocketApi } from './index.ts';

test('the builder produces a plain, valid model with defaults', () => {
  const send = fn('send', { handler: 'h.ts#send', environment: { A: '1' } });
  const api = websocketApi({ name: 'chat', routeSelectionExpression: '$request.body.action', stage: { name: 'v1', variables: { x: 'y' } } })
    .route('send', send, { routeResponse: true, integrationTimeoutMs: 3000 })
    .route('$default', send);
  const model = validateService(service('svc', { apis: [api], tables: [table('todos', { partitionKey: { name: 'pk', type: 'S' } })] }).toModel(), 'x');
  assert.deepEqual(model, {
    name: 'svc',
    functions: [{ name: 'send', handler: 'h.ts#send', timeoutSeconds: 3, memoryMb: 128, environment: { A: '1' }, policies: [] }],
    apis: [
      {
        protocol: 'WEBSOCKET',
        name: 'chat',
        routeSelectionExpression: '$request.body.action',
        stage: { name: 'v1', variables: { x: 'y' } },
        routes: [
          { key: 'send', function: 'send', routeResponseSelectionExpression: '$default', integrationTimeoutMs: 3000 },
          { key: '$default', function: 'send', integrationTimeoutMs: 29_000 },
        ],
      },
    ],
    tables: [{ name: 'todos', partitionKey: { name: 'pk', type: 'S' }, billing: { mode: 'PAY_PER_REQUEST' } }],
    outputs: [],
    sites: [],
  });
  assert.equal(JSON.stringify(JSON.parse(JSON.stringify(model))), JSON.stringify(model), 'the model is plain data');
});

test("Sparta's connection-table decorator: table, environment, DynamoDB grants and the wss:// output", () => {
  const connect = fn('connect', { handler: 'h.ts#connect' });
  const other = fn('other', { handler: 'h.ts#other' });
  const api = websocketApi({ name: 'chat', routeSelectionExpression: '$request.body.message', stage: 'v1' }).route('$connect', connect);
  const decorator = api.connectionTable({ envKey: 'TABLE_NAME', attribute: 'connectionID', readCapacity: 5, writeCapacity: 6 });
  decorator.annotate([connect]);
  const model = service('svc', { apis: [api], functions: [other] }).toModel();
  assert.deepEqual(model.tables, [
    { name: 'chat-connections', partitionKey: { name: 'connectionID', type: 'S' }, billing: { mode: 'PROVISIONED', readCapacity: 5, writeCapacity: 6 } },
  ]);
  const connectModel = model.functions.find((f) => f.name === 'connect');
  assert.equal(connectModel?.environment.TABLE_NAME, 'chat-connections');
  assert.deepEqual(
    connectModel?.policies.map((p) => p.resource),
    [{ kind: 'table', table: 'chat-connections' }],
  );
  assert.deepEqual(model.functions.find((f) => f.name === 'other')?.environment, {});
  assert.deepEqual(model.outputs, [{ name: 'APIGatewayURL', description: 'API Gateway Websocket URL', value: { kind: 'websocket-url', api: 'chat' } }]);
});

test('HTTP-1 HTTP-4 httpApi: stage settings, CORS, per-route overrides, and sites', async () => {
  const { httpApi, site } = await import('./index.ts');
  const todo = fn('todo', { handler: 'h.ts#handler' });
  const api = httpApi({
    name: 'todo',
    stage: { name: 'v1', throttling: { burstLimit: 10, rateLimit: 50 }, variables: { a: 'b' } },
    cors: { allowOrigins: ['*'], allowMethods: ['GET'], maxAge: 7200 },
  })
    .route('GET /todos', todo, { integrationTimeoutMs: 3000 })
    .route('$default', todo, { payloadFormatVersion: '1.0', throttling: { burstLimit: 1, rateLimit: 1 } });
  const model = validateService(service('todo', { apis: [api], sites: [site('web', { dir: 'web' })] }).toModel(), 'x');
  assert.deepEqual(model.apis[0], {
    protocol: 'HTTP',
    name: 'todo',
    stage: { name: 'v1', variables: { a: 'b' }, autoDeploy: true, throttling: { burstLimit: 10, rateLimit: 50 } },
    routes: [
      { key: 'GET /todos', function: 'todo', payloadFormatVersion: '2.0', integrationTimeoutMs: 3000 },
      { key: '$default', function: 'todo', payloadFormatVersion: '1.0', integrationTimeoutMs: 30_000, throttling: { burstLimit: 1, rateLimit: 1 } },
    ],
    cors: { allowOrigins: ['*'], allowMethods: ['GET'], allowHeaders: [], exposeHeaders: [], allowCredentials: false, maxAgeSeconds: 7200 },
  });
  assert.deepEqual(model.sites, [{ name: 'web', dir: 'web' }]);
  assert.deepEqual(httpApi({ name: 'x' }).toModel().stage, { name: '$default', variables: {}, autoDeploy: true });
});

test('isServiceDefinition recognises a definition made by another instance of the module, and nothing else', async () => {
  // A second module instance, as a definition file loaded through tsx's scoped loader gets.
  const other = (await import(`./service.ts?instance=${Date.now()}`)) as typeof import('./service.ts');
  const options = { functions: [fn('f', { handler: 'h.ts#f' })] };
  const foreign = other.service('svc', options);
  assert.notEqual(other.ServiceDefinition, ServiceDefinition);
  assert.equal(foreign instanceof ServiceDefinition, false);
  assert.equal(isServiceDefinition(foreign), true);
  assert.equal(other.isServiceDefinition(service('svc')), true);
  assert.deepEqual(foreign.toModel(), service('svc', options).toModel());
  for (const value of [undefined, null, 'svc', { name: 'svc', toModel: () => ({}) }, { ...service('svc') }]) {
    assert.equal(isServiceDefinition(value), false, `${JSON.stringify(value)}`);
  }
});
