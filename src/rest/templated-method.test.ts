/** REST-10, REST-12, REST-52: a mapped method on its own, through a MOCK (no backend, no socket). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../internal/manual-clock.ts';
import type { RestMethodModel } from '../model/types.ts';
import { defaultGatewayResponse } from './gateway-responses.ts';
import { compileMappedMethod, type MappedRequest } from './templated-method.ts';

const CONTEXT = { requestId: 'req-1', resourcePath: '/m', httpMethod: 'POST', stage: 'prod', apiId: 'api' };

function request(body: string, contentType: string | undefined, accept?: string): MappedRequest {
  return {
    method: 'POST',
    body: Buffer.from(body),
    contentType,
    accept,
    params: { path: {}, querystring: {}, header: {} },
    context: CONTEXT,
    rawQuery: '',
    rawHeaders: [],
  };
}

function mock(extra: Partial<RestMethodModel>): RestMethodModel {
  return {
    httpMethod: 'POST',
    integration: 'MOCK',
    integrationTimeoutMs: 29_000,
    methodResponses: [{ statusCode: '200', responseParameters: {} }],
    integrationResponses: [{ statusCode: '200', responseParameters: {} }],
    ...extra,
  };
}

function compiled(method: RestMethodModel) {
  const logged: string[] = [];
  const settings = {
    invoker: undefined as never,
    clock: new ManualClock(0),
    stageVariables: { v: 's' },
    binaryMediaTypes: ['image/png'],
    log: (line: string) => logged.push(line),
  };
  return { method: compileMappedMethod(method, settings), logged };
}

const text = async (promise: ReturnType<ReturnType<typeof compileMappedMethod>['respond']>) => {
  const response = await promise;
  return { statusCode: response.statusCode, headers: response.headers, body: response.body?.toString() };
};

test('REST-10 WHEN_NO_TEMPLATES: a method without templates passes the body; one with templates for other types answers 415', async () => {
  // spec: unverified (a MOCK response without a template has an empty body)
  const bare = compiled(mock({ passthroughBehavior: 'WHEN_NO_TEMPLATES' })).method;
  assert.deepEqual(await text(bare.respond(request('{"statusCode": 200}', 'text/plain'), defaultGatewayResponse)), {
    statusCode: 200,
    headers: [['content-type', 'application/json']],
    body: '',
  });
  const templated = compiled(mock({ passthroughBehavior: 'WHEN_NO_TEMPLATES', requestTemplates: { 'application/xml': '{"statusCode": 200}' } })).method;
  assert.deepEqual(await text(templated.respond(request('{"statusCode": 200}', 'application/json'), defaultGatewayResponse)), {
    statusCode: 415,
    headers: [
      ['content-type', 'application/json'],
      ['x-amzn-ErrorType', 'UnsupportedMediaTypeException'],
    ],
    body: '{"message":"Unsupported Media Type"}',
  });
});

test('REST-12 REST-13 a mapped Content-Type replaces the template media type; stage variables in parameters', async () => {
  const { method } = compiled(
    mock({
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      integrationResponses: [
        {
          statusCode: '200',
          responseParameters: { 'method.response.header.Content-Type': "'text/html'", 'method.response.header.X-V': 'stageVariables.v' },
          responseTemplates: { 'application/json': '<p>$context.requestId</p>' },
        },
      ],
    }),
  );
  assert.deepEqual(await text(method.respond(request('', undefined), defaultGatewayResponse)), {
    statusCode: 200,
    headers: [
      ['Content-Type', 'text/html'],
      ['X-V', 's'],
    ],
    body: '<p>req-1</p>',
  });
});

test('REST-52 a template that fails to render, or a MOCK rendering no statusCode, is 500 and logged with the request id', async () => {
  // spec: unverified (both are 500 API_CONFIGURATION_ERROR)
  const failing = compiled(mock({ requestTemplates: { 'application/json': '$util.parseJson("not json")' } }));
  const answer = await text(failing.method.respond(request('', 'application/json'), defaultGatewayResponse));
  assert.deepEqual([answer.statusCode, answer.body], [500, '{"message": "Internal server error"}']);
  assert.match(failing.logged[0] as string, /^request req-1: a mapping template failed to render: /);
  const noStatus = compiled(mock({ requestTemplates: { 'application/json': '{"ok": true}' } }));
  assert.equal((await noStatus.method.respond(request('', 'application/json'), defaultGatewayResponse)).statusCode, 500);
  assert.deepEqual(noStatus.logged, ['request req-1: MOCK integration failed: The MOCK request template rendered no integer statusCode']);
});

test('REST-57 CONVERT_TO_TEXT gives the template a binary request as base64; CONVERT_TO_BINARY sends a base64 response as bytes', async () => {
  const { method } = compiled(
    mock({
      contentHandling: 'CONVERT_TO_TEXT',
      requestTemplates: { 'image/png': '#if($input.body == "AAEC"){"statusCode": 200}#{else}{"statusCode": 500}#end' },
      integrationResponses: [{ statusCode: '200', responseParameters: {}, responseTemplates: { 'image/png': 'aGk=' }, contentHandling: 'CONVERT_TO_BINARY' }],
    }),
  );
  const binary = { ...request('', 'image/png', 'image/png'), body: Buffer.from([0, 1, 2]) };
  assert.deepEqual(await text(method.respond(binary, defaultGatewayResponse)), { statusCode: 200, headers: [['content-type', 'image/png']], body: 'hi' });
});
