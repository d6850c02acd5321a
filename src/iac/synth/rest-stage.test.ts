/** The REST Deployment (after every method, named by what it deploys) and the stage with its variables and throttling. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { restApi, restContext } from '../../../test/fixtures/synth/rest-context.ts';
import type { RestApiModel, RestMethodModel } from '../../model/types.ts';
import { synthesizeRestApi } from './rest-api.ts';
import { methodSettingPath } from './rest-stage.ts';

const mock = (httpMethod: RestMethodModel['httpMethod'], extra: Partial<RestMethodModel> = {}): RestMethodModel => ({
  httpMethod,
  integration: 'MOCK',
  integrationTimeoutMs: 29000,
  methodResponses: [],
  integrationResponses: [],
  ...extra,
});

function resourcesOf(api: RestApiModel) {
  const context = restContext([api]);
  synthesizeRestApi(context, api);
  return context.builder.toTemplate().Resources;
}

const deploymentOf = (resources: ReturnType<typeof resourcesOf>) =>
  Object.entries(resources).find(([, resource]) => resource.Type === 'AWS::ApiGateway::Deployment');

test('THR-2: stage throttling is the /* * setting; a method overriding it is named by its ~1-escaped path', () => {
  const resources = resourcesOf(
    restApi({
      stage: { name: 'v1', variables: { table: 'items' }, throttling: { burstLimit: 100, rateLimit: 50 } },
      resources: [
        { path: '/', methods: [mock('GET', { throttling: { burstLimit: 1, rateLimit: 1 } })] },
        { path: '/items/{id}', methods: [mock('DELETE', { throttling: { burstLimit: 10, rateLimit: 2.5 } }), mock('GET')] },
      ],
    }),
  );
  const [deploymentId] = deploymentOf(resources) ?? [];
  assert.deepEqual(resources.ShopStage, {
    Type: 'AWS::ApiGateway::Stage',
    Properties: {
      RestApiId: { Ref: 'ShopApi' },
      StageName: 'v1',
      DeploymentId: { Ref: deploymentId as string },
      Variables: { table: 'items' },
      MethodSettings: [
        { ResourcePath: '/*', HttpMethod: '*', ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
        { ResourcePath: '/', HttpMethod: 'GET', ThrottlingBurstLimit: 1, ThrottlingRateLimit: 1 },
        { ResourcePath: '/~1items~1{id}', HttpMethod: 'DELETE', ThrottlingBurstLimit: 10, ThrottlingRateLimit: 2.5 },
      ],
    },
  });
});

test('a MethodSetting path is / for the root, else / then the path with each / as ~1', () => {
  assert.deepEqual(['/', '/items', '/items/{id}/image'].map(methodSettingPath), ['/', '/~1items', '/~1items~1{id}~1image']);
});

test('the Deployment DependsOn every method and gateway response; a stage without variables or throttling has neither property', () => {
  const resources = resourcesOf(
    restApi({ resources: [{ path: '/a', methods: [mock('GET'), mock('POST')] }], gatewayResponses: [{ responseType: 'THROTTLED', statusCode: '429' }] }),
  );
  const [id, deployment] = deploymentOf(resources) ?? [];
  assert.match(id as string, /^ShopDeployment[0-9a-f]{10}$/);
  assert.deepEqual(deployment, {
    Type: 'AWS::ApiGateway::Deployment',
    Properties: { RestApiId: { Ref: 'ShopApi' } },
    DependsOn: ['ShopAGetMethod', 'ShopAPostMethod', 'ShopThrottledGatewayResponse'],
  });
  assert.deepEqual(resources.ShopStage?.Properties, { RestApiId: { Ref: 'ShopApi' }, StageName: 'prod', DeploymentId: { Ref: id as string } });
});

test('the same model gives byte-identical resources; a changed method gives a new Deployment id, a changed stage does not', () => {
  const api = restApi({ resources: [{ path: '/a', methods: [mock('GET')] }] });
  const first = JSON.stringify(resourcesOf(api));
  assert.equal(JSON.stringify(resourcesOf(structuredClone(api))), first);
  const changedMethod = restApi({ resources: [{ path: '/a', methods: [mock('GET', { requestTemplates: { 'application/json': '{}' } })] }] });
  assert.notEqual(deploymentOf(resourcesOf(changedMethod))?.[0], deploymentOf(resourcesOf(api))?.[0]);
  const changedStage = restApi({ stage: { name: 'prod', variables: { a: 'b' } }, resources: api.resources });
  assert.equal(deploymentOf(resourcesOf(changedStage))?.[0], deploymentOf(resourcesOf(api))?.[0]);
});

test('an API without methods is an error: AWS deploys no REST API without one', () => {
  assert.throws(() => resourcesOf(restApi({ resources: [{ path: '/empty', methods: [] }] })), {
    name: 'ConfigError',
    message: 'hoplite.config.ts: api "shop": expected at least one method: AWS deploys no REST API without one',
  });
});
