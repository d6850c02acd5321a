import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError } from '../errors.ts';
import type { WebSocketApiModel } from '../model/types.ts';
import { validateService } from '../model/validate.ts';
import { derivedApiKeyValue } from './api-key.ts';
import { apiKey, fn, httpApi, isServiceDefinition, restApi, ServiceDefinition, service, table, websocketApi } from './index.ts';

test('the builder produces a plain, valid model with defaults', () => {
  const send = fn('send', { handler: 'h.ts#send', environment: { A: '1' } });
  const api = websocketApi({ name: 'chat', routeSelectionExpression: '$request.body.action', stage: { name: 'v1', variables: { x: 'y' } } })
    .route('send', send, { routeResponse: true, integrationTimeoutMs: 3000 })
    .route('$default', send);
  const model = validateService(service('svc', { apis: [api], tables: [table('todos', { partitionKey: { name: 'pk', type: 'S' } })] }).toModel(), 'x');
  assert.deepEqual(model, {
    name: 'svc',
    rootDir: import.meta.dirname,
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
    {
      name: 'chat-connections',
      partitionKey: { name: 'connectionID', type: 'S' },
      billing: { mode: 'PROVISIONED', readCapacity: 5, writeCapacity: 6 },
      serverSideEncryption: true,
    },
  ]);
  const connectModel = model.functions.find((f) => f.name === 'connect');
  assert.equal(connectModel?.environment.TABLE_NAME, 'chat-connections');
  assert.deepEqual(connectModel?.environmentRefs, { TABLE_NAME: { kind: 'table', table: 'chat-connections' } });
  assert.deepEqual(
    connectModel?.policies.map((p) => p.resource),
    [{ kind: 'table', table: 'chat-connections' }],
  );
  assert.deepEqual(model.functions.find((f) => f.name === 'other')?.environment, {});
  assert.deepEqual(model.outputs, [{ name: 'APIGatewayURL', description: 'API Gateway Websocket URL', value: { kind: 'websocket-url', api: 'chat' } }]);
});

test("a table in a function's environment is its name locally, and a reference to the table for synthesis", () => {
  const items = table('items', { partitionKey: { name: 'id', type: 'S' } });
  const model = service('svc', { functions: [fn('f', { handler: 'h.ts#f', environment: { TABLE: items, MODE: 'x' } })], tables: [items] }).toModel();
  assert.deepEqual(model.functions[0]?.environment, { TABLE: 'items', MODE: 'x' });
  assert.deepEqual(model.functions[0]?.environmentRefs, { TABLE: { kind: 'table', table: 'items' } });
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

test('the same fn() on several routes, or two fn() calls with one name and the same settings, is one function', () => {
  const echo = fn('echo', { handler: 'a.ts#echo' });
  const api = httpApi({ name: 'api' })
    .route('GET /a', echo)
    .route('GET /b', echo)
    .route('GET /c', fn('echo', { handler: 'a.ts#echo' }));
  const model = service('svc', { apis: [api], functions: [echo] }).toModel();
  assert.deepEqual(
    model.functions.map((f) => [f.name, f.handler]),
    [['echo', 'a.ts#echo']],
  );
});

test('two different functions sharing a name are a definition error naming both handlers and where each is used', () => {
  const api = httpApi({ name: 'api' })
    .route('GET /a', fn('echo', { handler: 'a.ts#echo' }))
    .route('GET /b', fn('echo', { handler: 'a.ts#getItem' }));
  const definition = service('svc', { apis: [api] });
  assert.throws(
    () => definition.toModel(),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.code, 'HOPLITE_ERR_CONFIG_INVALID');
      assert.equal(error.source, 'src/define/define.test.ts');
      assert.deepEqual(error.issues, [
        {
          path: 'apis[0].routes[1].function',
          message:
            'expected one function per name, got two different functions named "echo": handler "a.ts#echo" (apis[0].routes[0], route "GET /a") and handler "a.ts#getItem" (apis[0].routes[1], route "GET /b"); give each its own name, or use the same fn() in both places',
        },
      ]);
      return true;
    },
  );
});

test('a name shared across the functions option, WebSocket routes and REST methods is reported once per extra definition', () => {
  const ws = websocketApi({ name: 'ws', routeSelectionExpression: '$request.body.action', stage: 'v1' }).route('$default', fn('f', { handler: 'b.ts#ws' }));
  const rest = restApi({ name: 'rest', stage: 'prod' });
  const restFn = fn('f', { handler: 'b.ts#rest' });
  rest.resource('/x').method('GET', restFn).method('POST', restFn);
  const definition = service('svc', { functions: [fn('f', { handler: 'b.ts#plain' })], apis: [ws, rest] });
  assert.throws(
    () => definition.toModel(),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(
        error.issues.map((issue) =>
          issue.message.replace(/^expected one function per name, got two different functions named "f": /, '').replace(/; give .*$/, ''),
        ),
        [
          'handler "b.ts#plain" (functions[0], functions option) and handler "b.ts#ws" (apis[0].routes[0], route "$default")',
          'handler "b.ts#plain" (functions[0], functions option) and handler "b.ts#rest" (apis[1].resources[0].methods[0], method "GET /x")',
        ],
      );
      assert.deepEqual(
        error.issues.map((issue) => issue.path),
        ['apis[0].routes[0].function', 'apis[1].resources[0].methods[0].function'],
      );
      return true;
    },
  );
});

test('rootDir defaults to the folder of the file that called service(), and an explicit rootDir overrides it, relative to that folder', () => {
  assert.equal(service('svc').toModel().rootDir, import.meta.dirname);
  assert.equal(service('svc', { rootDir: '../fixtures' }).toModel().rootDir, join(import.meta.dirname, '..', 'fixtures'));
  assert.equal(service('svc', { rootDir: '/srv/app' }).toModel().rootDir, '/srv/app');
});

test('rootDir of a definition is its own folder, not the working directory, for a .ts file loaded through tsx and a .mjs file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hoplite-rootdir-'));
  try {
    const hoplite = JSON.stringify(fileURLToPath(new URL('../index.ts', import.meta.url)));
    const body = (name: string) => `import { fn, httpApi, service } from ${hoplite};
export default service('${name}', { apis: [httpApi({ name: 'api' }).route('GET /', fn('f', { handler: 'app.mjs#handler' }))] });
`;
    await mkdir(join(dir, 'typed'));
    await mkdir(join(dir, 'plain'));
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    await writeFile(join(dir, 'typed', 'service.ts'), `const typed: string = 'typed';\n${body('typed')}`);
    await writeFile(join(dir, 'plain', 'service.mjs'), body('plain'));
    const { tsImport } = await import('tsx/esm/api');
    const typed = (await tsImport(pathToFileURL(join(dir, 'typed', 'service.ts')).href, import.meta.url)) as { default: ServiceDefinition };
    const plain = (await import(pathToFileURL(join(dir, 'plain', 'service.mjs')).href)) as { default: ServiceDefinition };
    assert.notEqual(process.cwd(), join(dir, 'typed'));
    assert.equal(typed.default.toModel().rootDir, join(dir, 'typed'));
    assert.equal(plain.default.toModel().rootDir, join(dir, 'plain'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('THR-2 restApi(): stage throttling and a method option become the model; absent, neither appears', () => {
  const rest = restApi({ name: 'rest', stage: { name: 'prod', throttling: { burstLimit: 10, rateLimit: 50 } } });
  const f = fn('f', { handler: 'a.ts#f' });
  rest
    .resource('/a')
    .method('GET', f, { throttling: { burstLimit: 1, rateLimit: 2 } })
    .method('POST', f);
  const model = rest.toModel();
  assert.deepEqual(model.stage, { name: 'prod', variables: {}, throttling: { burstLimit: 10, rateLimit: 50 } });
  assert.deepEqual(
    model.resources[0]?.methods.map((method) => method.throttling),
    [{ burstLimit: 1, rateLimit: 2 }, undefined],
  );
  assert.equal('throttling' in (model.resources[0]?.methods[1] ?? {}), false);
  assert.equal('throttling' in restApi({ name: 'plain', stage: 'prod' }).toModel().stage, false);
});

test('a builder called without its options object is a definition error naming the call, the file and line, and what it expects', () => {
  const here = fileURLToPath(import.meta.url);
  const lines = readFileSync(here, 'utf8').split('\n');
  const lineOf = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;
  const untyped = { fn, httpApi, restApi, websocketApi, table } as unknown as Record<string, (...args: unknown[]) => unknown>;
  const cases: Array<[string, () => unknown, string]> = [
    [
      "websocketApi?.('live')",
      () => untyped.websocketApi?.('live'),
      'websocketApi(options): expected an object such as { name: "chat", routeSelectionExpression: "$request.body.action", stage: "dev" }, got "live"',
    ],
    ["httpApi?.('web')", () => untyped.httpApi?.('web'), 'httpApi(options): expected an object such as { name: "todo" }, got "web"'],
    ['restApi?.()', () => untyped.restApi?.(), 'restApi(options): expected an object such as { name: "location", stage: "v1" }, got nothing'],
    [
      "fn?.('hello', 'app.handler')",
      () => untyped.fn?.('hello', 'app.handler'),
      'fn("hello", options): expected an object such as { handler: "app.handler" }, got "app.handler"',
    ],
    [
      "table?.('Todos')",
      () => untyped.table?.('Todos'),
      `table("Todos", options): expected an object such as { partitionKey: { name: 'Id', type: 'S' } }, got nothing`,
    ],
  ];
  for (const [text, call, message] of cases) {
    assert.throws(call, (error: unknown) => {
      assert.ok(error instanceof ConfigError, String(error));
      assert.equal(error.source, `${here}:${lineOf(`() => untyped.${text}`)}`);
      assert.equal(error.message, `${error.source}: ${message}`);
      return true;
    });
  }
});

test('a WebSocket API without a stage is reported by the model check with the field path, not a TypeError', () => {
  const handler = fn('f', { handler: 'app.handler' });
  const api = websocketApi({ name: 'live', routeSelectionExpression: '$request.body.action' } as never).route('$default', handler);
  const model = service('s', { apis: [api] }).toModel();
  assert.throws(
    () => validateService(model, 'hoplite.config.mjs'),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.issues.some(
        (issue) => issue.path === 'apis[0].stage.name' && issue.message.startsWith('expected a stage name of letters, digits, hyphens or underscores'),
      ),
  );
});

test('AUTH-8 apiKey(), apiKeySelectionExpression and a $connect with apiKeyRequired become the model; a key without a value gets a stable derived one', () => {
  const connect = fn('connect', { handler: 'h.ts#connect' });
  const api = websocketApi({
    name: 'chat',
    routeSelectionExpression: '$request.body.action',
    stage: 'dev',
    apiKeySelectionExpression: '$request.header.x-api-key',
  })
    .route('$connect', connect, { apiKeyRequired: true })
    // @ts-expect-error apiKeyRequired is a $connect option only (AUTH-1)
    .route('send', connect, { apiKeyRequired: true });
  const model = service('chat', { apis: [api], apiKeys: [apiKey('mobile', { value: 'mobile-key-0123456789' }), apiKey('partner')] }).toModel();
  assert.deepEqual(model.apiKeys, [
    { name: 'mobile', value: 'mobile-key-0123456789' },
    { name: 'partner', value: derivedApiKeyValue('chat', 'partner') },
  ]);
  assert.match(derivedApiKeyValue('chat', 'partner'), /^[A-Za-z0-9]{40}$/);
  assert.notEqual(derivedApiKeyValue('chat', 'partner'), derivedApiKeyValue('other', 'partner'));
  const [ws] = model.apis as [WebSocketApiModel];
  assert.equal(ws.apiKeySelectionExpression, '$request.header.x-api-key');
  assert.deepEqual(ws.routes[0], { key: '$connect', function: 'connect', integrationTimeoutMs: 29_000, apiKeyRequired: true });
  // Without the options, nothing about keys appears.
  const plain = service('chat', {
    apis: [websocketApi({ name: 'chat', routeSelectionExpression: '$request.body.action', stage: 'dev' }).route('$connect', connect)],
  }).toModel();
  assert.equal('apiKeys' in plain, false);
  assert.deepEqual(plain.apis[0], {
    protocol: 'WEBSOCKET',
    name: 'chat',
    routeSelectionExpression: '$request.body.action',
    stage: { name: 'dev', variables: {} },
    routes: [{ key: '$connect', function: 'connect', integrationTimeoutMs: 29_000 }],
  });
});

test('AUTH-1 AUTH-2 websocketApi().authorizer(): a REQUEST authorizer in the model, named by $connect as CUSTOM; its function is part of the service', () => {
  const connect = fn('connect', { handler: 'h.ts#connect' });
  const check = fn('check', { handler: 'h.ts#check' });
  const api = websocketApi({ name: 'chat', routeSelectionExpression: '$request.body.action', stage: 'v1' })
    .authorizer('token', check, { identitySource: ['route.request.querystring.token'] })
    .route('$connect', connect, { authorizer: 'token' })
    .route('$default', connect);
  const model = validateService(service('svc', { apis: [api] }).toModel(), 'x');
  assert.deepEqual(
    model.functions.map((f) => f.name),
    ['connect', 'check'],
  );
  assert.deepEqual(model.apis[0], {
    protocol: 'WEBSOCKET',
    name: 'chat',
    routeSelectionExpression: '$request.body.action',
    stage: { name: 'v1', variables: {} },
    routes: [
      { key: '$connect', function: 'connect', integrationTimeoutMs: 29_000, authorizationType: 'CUSTOM', authorizerId: 'token' },
      { key: '$default', function: 'connect', integrationTimeoutMs: 29_000 },
    ],
    authorizers: [{ name: 'token', authorizerType: 'REQUEST', function: 'check', identitySource: ['route.request.querystring.token'] }],
  });
});

test('AUTH-1 AUTH-7 websocketApi().route($connect, fn, { authorization: AWS_IAM }): authorizationType AWS_IAM on $connect, no authorizer', () => {
  const connect = fn('connect', { handler: 'h.ts#connect' });
  const api = websocketApi({ name: 'chat', routeSelectionExpression: '$request.body.action', stage: 'v1' })
    .route('$connect', connect, { authorization: 'AWS_IAM' })
    .route('$default', connect);
  const model = validateService(service('svc', { apis: [api] }).toModel(), 'x');
  assert.deepEqual(model.apis[0], {
    protocol: 'WEBSOCKET',
    name: 'chat',
    routeSelectionExpression: '$request.body.action',
    stage: { name: 'v1', variables: {} },
    routes: [
      { key: '$connect', function: 'connect', integrationTimeoutMs: 29_000, authorizationType: 'AWS_IAM' },
      { key: '$default', function: 'connect', integrationTimeoutMs: 29_000 },
    ],
  });
});
