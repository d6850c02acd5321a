/** A route selection expression that reads nothing from the body is said once, at start, through the injected log. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemClock } from '../internal/clock.ts';
import { systemIds } from '../internal/ids.ts';
import { memoryLog } from '../internal/log.ts';
import type { Invoker } from '../lambda/invoker.ts';
import { WEBSOCKET_LIMITS } from '../limits.ts';
import type { WebSocketApiModel } from '../model/types.ts';
import { WebSocketRuntime } from './runtime.ts';

function startRuntime(routeSelectionExpression: string) {
  const log = memoryLog();
  const api: WebSocketApiModel = {
    protocol: 'WEBSOCKET',
    name: 'chat',
    routeSelectionExpression,
    stage: { name: 'dev', variables: {} },
    routes: [{ key: '$default', function: 'echo', integrationTimeoutMs: 29_000 }],
  };
  // The constructor only compiles and checks; no invocation happens in these tests.
  const runtime = new WebSocketRuntime({ api, apiId: 'abcdefghij', invoker: {} as Invoker, limits: WEBSOCKET_LIMITS, clock: systemClock, ids: systemIds, log });
  return { runtime, log };
}

test('a route selection expression without a $request.body reference warns once at start, naming the API, the expression and the one key', async () => {
  const { runtime, log } = startRuntime('$default');
  assert.deepEqual(log.lines, [
    'warn WebSocket API chat: routeSelectionExpression "$default" has no $request.body reference, so every message selects the route key "$default"',
  ]);
  await runtime.close();
  const literal = startRuntime('action');
  assert.deepEqual(literal.log.lines, [
    'warn WebSocket API chat: routeSelectionExpression "action" has no $request.body reference, so every message selects the route key "action"',
  ]);
  await literal.runtime.close();
});

test('a route selection expression that reads the body starts without a warning', async () => {
  const { runtime, log } = startRuntime('$request.body.action');
  assert.deepEqual(log.lines, []);
  await runtime.close();
});
