/** The builder calls for REST gateway responses, validators, models, API keys and usage plans, and the model they make. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiKey } from './api-key.ts';
import { fn } from './function.ts';
import { restApi } from './rest-api.ts';
import { service } from './service.ts';
import { usagePlan } from './usage-plan.ts';

test('REST-31 REST-33 REST-35 REST-36 REST-37 REST-38 restApi() and usagePlan() make the CloudFormation-named model', () => {
  const echo = fn('echo', { handler: 'index.handler' });
  const api = restApi({ name: 'shop', stage: 'prod' })
    .gatewayResponse('DEFAULT_4XX', { statusCode: 418, responseParameters: { 'gatewayresponse.header.X-A': "'a'" } })
    .model('Order', { type: 'object' })
    .requestValidator('body', { validateRequestBody: true });
  api.resource('/orders').method('POST', echo, {
    apiKeyRequired: true,
    requestValidator: 'body',
    requestModels: { 'application/json': 'Order' },
    requestParameters: { 'method.request.header.X-Tenant': true },
  });
  const key = apiKey('mobile', { value: 'mobile-key-0123456789' });
  const model = service('svc', {
    apis: [api],
    apiKeys: [key],
    usagePlans: [
      usagePlan('basic', {
        apiStages: [{ api, throttle: { '/orders/POST': { burstLimit: 1, rateLimit: 1 } } }],
        quota: { limit: 5, period: 'WEEK' },
        apiKeys: [key],
      }),
    ],
  }).toModel();
  const [rest] = model.apis;
  assert.ok(rest?.protocol === 'REST');
  assert.deepEqual(rest.gatewayResponses, [{ responseType: 'DEFAULT_4XX', statusCode: '418', responseParameters: { 'gatewayresponse.header.X-A': "'a'" } }]);
  assert.deepEqual(rest.models, { Order: { contentType: 'application/json', schema: { type: 'object' } } });
  assert.deepEqual(rest.requestValidators, [{ name: 'body', validateRequestBody: true, validateRequestParameters: false }]);
  assert.deepEqual(rest.resources[0]?.methods[0], {
    httpMethod: 'POST',
    function: 'echo',
    integration: 'AWS_PROXY',
    integrationTimeoutMs: 29_000,
    methodResponses: [],
    integrationResponses: [],
    apiKeyRequired: true,
    requestParameters: { 'method.request.header.X-Tenant': true },
    requestValidatorId: 'body',
    requestModels: { 'application/json': 'Order' },
  });
  assert.deepEqual(model.usagePlans, [
    {
      name: 'basic',
      apiStages: [{ api: 'shop', stage: 'prod', throttle: { '/orders/POST': { burstLimit: 1, rateLimit: 1 } } }],
      quota: { limit: 5, period: 'WEEK' },
      apiKeys: ['mobile'],
    },
  ]);
});
