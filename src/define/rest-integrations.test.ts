/** REST-50, REST-52..55, REST-57: the model resource.mock(), http() and httpProxy() make. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { restApi } from './rest-api.ts';

test('REST-50 REST-52 mock(): a MOCK method with the {"statusCode": 200} template and a default 200 response', () => {
  const api = restApi({ name: 'a', stage: 'prod' });
  api.resource('/m').mock('GET');
  assert.deepEqual(api.toModel().resources[0]?.methods[0], {
    httpMethod: 'GET',
    integration: 'MOCK',
    integrationTimeoutMs: 29_000,
    methodResponses: [{ statusCode: '200', responseParameters: {} }],
    integrationResponses: [{ statusCode: '200', responseParameters: {} }],
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
  });
});

test('REST-53 REST-55 REST-57 http(): Uri, the method as IntegrationHttpMethod, parameters, templates, content handling', () => {
  const api = restApi({ name: 'a', stage: 'prod' });
  api.resource('/pets/{id}').http('GET', 'http://${stageVariables.host}/pets/{id}', {
    integrationHttpMethod: 'post',
    integrationTimeoutMs: 500,
    integrationRequestParameters: { 'integration.request.path.id': 'method.request.path.id' },
    requestTemplates: { 'application/json': '{}' },
    passthroughBehavior: 'NEVER',
    contentHandling: 'CONVERT_TO_TEXT',
    methodResponses: { 200: {}, 404: {} },
    integrationResponses: [{ statusCode: 200 }, { statusCode: 404, selectionPattern: '404', responseTemplates: { 'text/plain': 'none' } }],
  });
  assert.deepEqual(api.toModel().resources[0]?.methods[0], {
    httpMethod: 'GET',
    integration: 'HTTP',
    integrationTimeoutMs: 500,
    integrationUri: 'http://${stageVariables.host}/pets/{id}',
    integrationHttpMethod: 'POST',
    integrationRequestParameters: { 'integration.request.path.id': 'method.request.path.id' },
    methodResponses: [
      { statusCode: '200', responseParameters: {} },
      { statusCode: '404', responseParameters: {} },
    ],
    integrationResponses: [
      { statusCode: '200', responseParameters: {} },
      { statusCode: '404', selectionPattern: '404', responseParameters: {}, responseTemplates: { 'text/plain': 'none' } },
    ],
    requestTemplates: { 'application/json': '{}' },
    passthroughBehavior: 'NEVER',
    contentHandling: 'CONVERT_TO_TEXT',
  });
});

test('REST-54 httpProxy(): {proxy} in the Uri mapped from the resource path parameter, as the console does; no mapping parts', () => {
  const api = restApi({ name: 'a', stage: 'prod' });
  api.resource('/{proxy+}').httpProxy('ANY', 'http://localhost:4000/{proxy}');
  assert.deepEqual(api.toModel().resources[0]?.methods[0], {
    httpMethod: 'ANY',
    integration: 'HTTP_PROXY',
    integrationTimeoutMs: 29_000,
    integrationUri: 'http://localhost:4000/{proxy}',
    integrationHttpMethod: 'ANY',
    integrationRequestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
    methodResponses: [],
    integrationResponses: [],
  });
});
