import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorizerEvent, connectMethodArn } from './authorizer-event.ts';
import { decideAuthorizer } from './outcome.ts';

const ARN = connectMethodArn('us-east-1', '123456789012', 'a1b2c3d4e5', 'dev');
const policy = (Effect: string) => ({ principalId: 'p', policyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect, Resource: ARN }] } });
const error = (errorMessage: string) => ({ kind: 'failed' as const, error: { errorType: 'Error', errorMessage } });

test('AUTH-3 method ARN ends with /{stage}/$connect and has no HTTP method', () => {
  assert.equal(ARN, 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/dev/$connect');
});

test('AUTH-6 outcome table: statuses and bodies', () => {
  const unauthorized = { kind: 'refuse', status: 401, body: '{"message":"Unauthorized"}' };
  const failure = (problem: string) => ({ kind: 'refuse', status: 500, body: '{"message":null}', problem });
  assert.deepEqual(decideAuthorizer(error('Unauthorized'), ARN), unauthorized);
  assert.deepEqual(decideAuthorizer(error('boom'), ARN), failure('the authorizer failed: Error: boom'));
  assert.deepEqual(decideAuthorizer({ kind: 'timed-out' }, ARN), failure('the authorizer timed out'));
  assert.deepEqual(decideAuthorizer({ kind: 'answered', payload: 'nope' }, ARN), failure('the result is not an object'));
  assert.deepEqual(decideAuthorizer({ kind: 'answered', payload: policy('Deny') }, ARN), {
    kind: 'refuse',
    status: 403,
    body: '{"message":"User is not authorized to access this resource with an explicit deny"}',
  });
  assert.deepEqual(decideAuthorizer({ kind: 'answered', payload: { ...policy('Allow'), policyDocument: { Statement: [] } } }, ARN), {
    kind: 'refuse',
    status: 403,
    body: '{"message":"User is not authorized to access this resource"}',
  });
  assert.deepEqual(decideAuthorizer({ kind: 'answered', payload: policy('Allow') }, ARN), {
    kind: 'allow',
    result: { principalId: 'p', statements: policy('Allow').policyDocument.Statement, context: {} },
  });
});

test("AUTH-3 authorizer event: hop-by-hop headers kept, added headers after the client's, empty maps are {}", () => {
  const requestContext = { routeKey: '$connect', connectionId: 'c' };
  assert.deepEqual(
    authorizerEvent({
      methodArn: ARN,
      rawHeaders: ['Host', 'h', 'Connection', 'upgrade', 'Upgrade', 'websocket', 'X-Forwarded-For', 'spoofed'],
      addedHeaders: [
        ['X-Amzn-Trace-Id', 'Root=1'],
        ['X-Forwarded-For', '198.51.100.7'],
      ],
      query: undefined,
      stageVariables: {},
      requestContext,
    }),
    {
      type: 'REQUEST',
      methodArn: ARN,
      headers: { Host: 'h', Connection: 'upgrade', Upgrade: 'websocket', 'X-Amzn-Trace-Id': 'Root=1', 'X-Forwarded-For': '198.51.100.7' },
      multiValueHeaders: { Host: ['h'], Connection: ['upgrade'], Upgrade: ['websocket'], 'X-Amzn-Trace-Id': ['Root=1'], 'X-Forwarded-For': ['198.51.100.7'] },
      queryStringParameters: {},
      multiValueQueryStringParameters: {},
      stageVariables: {},
      requestContext,
    },
  );
});
