/** REST-56: the methods and gateway responses CORS on a REST resource makes, as the console's "Enable CORS" does. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fn } from './function.ts';
import { restApi } from './rest-api.ts';

const HEADERS = "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token'";

test('REST-56 cors: true adds an OPTIONS MOCK method answering the preflight, the origin on mapped 200s, CORS on DEFAULT_4XX/5XX', () => {
  const handler = fn('h', { handler: 'index.handler' });
  const api = restApi({ name: 'a', stage: 'prod', cors: true });
  api.resource('/items').method('GET', handler).mock('POST');
  const model = api.toModel();
  const methods = model.resources[0]?.methods ?? [];
  assert.deepEqual(
    methods.map((method) => `${method.httpMethod} ${method.integration}`),
    ['GET AWS_PROXY', 'POST MOCK', 'OPTIONS MOCK'],
  );
  assert.deepEqual(methods[2], {
    httpMethod: 'OPTIONS',
    integration: 'MOCK',
    integrationTimeoutMs: 29_000,
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    methodResponses: [
      {
        statusCode: '200',
        responseParameters: {
          'method.response.header.Access-Control-Allow-Headers': false,
          'method.response.header.Access-Control-Allow-Methods': false,
          'method.response.header.Access-Control-Allow-Origin': false,
        },
      },
    ],
    integrationResponses: [
      {
        statusCode: '200',
        responseParameters: {
          'method.response.header.Access-Control-Allow-Headers': HEADERS,
          'method.response.header.Access-Control-Allow-Methods': "'GET,POST,OPTIONS'",
          'method.response.header.Access-Control-Allow-Origin': "'*'",
        },
        responseTemplates: { 'application/json': '' },
      },
    ],
  });
  // A Lambda proxy's function sets its own headers; a mapped method's 200 gets the origin.
  assert.deepEqual(methods[0]?.integrationResponses, []);
  assert.deepEqual(methods[1]?.methodResponses, [{ statusCode: '200', responseParameters: { 'method.response.header.Access-Control-Allow-Origin': false } }]);
  assert.deepEqual(methods[1]?.integrationResponses[0]?.responseParameters, { 'method.response.header.Access-Control-Allow-Origin': "'*'" });
  const cors = { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'", 'gatewayresponse.header.Access-Control-Allow-Headers': HEADERS };
  assert.deepEqual(model.gatewayResponses, [
    { responseType: 'DEFAULT_4XX', responseParameters: cors },
    { responseType: 'DEFAULT_5XX', responseParameters: cors },
  ]);
});

test('REST-56 per resource, with options; an OPTIONS the resource defines is kept; gatewayResponses: false leaves them', () => {
  const api = restApi({ name: 'a', stage: 'prod' });
  api
    .resource('/a')
    .cors({ allowOrigin: 'https://x.example', allowMethods: ['PUT'], allowCredentials: true, gatewayResponses: false })
    .mock('ANY');
  api.resource('/b').cors().mock('OPTIONS');
  api.resource('/c').mock('GET');
  const model = api.toModel();
  const [a, b, c] = model.resources;
  assert.deepEqual(a?.methods[1]?.integrationResponses[0]?.responseParameters, {
    'method.response.header.Access-Control-Allow-Headers': HEADERS,
    'method.response.header.Access-Control-Allow-Methods': "'PUT'",
    'method.response.header.Access-Control-Allow-Origin': "'https://x.example'",
    'method.response.header.Access-Control-Allow-Credentials': "'true'",
  });
  assert.deepEqual(
    b?.methods.map((method) => method.httpMethod),
    ['OPTIONS'],
  );
  assert.deepEqual(c?.methods[0]?.integrationResponses[0]?.responseParameters, {});
  // The first resource with CORS names the gateway responses' setting; /a turned them off.
  assert.equal(model.gatewayResponses, undefined);
});
