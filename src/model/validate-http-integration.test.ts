import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issuesOf } from '../../test/helpers/model-issues.ts';
import { fn, httpApi, service } from '../define/index.ts';
import type { HttpApiModel } from './types.ts';
import { validateService } from './validate.ts';

const reflect = fn('reflect', { handler: 'reflect/index.handler' });

test('HTTP-83: an HTTP_PROXY route is modelled as AWS::ApiGatewayV2::Integration, with no function', () => {
  const api = httpApi({ name: 'shop', stage: { name: 'dev', variables: { backend: '127.0.0.1:8080' } } }).route('ANY /orders/{proxy+}', {
    type: 'HTTP_PROXY',
    integrationUri: 'http://${stageVariables.backend}/orders/{proxy}',
    timeoutInMillis: 2000,
    requestParameters: { 'append:header.X-Stage': '$context.stage' },
    responseParameters: { '404': { 'overwrite:statuscode': '410' } },
  });
  const serviceModel = validateService(service('shop', { apis: [api] }).toModel(), 'app.ts');
  assert.deepStrictEqual(serviceModel.functions, []);
  const model = serviceModel.apis[0] as HttpApiModel;
  assert.deepStrictEqual(model.routes, [
    {
      key: 'ANY /orders/{proxy+}',
      integration: { type: 'HTTP_PROXY', integrationUri: 'http://${stageVariables.backend}/orders/{proxy}', integrationMethod: 'ANY' },
      payloadFormatVersion: '2.0',
      integrationTimeoutMs: 2000,
      requestParameters: { 'append:header.X-Stage': '$context.stage' },
      responseParameters: { '404': { 'overwrite:statuscode': '410' } },
    },
  ]);
});

test('HTTP-83: a bad HTTP_PROXY integration is a ConfigError naming the field', () => {
  const api = httpApi({ name: 'shop' })
    .route('GET /a/{id}', { type: 'HTTP_PROXY', integrationUri: 'http://localhost/a/{other}' })
    .route('GET /b', { type: 'HTTP_PROXY', integrationUri: 'http://${stageVariables.missing}/b' })
    .route('GET /c', { type: 'HTTP_PROXY', integrationUri: 'ftp://example.com/c', integrationMethod: 'FETCH', timeoutInMillis: 40 });
  assert.deepStrictEqual(issuesOf(service('shop', { apis: [api] }).toModel()), [
    'app.ts: apis[0].routes[0].integration.integrationUri: expected path variables of the route key, got {other}, which "GET /a/{id}" does not have',
    'app.ts: apis[0].routes[1].integration.integrationUri: expected stage variables the stage defines, got ${stageVariables.missing} with no such variable',
    'app.ts: apis[0].routes[2].integration.integrationUri: expected an http:// or https:// URL, got "ftp://example.com/c"',
    'app.ts: apis[0].routes[2].integration.integrationMethod: expected ANY or an HTTP method such as "POST", got "FETCH"',
    'app.ts: apis[0].routes[2].integrationTimeoutMs: expected an integer from 50 to 30000 (milliseconds), got number 40',
  ]);
});

test('HTTP-80..82: bad mappings and reserved headers are ConfigErrors naming the field', () => {
  const api = httpApi({ name: 'shop' }).route('GET /me', reflect, {
    requestParameters: {
      'overwrite:header.Authorization': 'Bearer x',
      'append:header.X-Ok': '$request.header.x-in',
      'rename:header.X-Bad': 'a',
      'overwrite:querystring.q': '$request.body..deep',
    },
    responseParameters: { '200': { 'append:header.x-amzn-RequestId': 'x', 'overwrite:statuscode': '$request.header.a' }, '99': {} },
  });
  assert.deepStrictEqual(issuesOf(service('shop', { apis: [api] }).toModel()), [
    'app.ts: apis[0].routes[0].requestParameters.overwrite:header.Authorization: "Authorization" is a reserved header that parameter mapping cannot change (HTTP-82)',
    'app.ts: apis[0].routes[0].requestParameters.rename:header.X-Bad: expected a key "append:", "overwrite:" or "remove:" then "header.<name>" or "querystring.<name>", or "overwrite:path", got "rename:header.X-Bad"',
    'app.ts: apis[0].routes[0].requestParameters.overwrite:querystring.q: "request.body..deep": a JSON path of names and [index]es, without recursive descent, wildcards or filters',
    'app.ts: apis[0].routes[0].responseParameters.99: expected a status code from 200 to 599 as the key, got "99"',
    'app.ts: apis[0].routes[0].responseParameters.200.append:header.x-amzn-RequestId: "x-amzn-RequestId" is a reserved header that parameter mapping cannot change (HTTP-82)',
    'app.ts: apis[0].routes[0].responseParameters.200.overwrite:statuscode: "$request.header.a" is not one of $response.header, $response.body, $context, $stageVariables',
  ]);
});
