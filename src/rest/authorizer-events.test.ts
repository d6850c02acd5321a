/** REST-40, REST-42: method ARNs and the events of TOKEN and REQUEST authorizers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestAuthorizerEvent, restIdentityRequest, restMethodArn, tokenAuthorizerEvent } from './authorizer-events.ts';

const api = { apiId: 'a1b2c3d4e5', accountId: '123456789012', stage: 'prod', stageVariables: undefined };

test('REST-40 the method ARN names the request method and path, the root with a trailing slash', () => {
  assert.equal(restMethodArn('eu-west-1', api, 'GET', '/items/7'), 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/items/7');
  assert.equal(restMethodArn('eu-west-1', api, 'DELETE', '/'), 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/DELETE/');
});

test('REST-40 the TOKEN event, in the documented key order', () => {
  const event = tokenAuthorizerEvent('abc', 'arn:x');
  assert.deepStrictEqual(event, { type: 'TOKEN', authorizationToken: 'abc', methodArn: 'arn:x' });
  assert.deepStrictEqual(Object.keys(event), ['type', 'authorizationToken', 'methodArn']);
});

const shape = {
  facts: {
    method: 'POST',
    rawPath: '/prod/',
    rawQuery: '',
    rawHeaders: ['Host', 'h'],
    body: Buffer.from('ignored'),
    sourceIp: '10.0.0.1',
    domainName: 'h',
    localPort: 443,
    secure: true,
    traceId: 'Root=1-0-0',
    requestId: 'ext-id',
    timeEpoch: Date.UTC(2024, 0, 1),
  },
  api,
  pathParameters: undefined,
  resource: '/',
  path: '/',
  requestId: 'req-1',
};

test('REST-42 without query, path parameters or stage variables the maps are {}; no body is passed', () => {
  const event = requestAuthorizerEvent(shape, 'arn:y');
  assert.deepStrictEqual(
    { ...event, requestContext: undefined },
    {
      type: 'REQUEST',
      methodArn: 'arn:y',
      resource: '/',
      path: '/',
      httpMethod: 'POST',
      headers: { Host: 'h', 'X-Amzn-Trace-Id': 'Root=1-0-0', 'X-Forwarded-For': '10.0.0.1', 'X-Forwarded-Port': '443', 'X-Forwarded-Proto': 'https' },
      multiValueHeaders: {
        Host: ['h'],
        'X-Amzn-Trace-Id': ['Root=1-0-0'],
        'X-Forwarded-For': ['10.0.0.1'],
        'X-Forwarded-Port': ['443'],
        'X-Forwarded-Proto': ['https'],
      },
      queryStringParameters: {},
      multiValueQueryStringParameters: {},
      pathParameters: {},
      stageVariables: {},
      requestContext: undefined,
    },
  );
  assert.equal(event.requestContext.requestId, 'req-1');
  assert.equal(event.requestContext.extendedRequestId, 'ext-id');
});

test('REST-42 identity sources read the last query value and the context variables only when asked', () => {
  const withQuery = { ...shape, facts: { ...shape.facts, rawQuery: 'a=1&a=2' } };
  assert.deepStrictEqual(restIdentityRequest(withQuery, false), { rawHeaders: ['Host', 'h'], query: { a: '2' }, stageVariables: {}, context: {} });
  const { context } = restIdentityRequest(shape, true);
  assert.equal(context.requestId, 'req-1');
  assert.equal(context['identity.sourceIp'], '10.0.0.1');
  assert.equal(context.resourcePath, '/');
});
