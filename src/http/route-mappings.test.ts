/** HTTP-80, HTTP-81, HTTP-87: a route's mappings over one request's facts: context variables, authorizer output, stage. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HttpApiModel, HttpRouteModel } from '../model/types.ts';
import type { ApiFacts, HttpRequestFacts } from './request.ts';
import { type MappingScope, mappingAuthorizer, mapRequest, mapResponse, routeMappings } from './route-mappings.ts';

const ROUTE: HttpRouteModel = {
  key: 'POST /orders/{id}',
  function: 'orders',
  payloadFormatVersion: '2.0',
  integrationTimeoutMs: 30_000,
  requestParameters: {
    'append:header.X-Who': '${context.authorizer.claims.sub} via ${context.identity.sourceIp}',
    'overwrite:header.X-Scopes': '$context.authorizer.scopes',
    'overwrite:header.X-When': '$context.requestTimeEpoch',
    'append:querystring.stage': '$context.stage',
    'overwrite:querystring.tier': '$stageVariables.tier',
    'overwrite:header.X-Tags': '$request.querystring.tag',
    'overwrite:header.X-Agent': '$request.header.USER-AGENT',
  },
  responseParameters: { '201': { 'overwrite:header.Location': '/orders/${response.body.id}', 'append:header.X-Request': '$context.requestId' } },
};

const FACTS: HttpRequestFacts = {
  method: 'POST',
  rawPath: '/dev/orders/7',
  rawQuery: 'tag=a&tag=b&x=%20y',
  rawHeaders: ['User-Agent', 'curl/8', 'user-agent', 'again', 'Content-Type', 'application/json'],
  body: Buffer.from('{}'),
  sourceIp: '198.51.100.7',
  domainName: 'abc.execute-api.us-east-1.amazonaws.com',
  localPort: 443,
  secure: true,
  traceId: 'Root=1-00000000-000000000000000000000000',
  requestId: 'req-1',
  timeEpoch: 1_767_225_600_000,
};
const API_FACTS: ApiFacts = { apiId: 'abc', accountId: '123456789012', stage: 'dev', stageVariables: { tier: 'gold' } };

function scopeOf(authorizer: Record<string, unknown> | undefined): MappingScope {
  return { facts: FACTS, api: API_FACTS, route: ROUTE, pathParameters: { id: '7' }, path: '/orders/7', authorizer };
}

test('HTTP-80, HTTP-87: routes without mappings compile to nothing', () => {
  const api = { routes: [{ ...ROUTE, requestParameters: undefined, responseParameters: undefined }] } as unknown as HttpApiModel;
  assert.equal(routeMappings(api), undefined);
});

test('HTTP-80, HTTP-87: context, authorizer claims, stage variables and the original query feed the mapped request', () => {
  const mapping = routeMappings({ routes: [ROUTE] } as unknown as HttpApiModel)?.get(ROUTE.key);
  const authorizer = mappingAuthorizer({ jwt: { claims: { sub: 'alice' }, scopes: ['orders/write', 'orders/read'] } });
  const { facts, mappedPath } = mapRequest(mapping?.request ?? [], scopeOf(authorizer));
  assert.equal(mappedPath, undefined);
  assert.deepStrictEqual(facts, {
    ...FACTS,
    rawHeaders: [
      'User-Agent',
      'curl/8',
      'user-agent',
      'again',
      'Content-Type',
      'application/json',
      'X-Who',
      'alice via 198.51.100.7',
      'X-Scopes',
      '["orders/write","orders/read"]',
      'X-When',
      '1767225600000',
      'X-Tags',
      'a,b',
      'X-Agent',
      'curl/8,again',
    ],
    rawQuery: 'tag=a&tag=b&x=%20y&stage=dev&tier=gold',
  });
});

test('HTTP-81: a response of a status with mappings is changed; any other passes as it is', () => {
  const mapping = routeMappings({ routes: [ROUTE] } as unknown as HttpApiModel)?.get(ROUTE.key);
  const created = { statusCode: 201, headers: [['location', '/tmp/x']] as Array<[string, string]>, body: Buffer.from('{"id":"o-9"}') };
  assert.deepStrictEqual(mapResponse(mapping?.response ?? new Map(), created, scopeOf(undefined)), {
    statusCode: 201,
    headers: [
      ['Location', '/orders/o-9'],
      ['X-Request', 'req-1'],
    ],
    body: Buffer.from('{"id":"o-9"}'),
  });
  const ok = { statusCode: 200, headers: [] as Array<[string, string]>, body: Buffer.from('{}') };
  assert.equal(mapResponse(mapping?.response ?? new Map(), ok, scopeOf(undefined)), ok);
});

test('HTTP-87: $context.authorizer reads a Lambda authorizer context and a missing authorizer reads nothing', () => {
  assert.deepStrictEqual(mappingAuthorizer({ lambda: { tenant: 't-1' } }), { tenant: 't-1' });
  assert.equal(mappingAuthorizer(undefined), undefined);
});

test('HTTP-87: the query string no mapping touches stays as the client sent it', () => {
  const route: HttpRouteModel = { ...ROUTE, requestParameters: { 'append:header.X-A': 'a' }, responseParameters: undefined };
  const mapping = routeMappings({ routes: [route] } as unknown as HttpApiModel)?.get(route.key);
  const { facts } = mapRequest(mapping?.request ?? [], { ...scopeOf(undefined), facts: { ...FACTS, rawQuery: 'a=&b&c=%7E' } });
  assert.equal(facts.rawQuery, 'a=&b&c=%7E');
  assert.deepStrictEqual(facts.rawHeaders.slice(-2), ['X-A', 'a']);
});
