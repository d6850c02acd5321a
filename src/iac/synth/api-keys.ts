/** The service's API keys and usage plans as AWS::ApiGateway::ApiKey, UsagePlan and UsagePlanKey resources. */
import type { UsagePlanApiStageModel, UsagePlanModel } from '../../model/types.ts';
import { ids, type SynthContext } from './context.ts';
import { restIds } from './rest-ids.ts';
import { type CfnValue, ref } from './template.ts';

/** A stage of the plan as ApiStages holds it (validation has checked it is the API's one stage). */
function apiStageOf(stage: UsagePlanApiStageModel): CfnValue {
  return {
    ApiId: ref(ids.api(stage.api)),
    // The Ref of an AWS::ApiGateway::Stage is its name.
    Stage: ref(ids.stage(stage.api)),
    // Keys are `/resource/path/METHOD`, as in the model.
    ...(stage.throttle
      ? {
          Throttle: Object.fromEntries(
            Object.entries(stage.throttle).map(([method, throttling]) => [method, { BurstLimit: throttling.burstLimit, RateLimit: throttling.rateLimit }]),
          ),
        }
      : {}),
  };
}

function usagePlanProperties(plan: UsagePlanModel): Record<string, CfnValue> {
  return {
    UsagePlanName: plan.name,
    ApiStages: plan.apiStages.map(apiStageOf),
    ...(plan.throttle ? { Throttle: { BurstLimit: plan.throttle.burstLimit, RateLimit: plan.throttle.rateLimit } } : {}),
    ...(plan.quota
      ? { Quota: { Limit: plan.quota.limit, Period: plan.quota.period, ...(plan.quota.offset !== undefined ? { Offset: plan.quota.offset } : {}) } }
      : {}),
  };
}

/**
 * AUTH-8, REST-36..38. A key's local `value` is not written: AWS generates each key's value, so no secret sits in the
 * template; clients read the deployed key from API Gateway.
 */
export function synthesizeApiKeys(context: SynthContext): void {
  const { builder } = context;
  for (const key of context.model.apiKeys ?? []) {
    builder.resource(restIds.apiKey(key.name), { Type: 'AWS::ApiGateway::ApiKey', Properties: { Name: key.name, Enabled: true } }, `apiKeys "${key.name}"`);
  }
  for (const plan of context.model.usagePlans ?? []) {
    const planId = restIds.usagePlan(plan.name);
    // A plan can name a stage only once it exists; the Refs imply it, DependsOn states it.
    const stages = [...new Set(plan.apiStages.map((stage) => ids.stage(stage.api)))];
    builder.resource(
      planId,
      { Type: 'AWS::ApiGateway::UsagePlan', Properties: usagePlanProperties(plan), ...(stages.length > 0 ? { DependsOn: stages } : {}) },
      `usagePlans "${plan.name}"`,
    );
    for (const keyName of plan.apiKeys) {
      builder.resource(
        restIds.usagePlanKey(plan.name, keyName),
        { Type: 'AWS::ApiGateway::UsagePlanKey', Properties: { KeyId: ref(restIds.apiKey(keyName)), KeyType: 'API_KEY', UsagePlanId: ref(planId) } },
        `usagePlans "${plan.name}" key "${keyName}"`,
      );
    }
  }
}
