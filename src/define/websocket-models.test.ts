import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fn, websocketApi } from './index.ts';

const send = fn('send', { handler: 'h.ts#send' });

test('MAP-1 MAP-2 MAP-10 model() declares a request model; a route names it by selection key or with the { model } shorthand', () => {
  const api = websocketApi({ name: 'chat', routeSelectionExpression: '$request.body.action', stage: 'dev' })
    .model('Text', { type: 'object', required: ['text'] })
    .model('Any', {})
    .route('send', send, { modelSelectionExpression: '$request.body.kind', requestModels: { text: 'Text', $default: 'Any' } })
    .route('$default', send, { model: 'Any' })
    .route('plain', send);
  const model = api.toModel();
  assert.deepEqual(model.models, {
    Text: { contentType: 'application/json', schema: { type: 'object', required: ['text'] } },
    Any: { contentType: 'application/json', schema: {} },
  });
  assert.deepEqual(
    model.routes.map(({ key, modelSelectionExpression, requestModels }) => ({ key, modelSelectionExpression, requestModels })),
    [
      { key: 'send', modelSelectionExpression: '$request.body.kind', requestModels: { text: 'Text', $default: 'Any' } },
      { key: '$default', modelSelectionExpression: '$default', requestModels: { $default: 'Any' } },
      { key: 'plain', modelSelectionExpression: undefined, requestModels: undefined },
    ],
  );
  assert.equal('modelSelectionExpression' in (model.routes[2] as object), false);
});

test('MAP-10 an API without models has no models field, and route options only name declared models', () => {
  const api = websocketApi({ name: 'chat', routeSelectionExpression: '$request.body.action', stage: 'dev' }).route('$default', send);
  assert.equal('models' in api.toModel(), false);
  const typed = websocketApi({ name: 'typed', routeSelectionExpression: '$request.body.action', stage: 'dev' }).model('Text', {});
  // @ts-expect-error "Missing" is not a model of this API.
  typed.route('send', send, { model: 'Missing' });
  assert.equal(typed.routes.length, 1);
});
