import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../errors.ts';
import type { ServiceModel } from './types.ts';
import { validateService } from './validate.ts';

function valid(): ServiceModel {
  return {
    name: 'chat',
    functions: [{ name: 'send', handler: 'h.ts#send', timeoutSeconds: 3, memoryMb: 128, environment: { TABLE: 't' }, policies: [] }],
    apis: [
      {
        protocol: 'WEBSOCKET',
        name: 'api',
        routeSelectionExpression: '$request.body.action',
        stage: { name: 'v1', variables: {} },
        routes: [{ key: 'send', function: 'send', integrationTimeoutMs: 29_000 }],
      },
    ],
    tables: [{ name: 'connections', partitionKey: { name: 'id', type: 'S' }, billing: { mode: 'PAY_PER_REQUEST' } }],
    outputs: [],
    sites: [],
  };
}

function issuesOf(model: unknown): string[] {
  try {
    validateService(model, 'app.ts');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message.split('\n');
  }
  return [];
}

test('a valid model passes unchanged', () => {
  const model = valid();
  assert.equal(validateService(model, 'app.ts'), model);
});

test('WS-71 WS-72 every problem is reported with the file, the field path and what is expected', () => {
  const model = valid() as any;
  model.functions[0].memoryMb = 64;
  model.apis[0].routes.push({ key: '$custom', function: 'missing', integrationTimeoutMs: 10 });
  model.apis[0].stage.name = 'v 1';
  assert.deepEqual(issuesOf(model), [
    'app.ts: functions[0].memoryMb: expected an integer from 128 to 10240 (MB), got number 64',
    'app.ts: apis[0].stage.name: expected a stage name of letters, digits, hyphens or underscores, got "v 1"',
    'app.ts: apis[0].routes[1].key: expected $connect, $disconnect, $default or a custom key not starting with "$", got "$custom"',
    'app.ts: apis[0].routes[1].function: expected the name of a function of this service, "missing" is not defined',
    'app.ts: apis[0].routes[1].integrationTimeoutMs: expected an integer from 50 to 29000 (milliseconds), got number 10',
  ]);
});

test('WS-2 reserved keys are accepted, duplicates are not', () => {
  const model = valid() as any;
  model.apis[0].routes = ['$connect', '$disconnect', '$default', 'send', 'send'].map((key) => ({ key, function: 'send', integrationTimeoutMs: 29_000 }));
  assert.deepEqual(issuesOf(model), ['app.ts: apis[0].routes[4].key: expected a unique route key, "send" is defined twice']);
});

test('WS-42 $connect and $disconnect cannot have a route response', () => {
  const model = valid() as any;
  model.apis[0].routes.push({ key: '$connect', function: 'send', integrationTimeoutMs: 29_000, routeResponseSelectionExpression: '$default' });
  assert.deepEqual(issuesOf(model), [
    'app.ts: apis[0].routes[1].routeResponseSelectionExpression: expected no route response on $connect: it never sends messages (WS-42)',
  ]);
});

test('wrong types are named', () => {
  assert.deepEqual(issuesOf({ name: 'x', functions: {}, apis: [], tables: [], outputs: [], sites: [] }), [
    'app.ts: functions: expected an array, got an object',
  ]);
  assert.deepEqual(issuesOf(null), ['app.ts: (service): expected an object, got null']);
});

test('WS-21 a malformed route selection expression is reported where it is', () => {
  const model = valid() as any;
  model.apis[0].routeSelectionExpression = '${request.body.action';
  assert.deepEqual(issuesOf(model), [
    'app.ts: apis[0].routeSelectionExpression: expected a selection expression such as "$request.body.action" (WS-21): unterminated "${" at position 0',
  ]);
});
