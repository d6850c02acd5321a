/** API keys (no value in the template: AWS generates it), usage plans with their stages, throttles and quota, and their keys. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { restApi, restContext } from '../../../test/fixtures/synth/rest-context.ts';
import { synthesizeApiKeys } from './api-keys.ts';

test('AUTH-8, REST-36..38: ApiKey, UsagePlan (DependsOn the stage) and one UsagePlanKey per key', () => {
  const context = restContext([restApi()], {
    apiKeys: [
      { name: 'partner', value: 'partner-key-0123456789abcdef' },
      { name: 'internal', value: 'internal-key-0123456789abcdef' },
    ],
    usagePlans: [
      {
        name: 'partners',
        apiStages: [{ api: 'shop', stage: 'prod', throttle: { '/items/{id}/GET': { burstLimit: 5, rateLimit: 2 } } }],
        throttle: { burstLimit: 50, rateLimit: 20 },
        quota: { limit: 1000, period: 'MONTH', offset: 10 },
        apiKeys: ['partner', 'internal'],
      },
      { name: 'free', apiStages: [{ api: 'shop', stage: 'prod' }], quota: { limit: 10, period: 'DAY' }, apiKeys: [] },
    ],
  });
  synthesizeApiKeys(context);
  assert.deepEqual(context.builder.toTemplate().Resources, {
    PartnerApiKey: { Type: 'AWS::ApiGateway::ApiKey', Properties: { Name: 'partner', Enabled: true } },
    InternalApiKey: { Type: 'AWS::ApiGateway::ApiKey', Properties: { Name: 'internal', Enabled: true } },
    PartnersUsagePlan: {
      Type: 'AWS::ApiGateway::UsagePlan',
      Properties: {
        UsagePlanName: 'partners',
        ApiStages: [{ ApiId: { Ref: 'ShopApi' }, Stage: { Ref: 'ShopStage' }, Throttle: { '/items/{id}/GET': { BurstLimit: 5, RateLimit: 2 } } }],
        Throttle: { BurstLimit: 50, RateLimit: 20 },
        Quota: { Limit: 1000, Period: 'MONTH', Offset: 10 },
      },
      DependsOn: ['ShopStage'],
    },
    PartnersPartnerUsagePlanKey: {
      Type: 'AWS::ApiGateway::UsagePlanKey',
      Properties: { KeyId: { Ref: 'PartnerApiKey' }, KeyType: 'API_KEY', UsagePlanId: { Ref: 'PartnersUsagePlan' } },
    },
    PartnersInternalUsagePlanKey: {
      Type: 'AWS::ApiGateway::UsagePlanKey',
      Properties: { KeyId: { Ref: 'InternalApiKey' }, KeyType: 'API_KEY', UsagePlanId: { Ref: 'PartnersUsagePlan' } },
    },
    FreeUsagePlan: {
      Type: 'AWS::ApiGateway::UsagePlan',
      Properties: { UsagePlanName: 'free', ApiStages: [{ ApiId: { Ref: 'ShopApi' }, Stage: { Ref: 'ShopStage' } }], Quota: { Limit: 10, Period: 'DAY' } },
      DependsOn: ['ShopStage'],
    },
  });
});

test('a service without keys or plans adds nothing', () => {
  const context = restContext([restApi()]);
  synthesizeApiKeys(context);
  assert.deepEqual(context.builder.toTemplate().Resources, {});
});
