/** REST-53, REST-55: the HTTP integration request's URL and headers from the Uri and Integration.RequestParameters. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { integrationRequestTarget } from './integration-request.ts';

const REQUEST = {
  params: { path: { id: 'a b', proxy: 'x/y z' }, querystring: { q: 'shoes', lang: 'en' }, header: { 'X-Tenant': 't1' } },
  context: { requestId: 'r-1', stage: 'prod', identity: { sourceIp: '10.0.0.1' } },
};

test('REST-53 REST-55 stage variables at start, {name} from integration.request.path (slashes of a proxy kept), query and headers mapped', () => {
  const target = integrationRequestTarget(
    'http://${stageVariables.host}/items/{id}/{proxy}?v=1',
    {
      'integration.request.path.id': 'method.request.path.id',
      'integration.request.path.proxy': 'method.request.path.proxy',
      'integration.request.querystring.search': 'method.request.querystring.q',
      'integration.request.querystring.where': 'stageVariables.region',
      // spec: unverified (a source that selects nothing leaves its target out)
      'integration.request.querystring.none': 'method.request.querystring.missing',
      'integration.request.header.X-Tenant': 'method.request.header.x-tenant',
      'integration.request.header.X-Ip': 'context.identity.sourceIp',
      'integration.request.header.X-Fixed': "'yes'",
    },
    { host: 'backend:8080', region: 'eu' },
  );
  assert.equal(target.url(REQUEST), 'http://backend:8080/items/a%20b/x/y%20z?v=1&search=shoes&where=eu');
  assert.deepEqual(target.headers(REQUEST), { 'x-tenant': 't1', 'x-ip': '10.0.0.1', 'x-fixed': 'yes' });
});

test('REST-53 a Uri with no parameters is used as it is', () => {
  const target = integrationRequestTarget('https://example.com/a', undefined, {});
  assert.equal(target.url(REQUEST), 'https://example.com/a');
  assert.deepEqual(target.headers(REQUEST), {});
});
