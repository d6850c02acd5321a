import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WebSocketApiModel, WebSocketRouteModel } from '../model/types.ts';
import { apiKeyGate, apiKeyIdFor, issueApiKeys } from './api-key.ts';

const CONNECT: WebSocketRouteModel = { key: '$connect', function: 'connect', integrationTimeoutMs: 29_000, apiKeyRequired: true };
const API: WebSocketApiModel = {
  protocol: 'WEBSOCKET',
  name: 'chat',
  routeSelectionExpression: '$request.body.action',
  stage: { name: 'dev', variables: {} },
  routes: [CONNECT],
};
const KEYS = issueApiKeys('svc', [{ name: 'mobile', value: 'mobile-key-0123456789' }]);

test('AUTH-8 key ids are 10 lowercase alphanumerics, stable for the service and key name', () => {
  assert.match(apiKeyIdFor('svc', 'mobile'), /^[a-z0-9]{10}$/);
  assert.equal(apiKeyIdFor('svc', 'mobile'), apiKeyIdFor('svc', 'mobile'));
  assert.notEqual(apiKeyIdFor('svc', 'mobile'), apiKeyIdFor('svc', 'partner'));
  assert.deepEqual(KEYS, [{ name: 'mobile', value: 'mobile-key-0123456789', id: apiKeyIdFor('svc', 'mobile') }]);
});

test('AUTH-8 no gate when $connect does not require a key, or there is no $connect', () => {
  assert.equal(apiKeyGate(API, { ...CONNECT, apiKeyRequired: false }, KEYS), undefined);
  assert.equal(apiKeyGate(API, { key: '$connect', function: 'connect', integrationTimeoutMs: 29_000 }, KEYS), undefined);
  assert.equal(apiKeyGate(API, undefined, KEYS), undefined);
});

test('AUTH-8 $request.header.x-api-key: a known value passes, a missing, unknown or repeated header does not', () => {
  const gate = apiKeyGate(API, CONNECT, KEYS);
  assert.ok(gate);
  assert.deepEqual(gate({ 'x-api-key': 'mobile-key-0123456789' }, undefined), KEYS[0]);
  assert.equal(gate({}, undefined), undefined);
  assert.equal(gate({ 'x-api-key': 'mobile-key-012345678' }, undefined), undefined);
  assert.equal(gate({ 'x-api-key': ['mobile-key-0123456789', 'mobile-key-0123456789'] }, undefined), undefined);
  assert.equal(gate({}, { usageIdentifierKey: 'mobile-key-0123456789' }), undefined);
});

test('AUTH-8 $context.authorizer.usageIdentifierKey: the key comes from the authorizer result, never from the header', () => {
  const gate = apiKeyGate({ ...API, apiKeySelectionExpression: '$context.authorizer.usageIdentifierKey' }, CONNECT, KEYS);
  assert.ok(gate);
  assert.deepEqual(gate({}, { usageIdentifierKey: 'mobile-key-0123456789' }), KEYS[0]);
  assert.equal(gate({ 'x-api-key': 'mobile-key-0123456789' }, undefined), undefined);
  assert.equal(gate({}, { usageIdentifierKey: 42 }), undefined);
  assert.equal(gate({}, {}), undefined);
});
