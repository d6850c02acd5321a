import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type IdentityRequest, missingIdentitySource, parseIdentitySource } from './identity-source.ts';

test('AUTH-2 identity sources: the four forms, header names lower-cased, anything else refused', () => {
  assert.deepEqual(parseIdentitySource('route.request.header.Auth'), { kind: 'header', name: 'auth' });
  assert.deepEqual(parseIdentitySource('route.request.querystring.Token'), { kind: 'querystring', name: 'Token' });
  assert.deepEqual(parseIdentitySource('stageVariables.key'), { kind: 'stageVariables', name: 'key' });
  assert.deepEqual(parseIdentitySource('context.identity.sourceIp'), { kind: 'context', name: 'identity.sourceIp' });
  for (const bad of ['$request.header.Auth', 'route.request.header.', 'route.request.body.x', 'method.request.header.Auth', '']) {
    assert.equal(parseIdentitySource(bad), undefined, bad);
  }
});

const request: IdentityRequest = {
  rawHeaders: ['Host', 'h', 'AUTH', 'secret', 'Empty', ''],
  query: { token: 'abc', blank: '' },
  stageVariables: { key: 'v' },
  context: { connectionId: 'c1' },
};
const sources = (...texts: string[]) => texts.map((text) => parseIdentitySource(text) as NonNullable<ReturnType<typeof parseIdentitySource>>);

test('AUTH-2 every source present and non-empty; headers case-insensitive, query names case-sensitive', () => {
  assert.equal(
    missingIdentitySource(sources('route.request.header.auth', 'route.request.querystring.token', 'stageVariables.key', 'context.connectionId'), request),
    undefined,
  );
  assert.deepEqual(missingIdentitySource(sources('route.request.querystring.Token'), request), { kind: 'querystring', name: 'Token' });
  assert.deepEqual(missingIdentitySource(sources('route.request.header.Auth', 'route.request.header.Empty'), request), { kind: 'header', name: 'empty' });
  assert.deepEqual(missingIdentitySource(sources('route.request.querystring.blank'), request), { kind: 'querystring', name: 'blank' });
  assert.deepEqual(missingIdentitySource(sources('stageVariables.other'), request), { kind: 'stageVariables', name: 'other' });
  assert.deepEqual(missingIdentitySource(sources('context.missing'), request), { kind: 'context', name: 'missing' });
  assert.deepEqual(missingIdentitySource(sources('route.request.querystring.token'), { ...request, query: undefined }), { kind: 'querystring', name: 'token' });
});
