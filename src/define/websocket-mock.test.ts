import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WebSocketMockIntegrationModel } from '../model/types.ts';
import { fn, websocketApi } from './index.ts';

const send = fn('send', { handler: 'h.ts#send' });

test('MAP-22 route(key, { type: "MOCK", … }) declares a MOCK integration with no function; its functions are not used', () => {
  const integration: WebSocketMockIntegrationModel = {
    type: 'MOCK',
    requestTemplates: { $default: '{"statusCode": 200}' },
    integrationResponses: [{ key: '$default', responseTemplates: { $default: '{"pong": "$context.connectionId"}' } }],
  };
  const api = websocketApi({ name: 'chat', routeSelectionExpression: '$request.body.action', stage: 'dev' })
    .route('send', send)
    .route('ping', integration, { routeResponse: true });
  const model = api.toModel();
  assert.deepEqual(model.routes[1], { key: 'ping', integration, routeResponseSelectionExpression: '$default', integrationTimeoutMs: 29_000 });
  assert.notEqual(model.routes[1]?.integration, integration);
  assert.equal('function' in (model.routes[1] as object), false);
  assert.deepEqual(
    api.functionUses().map(({ fn, path }) => ({ name: fn.name, path })),
    [{ name: 'send', path: 'routes[0]' }],
  );
});
