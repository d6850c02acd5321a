import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RestMethodModel } from '../model/types.ts';
import { mapResponseParameters, passthroughEvent, selectIntegrationResponse } from './custom-integration.ts';

const method: RestMethodModel = {
  httpMethod: 'POST',
  function: 'f',
  integration: 'AWS',
  integrationTimeoutMs: 29_000,
  methodResponses: [],
  integrationResponses: [
    { statusCode: '200', responseParameters: {} },
    { statusCode: '400', selectionPattern: '.*Invalid.*', responseParameters: {} },
    { statusCode: '404', selectionPattern: 'Not found', responseParameters: {} },
  ],
};
const error = (errorMessage: string) => ({ ok: false as const, error: { errorType: 'Error', errorMessage, trace: ['Error: x'] } });

test('REST-11 success takes the default response and the result as body', () => {
  assert.deepEqual(selectIntegrationResponse(method, { ok: true, payload: { a: 1 } }), { response: method.integrationResponses[0], body: { a: 1 } });
});

test('REST-11 errors: full matches only; . does not cross a newline; no match falls back to the default', () => {
  assert.equal(selectIntegrationResponse(method, error('The input is Invalid here')).response.statusCode, '400');
  assert.equal(selectIntegrationResponse(method, error('Not found')).response.statusCode, '404');
  assert.equal(selectIntegrationResponse(method, error('Not found at all')).response.statusCode, '200');
  assert.equal(selectIntegrationResponse(method, error('first line\nInvalid')).response.statusCode, '200');
  assert.deepEqual(selectIntegrationResponse(method, error('other')).body, { errorMessage: 'other', errorType: 'Error', stackTrace: ['Error: x'] });
});

test('REST-12 header mapping sources: body paths, the whole body, static text, context, stage variables', () => {
  const headers = mapResponseParameters(
    {
      'method.response.header.Location': 'integration.response.body.location',
      'method.response.header.X-Nested': 'integration.response.body.a.b[1]',
      'method.response.header.X-Object': 'integration.response.body.a',
      'method.response.header.X-Static': "'fixed'",
      'method.response.header.X-Request': 'context.requestId',
      'method.response.header.X-Color': 'stageVariables.color',
      'method.response.header.X-Missing': 'integration.response.body.nope',
      'method.response.header.X-Header': 'integration.response.header.x',
    },
    { body: { location: 'https://example.com/42', a: { b: [1, 2] } }, context: { requestId: 'r-1' }, stageVariables: { color: 'blue' } },
  );
  assert.deepEqual(headers, [
    ['Location', 'https://example.com/42'],
    ['X-Nested', '2'],
    ['X-Object', '{"b":[1,2]}'],
    ['X-Static', 'fixed'],
    ['X-Request', 'r-1'],
    ['X-Color', 'blue'],
  ]);
});

test('REST-10 passthrough: JSON bodies become the event, an empty body {}', () => {
  assert.deepEqual(passthroughEvent(Buffer.from('{"name":"x"}')), { name: 'x' });
  assert.deepEqual(passthroughEvent(undefined), {});
  assert.equal(passthroughEvent(Buffer.from('plain')), 'plain');
});
