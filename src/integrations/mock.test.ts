/** MOCK integrations: the request template's status selects the integration response that renders the reply (MAP-21, MAP-22). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TemplateInputs } from '../mapping/index.ts';
import { compileMockRoute, type MockIntegrationDefinition } from './mock.ts';
import { TemplateDefinitionError } from './templated-route.ts';

const CONTEXT = { connectionId: 'conn-1', routeKey: 'ping', requestId: 'req-1', eventType: 'MESSAGE', stage: 'dev', apiId: 'api', domainName: 'localhost' };
const inputs = (body: string): TemplateInputs => ({ body, context: CONTEXT, stageVariables: {} });

const PING: MockIntegrationDefinition = {
  type: 'MOCK',
  requestTemplates: { $default: '{"statusCode": 200}' },
  integrationResponses: [{ key: '$default', responseTemplates: { $default: '{"pong": "$context.connectionId"}' } }],
};

test('MAP-22 a MOCK route answers through its $default integration response template', async () => {
  assert.deepEqual(await compileMockRoute(PING).respond(inputs('{"action":"ping"}')), { kind: 'reply', data: '{"pong": "conn-1"}' });
});

test('MAP-22 MAP-2 the status code selects the integration response by /regex/ in full, else $default', async () => {
  const route = compileMockRoute({
    type: 'MOCK',
    templateSelectionExpression: '${request.body.kind}',
    requestTemplates: { ok: '{"statusCode": 200}', missing: '{"statusCode": 404}', odd: '{"statusCode": 2000}' },
    integrationResponses: [
      { key: '/2\\d\\d/', responseTemplates: { $default: 'two-hundred' } },
      { key: '/4\\d\\d/', responseTemplates: { $default: "not found: $input.path('$.kind')" } },
      { key: '$default', responseTemplates: { $default: 'default' } },
    ],
  });
  assert.deepEqual(await route.respond(inputs('{"kind":"ok"}')), { kind: 'reply', data: 'two-hundred' });
  assert.deepEqual(await route.respond(inputs('{"kind":"missing"}')), { kind: 'reply', data: 'not found: missing' });
  assert.deepEqual(await route.respond(inputs('{"kind":"odd"}')), { kind: 'reply', data: 'default' });
});

test('MAP-1 an integration response template selection expression can read the status code', async () => {
  const route = compileMockRoute({
    type: 'MOCK',
    requestTemplates: { $default: '{"statusCode": 201}' },
    integrationResponses: [
      { key: '$default', templateSelectionExpression: '${integration.response.statuscode}', responseTemplates: { '201': 'created', $default: 'other' } },
    ],
  });
  assert.deepEqual(await route.respond(inputs('{}')), { kind: 'reply', data: 'created' });
});

test('MAP-21 no matching integration response, or one without templates, sends no reply', async () => {
  const none = compileMockRoute({
    type: 'MOCK',
    requestTemplates: { $default: '{"statusCode": 500}' },
    integrationResponses: [{ key: '/2\\d\\d/', responseTemplates: { $default: 'x' } }],
  });
  assert.deepEqual(await none.respond(inputs('{}')), { kind: 'no-reply' });
  const bare = compileMockRoute({ type: 'MOCK', requestTemplates: { $default: '{"statusCode": 200}' }, integrationResponses: [{ key: '$default' }] });
  assert.deepEqual(await bare.respond(inputs('{}')), { kind: 'no-reply' });
});

test('MAP-22 a request template that renders no statusCode fails the integration', async () => {
  const route = compileMockRoute({ type: 'MOCK', requestTemplates: { $default: '{"status": 200}' }, integrationResponses: [{ key: '$default' }] });
  assert.deepEqual(await route.respond(inputs('{}')), {
    kind: 'failed',
    error: { errorType: 'MockIntegrationError', errorMessage: 'The MOCK request template rendered no integer statusCode', trace: [] },
  });
});

test('MAP-30 a template that fails while rendering is a failure naming the template', async () => {
  const route = compileMockRoute({
    type: 'MOCK',
    requestTemplates: { $default: '{"statusCode": 200}' },
    integrationResponses: [{ key: '$default', responseTemplates: { $default: '$util.parseJson($input.body).a' } }],
  });
  const reply = await route.respond(inputs('not json'));
  assert.equal(reply.kind, 'failed');
  assert.equal(reply.kind === 'failed' && reply.error.errorType, 'MappingTemplateError');
  assert.match(reply.kind === 'failed' ? reply.error.errorMessage : '', /^integration\.integrationResponses\[0\]\.responseTemplates: /);
});

test('MAP-30 a template that does not parse is a definition error naming it', () => {
  assert.throws(
    () => compileMockRoute({ type: 'MOCK', requestTemplates: { $default: '#if(' } }, 'routes.ping.integration'),
    (error: unknown) => error instanceof TemplateDefinitionError && error.where === 'routes.ping.integration.requestTemplates["$default"]',
  );
});
