/** AWS::ApiGateway::UsagePlan and UsagePlanKey: the stages a plan's keys may call, their throttle and quota. */
import type { ThrottlingModel, UsagePlanApiStageModel, UsagePlanModel, UsagePlanQuotaModel } from '../../model/types.ts';
import { ResourceReference } from '../cloudformation/values.ts';
import { API_KEY } from './api-keys.ts';
import type { MappingContext } from './context.ts';
import { PropertyReader } from './properties.ts';
import { partName, REST_API, REST_STAGE, readerOf } from './rest-parts.ts';

export const USAGE_PLAN = 'AWS::ApiGateway::UsagePlan';
export const USAGE_PLAN_KEY = 'AWS::ApiGateway::UsagePlanKey';

/** A Throttle mapping (`BurstLimit`, `RateLimit`); AWS leaves an unset one unlimited, as the account's limits locally. */
function throttleOf(reader: PropertyReader | undefined): ThrottlingModel | undefined {
  if (!reader) return undefined;
  const burstLimit = reader.number('BurstLimit');
  const rateLimit = reader.number('RateLimit');
  if (burstLimit === undefined && rateLimit === undefined) return undefined;
  return { burstLimit: burstLimit ?? 5000, rateLimit: rateLimit ?? 10000 };
}

function quotaOf(reader: PropertyReader | undefined): UsagePlanQuotaModel | undefined {
  if (!reader) return undefined;
  const period = reader.requiredString('Period');
  if (period !== 'DAY' && period !== 'WEEK' && period !== 'MONTH') throw reader.fail('Period', 'DAY, WEEK or MONTH');
  const limit = reader.number('Limit');
  if (limit === undefined) throw reader.context.error(reader.path, `${reader.id}: Quota.Limit is required`);
  const offset = reader.number('Offset');
  return { limit, period, ...(offset ? { offset } : {}) };
}

function apiStageOf(context: MappingContext, entry: PropertyReader): UsagePlanApiStageModel {
  const api = entry.properties.ApiId;
  if (!(api instanceof ResourceReference) || context.resource(api.ref)?.type !== REST_API) throw entry.fail('ApiId', `!Ref to an ${REST_API} of this template`);
  const stageValue = entry.properties.Stage;
  // `!Ref Stage` is the stage's name, as on AWS.
  const stage =
    stageValue instanceof ResourceReference && context.resource(stageValue.ref)?.type === REST_STAGE
      ? readerOf(context, stageValue.ref).requiredString('StageName')
      : entry.requiredString('Stage');
  const byMethod = entry.object('Throttle');
  const throttle = byMethod
    ? Object.fromEntries(Object.keys(byMethod.properties).map((key) => [key, throttleOf(byMethod.object(key)) as ThrottlingModel]))
    : undefined;
  return { api: context.names.get(api.ref) ?? api.ref, stage, ...(throttle ? { throttle } : {}) };
}

/** The API keys linked to `planId` by UsagePlanKeys, by their names; keys left out of the model (disabled) are skipped. */
function planKeysOf(context: MappingContext, planId: string): string[] {
  const keys: string[] = [];
  for (const id of context.idsOf(USAGE_PLAN_KEY)) {
    const reader = readerOf(context, id);
    const plan = reader.properties.UsagePlanId;
    if (!(plan instanceof ResourceReference) || context.resource(plan.ref)?.type !== USAGE_PLAN) throw reader.fail('UsagePlanId', `!Ref to an ${USAGE_PLAN}`);
    if (plan.ref !== planId) continue;
    const keyType = reader.requiredString('KeyType');
    if (keyType !== 'API_KEY') throw reader.fail('KeyType', 'API_KEY');
    const key = reader.properties.KeyId;
    if (!(key instanceof ResourceReference) || context.resource(key.ref)?.type !== API_KEY)
      throw reader.fail('KeyId', `!Ref to an ${API_KEY} of this template`);
    const name = partName(context, key.ref);
    if (context.model.apiKeys?.some((apiKey) => apiKey.name === name)) keys.push(name);
  }
  return keys;
}

export function mapUsagePlans(context: MappingContext): UsagePlanModel[] {
  return context.idsOf(USAGE_PLAN).map((id) => {
    const reader = readerOf(context, id);
    reader.ignore(USAGE_PLAN, ['Description', 'Tags'], 'not used locally');
    const stages = (reader.list('ApiStages') ?? []).map((entry, index) => {
      const path = reader.at('ApiStages').concat(index);
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw context.error(path, `${id}: ApiStages[${index}]: expected a mapping`);
      return apiStageOf(context, new PropertyReader(context, id, entry as Record<string, unknown>, path));
    });
    const throttle = throttleOf(reader.object('Throttle'));
    const quota = quotaOf(reader.object('Quota'));
    return {
      name: reader.string('UsagePlanName') ?? id,
      apiStages: stages,
      ...(throttle ? { throttle } : {}),
      ...(quota ? { quota } : {}),
      apiKeys: planKeysOf(context, id),
    };
  });
}
