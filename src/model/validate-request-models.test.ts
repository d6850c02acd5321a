import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issuesOf } from '../../test/helpers/model-issues.ts';
import type { ServiceModel } from './types.ts';
import { validateService } from './validate.ts';

function withModels(): ServiceModel {
  return {
    name: 'chat',
    functions: [{ name: 'send', handler: 'h.ts#send', timeoutSeconds: 3, memoryMb: 128, environment: {}, policies: [] }],
    apis: [
      {
        protocol: 'WEBSOCKET',
        name: 'api',
        routeSelectionExpression: '$request.body.action',
        stage: { name: 'v1', variables: {} },
        routes: [
          {
            key: 'send',
            function: 'send',
            integrationTimeoutMs: 29_000,
            modelSelectionExpression: '$request.body.kind',
            requestModels: { text: 'Text', $default: 'Any' },
          },
        ],
        models: {
          Text: { contentType: 'application/json', schema: { type: 'object', required: ['text'] } },
          Any: { contentType: 'application/json', schema: {} },
        },
      },
    ],
    tables: [],
    outputs: [],
    sites: [],
  };
}

test('MAP-1 MAP-2 MAP-10 a route with a model selection expression and models that compile passes unchanged', () => {
  const model = withModels();
  assert.equal(validateService(model, 'app.ts'), model);
});

test('MAP-10 a model that is not JSON Schema draft 4 is reported with its name and the compiler message', () => {
  const model = withModels() as any;
  model.apis[0].models.Text.schema = { type: 'strin' };
  model.apis[0].models.Any = { contentType: 'text/plain', schema: [] };
  model.apis[0].models['bad-name'] = { contentType: 'application/json', schema: {} };
  assert.deepEqual(issuesOf(model), [
    'app.ts: apis[0].models.Text.schema: expected model "Text" to be a JSON Schema draft 4 (MAP-10): schema is invalid: data/type must be equal to one of the allowed values, data/type must be array, data/type must match a schema in anyOf',
    'app.ts: apis[0].models.Any.contentType: expected "application/json", got "text/plain"',
    'app.ts: apis[0].models.Any.schema: expected an object, got an array',
    'app.ts: apis[0].models.bad-name: expected a model name of 1-128 letters and digits, got "bad-name"',
  ]);
});

test('MAP-2 a requestModels entry naming no model of the API is a definition error', () => {
  const model = withModels() as any;
  model.apis[0].routes[0].requestModels.text = 'Missing';
  assert.deepEqual(issuesOf(model), [`app.ts: apis[0].routes[0].requestModels.text: expected a model defined in the API's models, "Missing" is not`]);
});

test('MAP-1 a malformed model selection expression, or one without requestModels, is a definition error', () => {
  const model = withModels() as any;
  model.apis[0].routes[0].modelSelectionExpression = '${request.body.kind';
  model.apis[0].routes.push({ key: 'other', function: 'send', integrationTimeoutMs: 29_000, modelSelectionExpression: '$default' });
  model.apis[0].routes.push({ key: 'third', function: 'send', integrationTimeoutMs: 29_000, requestModels: {} });
  assert.deepEqual(issuesOf(model), [
    'app.ts: apis[0].routes[0].modelSelectionExpression: expected a selection expression such as "$request.body.action" (MAP-1): unterminated "${" at position 0',
    'app.ts: apis[0].routes[1].requestModels: expected the models the selection keys name, e.g. { "$default": "Message" } (MAP-2)',
    'app.ts: apis[0].routes[2].modelSelectionExpression: expected a model selection expression such as "$request.body.action" or "$default" with requestModels (MAP-1)',
    'app.ts: apis[0].routes[2].requestModels: expected at least one selection key, e.g. { "$default": "Message" } (MAP-2)',
  ]);
});

test('MAP-10 $connect and $disconnect carry no message body, so they take no request models', () => {
  const model = withModels() as any;
  model.apis[0].routes[0].key = '$connect';
  assert.deepEqual(issuesOf(model), [
    'app.ts: apis[0].routes[0].modelSelectionExpression: expected no request models on $connect: it carries no message body (MAP-10)',
  ]);
});
