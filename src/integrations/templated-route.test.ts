/** A non-proxy route's mapping, with a scripted backend (MAP-1, MAP-2, MAP-20, MAP-21). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TemplateInputs } from '../mapping/index.ts';
import { type BackendAnswer, compileTemplatedRoute, type TemplatedIntegrationDefinition } from './templated-route.ts';

const CONTEXT = { connectionId: 'conn-1', routeKey: 'r', requestId: 'req-1', eventType: 'MESSAGE', stage: 'dev', apiId: 'api', domainName: 'localhost' };
const inputs = (body: string): TemplateInputs => ({ body, context: CONTEXT, stageVariables: {} });

/** A backend that records what it was sent and answers `answer`. */
function scripted(answer: BackendAnswer) {
  const sent: Array<string | Buffer> = [];
  return {
    sent,
    backend: {
      send: async (request: string | Buffer) => {
        sent.push(request);
        return answer;
      },
    },
  };
}

const OK: BackendAnswer = { kind: 'answered', key: '200', status: '200', input: '{"v":1}', data: '{"v":1}' };

test('MAP-20 passthroughBehavior: WHEN_NO_MATCH passes, WHEN_NO_TEMPLATES passes only without templates, NEVER refuses', async () => {
  const templates = { templateSelectionExpression: '${request.body.kind}', requestTemplates: { a: 'A' } };
  const cases: Array<[TemplatedIntegrationDefinition, string, string | 'unsupported']> = [
    [{ ...templates }, '{"kind":"b"}', '{"kind":"b"}'],
    [{ ...templates, passthroughBehavior: 'WHEN_NO_TEMPLATES' }, '{"kind":"b"}', 'unsupported'],
    [{ passthroughBehavior: 'WHEN_NO_TEMPLATES' }, '{"kind":"b"}', '{"kind":"b"}'],
    [{ ...templates, passthroughBehavior: 'NEVER' }, '{"kind":"b"}', 'unsupported'],
    [{ passthroughBehavior: 'NEVER' }, '{"kind":"b"}', 'unsupported'],
    [{ ...templates, passthroughBehavior: 'NEVER' }, '{"kind":"a"}', 'A'],
  ];
  for (const [definition, message, expected] of cases) {
    const { sent, backend } = scripted(OK);
    const reply = await compileTemplatedRoute({ ...definition, integrationResponses: [{ key: '$default' }] }, backend).respond(inputs(message));
    if (expected === 'unsupported') {
      assert.deepEqual(reply, { kind: 'unsupported' }, JSON.stringify(definition));
      assert.deepEqual(sent, []);
    } else assert.deepEqual(sent, [expected], JSON.stringify(definition));
  }
});

test('MAP-20 MAP-21 contentHandlingStrategy converts the request from base64 and the reply to base64', async () => {
  const { sent, backend } = scripted({ kind: 'answered', key: '200', status: '200', input: '', data: Buffer.from([1, 2, 3]) });
  const route = compileTemplatedRoute(
    { contentHandlingStrategy: 'CONVERT_TO_BINARY', integrationResponses: [{ key: '$default', contentHandlingStrategy: 'CONVERT_TO_TEXT' }] },
    backend,
  );
  assert.deepEqual(await route.respond(inputs('AAEC')), { kind: 'reply', data: 'AQID' });
  assert.deepEqual(sent, [Buffer.from([0, 1, 2])]);
  const binary = compileTemplatedRoute(
    { integrationResponses: [{ key: '$default', contentHandlingStrategy: 'CONVERT_TO_BINARY', responseTemplates: { $default: 'AAEC' } }] },
    scripted(OK).backend,
  );
  assert.deepEqual(await binary.respond(inputs('{}')), { kind: 'reply', data: Buffer.from([0, 1, 2]) });
  const text = compileTemplatedRoute({ integrationResponses: [{ key: '$default' }] }, scripted({ ...OK, data: Buffer.from('héllo') }).backend);
  assert.deepEqual(await text.respond(inputs('{}')), { kind: 'reply', data: 'héllo' });
});

test('MAP-1 a response template selection expression can read a backend header', async () => {
  const { backend } = scripted({ ...OK, headers: { 'content-type': 'text/csv' } });
  const route = compileTemplatedRoute(
    {
      integrationResponses: [
        {
          key: '$default',
          templateSelectionExpression: '${integration.response.header.Content-Type}',
          responseTemplates: { 'text/csv': 'csv', $default: 'other' },
        },
      ],
    },
    backend,
  );
  assert.deepEqual(await route.respond(inputs('{}')), { kind: 'reply', data: 'csv' });
});

test('MAP-21 $input of a response template is the backend answer; an error no response takes fails; a success sends nothing', async () => {
  const route = compileTemplatedRoute(
    { integrationResponses: [{ key: '/bad.*/', responseTemplates: { $default: "$input.path('$.v')" } }] },
    scripted({ ...OK, key: 'bad thing', isError: true }).backend,
  );
  assert.deepEqual(await route.respond(inputs('{"v":2}')), { kind: 'reply', data: '1' });
  const unmatched = compileTemplatedRoute({ integrationResponses: [{ key: '/other/' }] }, scripted({ ...OK, key: 'bad thing', isError: true }).backend);
  assert.deepEqual(await unmatched.respond(inputs('{}')), { kind: 'failed', error: { errorType: 'IntegrationError', errorMessage: 'bad thing', trace: [] } });
  const quiet = compileTemplatedRoute({ integrationResponses: [{ key: '/other/' }] }, scripted(OK).backend);
  assert.deepEqual(await quiet.respond(inputs('{}')), { kind: 'no-reply' });
});

test('a backend timeout or failure is the reply as it is', async () => {
  for (const answer of [{ kind: 'timed-out' }, { kind: 'failed', error: { errorType: 'E', errorMessage: 'm', trace: [] } }] as BackendAnswer[]) {
    assert.deepEqual(await compileTemplatedRoute({}, scripted(answer).backend).respond(inputs('{}')), answer);
  }
});

test('MAP-30 a template with a directive API Gateway does not run is told once, at start, naming it', async () => {
  const warnings: string[] = [];
  const route = compileTemplatedRoute(
    {
      requestTemplates: { $default: '#include("a")' },
      integrationResponses: [{ key: '$default', responseTemplates: { $default: '#parse("b")#evaluate("c")' } }],
    },
    scripted(OK).backend,
    'routes[0].integration',
    (message) => warnings.push(message),
  );
  await route.respond(inputs('{}'));
  await route.respond(inputs('{}'));
  assert.deepEqual(warnings, [
    'routes[0].integration.requestTemplates["$default"]: #include (line 1) is not supported in API Gateway mapping templates and renders nothing',
    'routes[0].integration.integrationResponses[0].responseTemplates["$default"]: #parse (line 1), #evaluate (line 1) are not supported in API Gateway mapping templates and render nothing',
  ]);
});
