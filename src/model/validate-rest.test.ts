/** REST-31..38: the checks of gateway responses, validators, models, key requirements and usage plans, with field paths. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import features from '../../test/fixtures/services/rest-features/hoplite.config.ts';
import { issuesOf } from '../../test/helpers/model-issues.ts';

const model = (): any => JSON.parse(JSON.stringify(features.toModel()));

test('REST-31 REST-33 REST-35 REST-36 the fixture definition passes', () => {
  assert.deepEqual(issuesOf(model()), []);
});

test('REST-31 gateway responses: unknown or repeated types, bad statuses, header keys, sources and template keys', () => {
  const broken = model();
  broken.apis[0].gatewayResponses = [
    { responseType: 'NOT_A_TYPE' },
    { responseType: 'THROTTLED', statusCode: '99' },
    { responseType: 'THROTTLED' },
    {
      responseType: 'DEFAULT_4XX',
      responseParameters: { 'method.response.header.X': "'a'", 'gatewayresponse.header.Y': 'integration.response.body.x' },
      responseTemplates: { json: '{}', 'text/plain': 1 },
    },
  ];
  assert.deepEqual(issuesOf(broken), [
    'app.ts: apis[0].gatewayResponses[0].responseType: expected a gateway response type such as "DEFAULT_4XX" or "INVALID_API_KEY" (REST-30), got "NOT_A_TYPE"',
    'app.ts: apis[0].gatewayResponses[1].statusCode: expected a status code such as "404", got "99"',
    'app.ts: apis[0].gatewayResponses[2].responseType: expected a unique gateway response type, "THROTTLED" is defined twice',
    'app.ts: apis[0].gatewayResponses[3].responseParameters.method.response.header.X: expected a key "gatewayresponse.header.<Name>" (REST-31)',
    `app.ts: apis[0].gatewayResponses[3].responseParameters.gatewayresponse.header.Y: expected 'static text', method.request.header|querystring|path.<name>, stageVariables.<name> or context.<var> (REST-31), got "integration.response.body.x"`,
    'app.ts: apis[0].gatewayResponses[3].responseTemplates.json: expected a media type such as "application/json" as the key',
    'app.ts: apis[0].gatewayResponses[3].responseTemplates.text/plain: expected a template string, got number 1',
  ]);
});

test('REST-33 REST-34 REST-35 validators, models, required parameters and request models a method names', () => {
  const broken = model();
  const api = broken.apis[0];
  api.models.Bad = { contentType: 'application/json', schema: { type: 'strin' } };
  api.requestValidators.push({ name: 'all', validateRequestBody: 'yes', validateRequestParameters: true });
  const orders = api.resources[0].methods[0];
  orders.requestValidatorId = 'missing';
  orders.requestParameters = { 'method.request.path.id': true, 'method.request.body.x': true, 'method.request.querystring.q': 'yes' };
  orders.requestModels = { 'application/json': 'Nope', 'not a type': 'Order' };
  assert.deepEqual(issuesOf(broken), [
    'app.ts: apis[0].models.Bad.schema: expected model "Bad" to be a JSON Schema draft 4 (REST-35): schema is invalid: data/type must be equal to one of the allowed values, data/type must be array, data/type must match a schema in anyOf',
    'app.ts: apis[0].requestValidators[2].name: expected a unique request validator name, "all" is defined twice',
    'app.ts: apis[0].requestValidators[2].validateRequestBody: expected true or false, got "yes"',
    'app.ts: apis[0].resources[0].methods[0].requestParameters.method.request.path.id: expected a path parameter of the resource "/orders"',
    'app.ts: apis[0].resources[0].methods[0].requestParameters.method.request.body.x: expected a key "method.request.querystring|header|path.<name>" (REST-34)',
    'app.ts: apis[0].resources[0].methods[0].requestParameters.method.request.querystring.q: expected true (required) or false, got "yes"',
    `app.ts: apis[0].resources[0].methods[0].requestValidatorId: expected the name of one of the API's requestValidators, got "missing"`,
    `app.ts: apis[0].resources[0].methods[0].requestModels.application/json: expected the name of one of the API's models, got "Nope"`,
    'app.ts: apis[0].resources[0].methods[0].requestModels.not a type: expected a media type or "$default" as the key (REST-35)',
  ]);
});

test('REST-36 REST-37 REST-38 usage plans: APIs, stages, method throttles, quotas, keys, one plan per key and stage', () => {
  const broken = model();
  broken.apis[0].apiKeySource = 'QUERY';
  broken.usagePlans.push({
    name: 'platinum',
    apiStages: [
      { api: 'nope', stage: 'prod' },
      { api: 'shop', stage: 'dev', throttle: { '/missing/GET': { burstLimit: 1, rateLimit: 1 }, '/open/GET': { burstLimit: -1, rateLimit: 1 } } },
      { api: 'shop', stage: 'prod' },
    ],
    quota: { limit: 3, period: 'YEAR', offset: 3 },
    apiKeys: ['gold', 'unknown'],
  });
  assert.deepEqual(issuesOf(broken), [
    'app.ts: apis[0].apiKeySource: expected "HEADER" (REST-36: keys from the x-api-key header) or "AUTHORIZER" (REST-45: the authorizer\'s usageIdentifierKey), got "QUERY"',
    'app.ts: usagePlans[2].quota.period: expected "DAY", "WEEK" or "MONTH", got "YEAR"',
    'app.ts: usagePlans[2].quota.offset: expected an integer from 0 to 2 (requests), got number 3',
    `app.ts: usagePlans[2].apiKeys[1]: expected the name of one of the service's apiKeys, got "unknown"`,
    'app.ts: usagePlans[2].apiStages[0].api: expected the name of a REST API of this service, got "nope"',
    'app.ts: usagePlans[2].apiStages[1].stage: expected the stage of API "shop", "prod", got "dev"',
    'app.ts: usagePlans[2].apiStages[1].throttle./missing/GET: expected "/resource/path/METHOD" naming a method of the API',
    'app.ts: usagePlans[2].apiStages[1].throttle./open/GET.burstLimit: expected an integer from 0 to 5000 (requests), got number -1',
    'app.ts: usagePlans[2].apiKeys: expected each key in one plan per stage, "gold" is also in "gold" for shop',
  ]);
  const renamed = model();
  renamed.usagePlans[1].name = 'gold';
  assert.deepEqual(issuesOf(renamed), ['app.ts: usagePlans[1].name: expected a unique usage plan name, "gold" is defined twice']);
});

test('REST-36 a method requiring a key on a stage without a plan holding a key is a definition error', () => {
  const broken = model();
  delete broken.usagePlans;
  assert.deepEqual(issuesOf(broken), [
    'app.ts: apis[0].resources[4].methods[0].apiKeyRequired: expected a usage plan with at least one API key for this API stage (REST-36): no client could call the method',
    'app.ts: apis[0].resources[5].methods[0].apiKeyRequired: expected a usage plan with at least one API key for this API stage (REST-36): no client could call the method',
  ]);
});
