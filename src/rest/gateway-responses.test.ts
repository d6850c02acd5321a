/** REST-30..32: default gateway responses, customizations with their fallback, template variables. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GatewayResponse } from '../internal/edge/values.ts';
import { REST_GATEWAY_RESPONSE_TYPES } from '../model/validate-rest.ts';
import { GATEWAY_RESPONSE_TYPES } from './gateway-response-types.ts';
import { defaultGatewayResponse, type GatewayErrorRequest, gatewayResponder } from './gateway-responses.ts';
import { renderGatewayTemplate } from './gateway-template.ts';

const shape = (response: GatewayResponse) => ({ status: response.statusCode, headers: response.headers, body: response.body.toString() });

const REQUEST = (): GatewayErrorRequest => ({
  rawHeaders: ['X-Asked', 'yes', 'User-Agent', 'curl/8'],
  rawQuery: 'q=a&q=b',
  pathParameters: { id: '42' },
  context: { requestId: 'r-1', stage: 'prod', identity: { sourceIp: '198.51.100.7' } },
});

test('REST-30 the model checker and the runtime know the same response types', () => {
  assert.deepEqual([...REST_GATEWAY_RESPONSE_TYPES].sort(), Object.keys(GATEWAY_RESPONSE_TYPES).sort());
});

test('REST-30 default statuses, messages and error types of the types Hoplite answers', () => {
  const table = {
    MISSING_AUTHENTICATION_TOKEN: [403, '{"message":"Missing Authentication Token"}', 'MissingAuthenticationTokenException'],
    INVALID_API_KEY: [403, '{"message":"Forbidden"}', 'ForbiddenException'],
    THROTTLED: [429, '{"message":"Too Many Requests"}', 'TooManyRequestsException'],
    QUOTA_EXCEEDED: [429, '{"message":"Limit Exceeded"}', 'LimitExceededException'],
    BAD_REQUEST_BODY: [400, '{"message":"Invalid request body"}', 'BadRequestException'],
    REQUEST_TOO_LARGE: [413, '{"message":"Request Too Long"}', undefined],
    INTEGRATION_TIMEOUT: [504, '{"message": "Endpoint request timed out"}', undefined],
    API_CONFIGURATION_ERROR: [500, '{"message": "Internal server error"}', 'InternalServerErrorException'],
    UNAUTHORIZED: [401, '{"message":"Unauthorized"}', 'UnauthorizedException'],
  } as const;
  for (const [type, [status, body, errorType]] of Object.entries(table)) {
    const headers: Array<[string, string]> = [['content-type', 'application/json']];
    if (errorType) headers.push(['x-amzn-ErrorType', errorType]);
    assert.deepEqual(shape(defaultGatewayResponse({ type: type as keyof typeof table })), { status, headers, body }, type);
  }
});

test('REST-30 REST-2 a message of the runtime and an observed status replace the defaults', () => {
  assert.deepEqual(shape(defaultGatewayResponse({ type: 'INTEGRATION_FAILURE', statusCode: 502 })), {
    status: 502,
    headers: [['content-type', 'application/json']],
    body: '{"message": "Internal server error"}',
  });
  const parameters = defaultGatewayResponse({ type: 'BAD_REQUEST_PARAMETERS', message: 'Missing required request parameters: [q]' });
  assert.equal(parameters.body.toString(), '{"message":"Missing required request parameters: [q]"}');
});

test('REST-31 an API that customizes nothing answers the defaults without reading the request', () => {
  const respond = gatewayResponder(undefined, {});
  assert.equal(respond, defaultGatewayResponse);
  const other = gatewayResponder([{ responseType: 'THROTTLED', statusCode: '503' }], {});
  const read: string[] = [];
  const response = other({ type: 'INVALID_API_KEY' }, () => {
    read.push('request');
    return REQUEST();
  });
  assert.deepEqual([response.statusCode, read], [403, []]);
});

test('REST-31 REST-32 a customized type: status, headers from every source, its template and content type', () => {
  const respond = gatewayResponder(
    [
      {
        responseType: 'MISSING_AUTHENTICATION_TOKEN',
        statusCode: '404',
        responseParameters: {
          'gatewayresponse.header.x-static': "'fixed'",
          'gatewayresponse.header.x-asked': 'method.request.header.x-asked',
          'gatewayresponse.header.x-q': 'method.request.querystring.q',
          'gatewayresponse.header.x-id': 'method.request.path.id',
          'gatewayresponse.header.x-color': 'stageVariables.color',
          'gatewayresponse.header.x-request': 'context.requestId',
          'gatewayresponse.header.x-ip': 'context.identity.sourceIp',
          'gatewayresponse.header.x-none': 'method.request.header.absent',
        },
        responseTemplates: {
          'application/xml': '<e/>',
          'application/json': '{"m":$context.error.messageString,"t":"${context.error.responseType}","c":"$stageVariables.color"}',
        },
      },
    ],
    { color: 'blue' },
  );
  assert.deepEqual(shape(respond({ type: 'MISSING_AUTHENTICATION_TOKEN' }, REQUEST)), {
    status: 404,
    headers: [
      ['content-type', 'application/json'],
      ['x-amzn-ErrorType', 'MissingAuthenticationTokenException'],
      ['x-static', 'fixed'],
      ['x-asked', 'yes'],
      ['x-q', 'b'],
      ['x-id', '42'],
      ['x-color', 'blue'],
      ['x-request', 'r-1'],
      ['x-ip', '198.51.100.7'],
    ],
    body: '{"m":"Missing Authentication Token","t":"MISSING_AUTHENTICATION_TOKEN","c":"blue"}',
  });
});

test('REST-31 DEFAULT_4XX customizes every 4XX type that has no customization of its own, field by field // spec: unverified', () => {
  const respond = gatewayResponder(
    [
      { responseType: 'DEFAULT_4XX', statusCode: '418', responseParameters: { 'gatewayresponse.header.x-all': "'4xx'" } },
      { responseType: 'INVALID_API_KEY', responseTemplates: { 'text/plain': 'no key: $context.error.message' } },
    ],
    {},
  );
  assert.deepEqual(shape(respond({ type: 'THROTTLED' }, REQUEST)), {
    status: 418,
    headers: [
      ['content-type', 'application/json'],
      ['x-amzn-ErrorType', 'TooManyRequestsException'],
      ['x-all', '4xx'],
    ],
    body: '{"message":"Too Many Requests"}',
  });
  assert.deepEqual(shape(respond({ type: 'INVALID_API_KEY' }, REQUEST)), {
    status: 418,
    headers: [
      ['content-type', 'text/plain'],
      ['x-amzn-ErrorType', 'ForbiddenException'],
      ['x-all', '4xx'],
    ],
    body: 'no key: Forbidden',
  });
  // 5XX types do not fall back to DEFAULT_4XX.
  assert.equal(respond({ type: 'INTEGRATION_TIMEOUT' }, REQUEST).statusCode, 504);
});

test("REST-31 DEFAULT_5XX changes the status of REST-2's observed 502 too", () => {
  const respond = gatewayResponder([{ responseType: 'DEFAULT_5XX', statusCode: '503' }], {});
  assert.deepEqual(shape(respond({ type: 'INTEGRATION_FAILURE', statusCode: 502 }, REQUEST)), {
    status: 503,
    headers: [['content-type', 'application/json']],
    body: '{"message": "Internal server error"}',
  });
});

test('REST-32 templates substitute variables and leave VTL directives as text; a missing value renders empty // spec: unverified', () => {
  const values = {
    context: { requestId: 'r-1', error: { validationErrorString: '[bad]' }, identity: { sourceIp: '1.2.3.4' } },
    stageVariables: { env: 'dev' },
  };
  assert.equal(
    renderGatewayTemplate(
      '#if($x)yes#end $context.requestId ${context.identity.sourceIp} $stageVariables.env [$context.nope] $input.body $context.error.validationErrorString',
      values,
    ),
    '#if($x)yes#end r-1 1.2.3.4 dev [] $input.body [bad]',
  );
});
