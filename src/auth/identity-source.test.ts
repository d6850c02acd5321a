import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type IdentityRequest, identitySourceValues, missingIdentitySource, parseHttpIdentitySource, parseIdentitySource } from './identity-source.ts';

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

test('AUTH-30 HTTP identity sources are written with `$`; their values come in order, or none when one is missing', () => {
  assert.deepEqual(parseHttpIdentitySource('$request.header.Authorization'), { kind: 'header', name: 'authorization' });
  assert.deepEqual(parseHttpIdentitySource('$request.querystring.token'), { kind: 'querystring', name: 'token' });
  assert.deepEqual(parseHttpIdentitySource('$stageVariables.key'), { kind: 'stageVariables', name: 'key' });
  assert.deepEqual(parseHttpIdentitySource('$context.routeKey'), { kind: 'context', name: 'routeKey' });
  assert.equal(parseHttpIdentitySource('route.request.header.Auth'), undefined);
  const http = (...texts: string[]) => texts.map((text) => parseHttpIdentitySource(text) as NonNullable<ReturnType<typeof parseHttpIdentitySource>>);
  assert.deepEqual(identitySourceValues(http('$request.header.auth', '$request.querystring.token', '$stageVariables.key', '$context.connectionId'), request), [
    'secret',
    'abc',
    'v',
    'c1',
  ]);
  assert.deepEqual(identitySourceValues([], request), []);
  assert.equal(identitySourceValues(http('$request.header.auth', '$request.header.empty'), request), undefined);
  assert.equal(identitySourceValues(http('$request.querystring.Token'), request), undefined);
});
