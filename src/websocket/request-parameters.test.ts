/** RequestParameters of WebSocket HTTP integrations: headers and query strings mapped per message. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TemplateInputs } from '../mapping/index.ts';
import { compileRequestParameters } from './request-parameters.ts';

const inputs = (body: string): TemplateInputs => ({
  body,
  context: {
    connectionId: 'c-1',
    routeKey: 'r',
    requestId: 'q',
    eventType: 'MESSAGE',
    stage: 'dev',
    apiId: 'a',
    domainName: 'h',
    authorizer: { principalId: 'alice' },
  },
  stageVariables: { region: 'eu' },
});

test('request parameters map context, stage variables, body paths and static values; what reads nothing maps nothing', () => {
  const parameters = compileRequestParameters({
    'integration.request.header.ConnectionId': 'context.connectionId',
    'integration.request.header.x-user': 'context.authorizer.principalId',
    'integration.request.header.x-region': 'stageVariables.region',
    'integration.request.querystring.item': 'route.request.body.order.item',
    'integration.request.querystring.tags': 'route.request.body.tags',
    'integration.request.querystring.fixed': "'a b'",
    'integration.request.header.x-missing': 'route.request.body.nothing',
  });
  assert.deepEqual(parameters.evaluate(inputs('{"order":{"item":"book & pen"},"tags":["a",1]}')), {
    headers: { connectionid: 'c-1', 'x-user': 'alice', 'x-region': 'eu' },
    query: 'item=book+%26+pen&tags=%5B%22a%22%2C1%5D&fixed=a+b',
  });
  assert.deepEqual(parameters.evaluate(inputs('not json')).query, 'fixed=a+b');
});

test('no request parameters cost nothing to evaluate', () => {
  const none = compileRequestParameters(undefined);
  assert.equal(none, compileRequestParameters({}));
  assert.deepEqual(none.evaluate(inputs('{}')), { headers: {}, query: '' });
});
