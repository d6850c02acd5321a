/** REST-50, REST-10, REST-13, REST-53..55: the checks of a REST method's integration, with field paths. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { restMapping } from '../../test/fixtures/services/rest-mapping/hoplite.config.ts';
import { issuesOf } from '../../test/helpers/model-issues.ts';

const model = (): any => JSON.parse(JSON.stringify(restMapping({ backend: '127.0.0.1:1', down: '127.0.0.1:2' }).toModel()));
/** The method at `resources[r].methods[m]` of the fixture. */
const methodOf = (broken: any, path: string, httpMethod = 'GET') =>
  broken.apis[0].resources.find((resource: any) => resource.path === path).methods.find((method: any) => method.httpMethod === httpMethod);
const at = (broken: any, path: string, httpMethod = 'GET') => {
  const resources = broken.apis[0].resources;
  const r = resources.findIndex((resource: any) => resource.path === path);
  const m = resources[r].methods.findIndex((method: any) => method.httpMethod === httpMethod);
  return `app.ts: apis[0].resources[${r}].methods[${m}]`;
};

test('REST-50 the fixture definition passes', () => {
  assert.deepEqual(issuesOf(model()), []);
});

test('REST-50 the integration type, and a function on Lambda types only', () => {
  const broken = model();
  methodOf(broken, '/status').integration = 'LAMBDA';
  methodOf(broken, '/pets/{id}').function = 'greet';
  delete methodOf(broken, '/greet/{name}', 'POST').function;
  assert.deepEqual(issuesOf(broken), [
    `${at(broken, '/greet/{name}', 'POST')}.function: expected a string, got nothing`,
    `${at(broken, '/status')}.integration: expected "AWS_PROXY", "AWS", "MOCK", "HTTP" or "HTTP_PROXY", got "LAMBDA"`,
    `${at(broken, '/pets/{id}')}.function: expected no function on a HTTP integration, got "greet"`,
  ]);
});

test('REST-53 REST-55 the Uri: stage variables the stage defines, an http(s) URL, {name} mapped; request parameter keys and sources', () => {
  const broken = model();
  methodOf(broken, '/slow').integrationUri = 'http://${stageVariables.nope}/slow';
  methodOf(broken, '/down').integrationUri = 'ftp://example.com/{x}';
  const pets = methodOf(broken, '/pets/{id}');
  delete pets.integrationRequestParameters['integration.request.path.id'];
  pets.integrationRequestParameters['integration.response.header.X'] = "'a'";
  pets.integrationRequestParameters['integration.request.header.Y'] = 'method.request.path.other';
  pets.integrationRequestParameters['integration.request.header.Z'] = 'method.request.body';
  assert.deepEqual(issuesOf(broken), [
    `${at(broken, '/pets/{id}')}.integrationUri: expected integrationRequestParameters to map "integration.request.path.id" for {id} (REST-55)`,
    `${at(broken, '/pets/{id}')}.integrationRequestParameters.integration.response.header.X: expected a key "integration.request.header|querystring|path.<name>" (REST-55)`,
    `${at(broken, '/pets/{id}')}.integrationRequestParameters.integration.request.header.Y: expected a path parameter of the resource "/pets/{id}", got "method.request.path.other"`,
    `${at(broken, '/pets/{id}')}.integrationRequestParameters.integration.request.header.Z: expected method.request.header|querystring|path.<name>, 'static text', stageVariables.<name> or context.<var> (REST-55), got "method.request.body"`,
    `${at(broken, '/slow')}.integrationUri: expected stage variables the stage defines, got \${stageVariables.nope} with no such variable`,
    `${at(broken, '/down')}.integrationUri: expected an http:// or https:// URL, got "ftp://example.com/{x}"`,
  ]);
});

test('REST-10 REST-13 templates: media type keys, VTL that parses, passthroughBehavior; none on proxy integrations', () => {
  const broken = model();
  const greet = methodOf(broken, '/greet/{name}', 'POST');
  greet.requestTemplates = { json: '{}', 'text/plain': '#if(' };
  greet.passthroughBehavior = 'SOMETIMES';
  greet.integrationResponses[0].responseTemplates = { 'application/json': '#foreach(' };
  methodOf(broken, '/proxy/{proxy+}', 'ANY').requestTemplates = { 'application/json': '{}' };
  const issues = issuesOf(broken).map((issue) =>
    issue.replace(/: expected a VTL mapping template \(REST-51\): .*/, ': expected a VTL mapping template (REST-51)'),
  );
  assert.deepEqual(issues, [
    `${at(broken, '/greet/{name}', 'POST')}.requestTemplates.json: expected a media type such as "application/json" as the key (REST-10, REST-13)`,
    `${at(broken, '/greet/{name}', 'POST')}.requestTemplates.text/plain: expected a VTL mapping template (REST-51)`,
    `${at(broken, '/greet/{name}', 'POST')}.passthroughBehavior: expected "WHEN_NO_MATCH", "WHEN_NO_TEMPLATES" or "NEVER" (REST-10), got "SOMETIMES"`,
    `${at(broken, '/greet/{name}', 'POST')}.integrationResponses[0].responseTemplates.application/json: expected a VTL mapping template (REST-51)`,
    `${at(broken, '/proxy/{proxy+}', 'ANY')}.requestTemplates: expected no requestTemplates on a HTTP_PROXY integration: it passes the request through`,
  ]);
});
