/** `usagePlan()`: which API keys may call which REST API stages, with per-key throttling and quotas (REST-36..38). */
import type { ThrottlingModel, UsagePlanModel, UsagePlanQuotaModel } from '../model/types.ts';
import type { ApiKeyDefinition } from './api-key.ts';
import { optionsObject } from './arguments.ts';
import type { RestApiDefinition } from './rest-api.ts';

export interface UsagePlanOptions {
  /** The REST APIs (their stage) the plan's keys may call; `throttle` sets a method's own per-key bucket by `/path/METHOD`. */
  apiStages: Array<RestApiDefinition | { api: RestApiDefinition; throttle?: Record<string, ThrottlingModel> }>;
  /** REST-37: each key's token bucket. */
  throttle?: ThrottlingModel;
  /** REST-38: each key's requests per DAY, WEEK or MONTH. */
  quota?: UsagePlanQuotaModel;
  /** The keys of the plan (AWS::ApiGateway::UsagePlanKey); each also listed in `service(name, { apiKeys })`. */
  apiKeys: ApiKeyDefinition[];
}

export class UsagePlanDefinition {
  readonly name: string;
  readonly options: UsagePlanOptions;

  constructor(name: string, options: UsagePlanOptions) {
    this.name = name;
    this.options = options;
  }

  toModel(): UsagePlanModel {
    const { options } = this;
    return {
      name: this.name,
      apiStages: (options.apiStages ?? []).map((entry) => {
        const { api, throttle } = 'api' in entry ? entry : { api: entry, throttle: undefined };
        const stage = api.options.stage;
        return { api: api.name, stage: typeof stage === 'object' && stage !== null ? stage.name : stage, ...(throttle ? { throttle: { ...throttle } } : {}) };
      }),
      ...(options.throttle ? { throttle: { ...options.throttle } } : {}),
      ...(options.quota ? { quota: { ...options.quota } } : {}),
      apiKeys: (options.apiKeys ?? []).map((key) => key.name),
    };
  }
}

/**
 * Declares a usage plan; list it in `service(name, { usagePlans })`.
 * @example usagePlan('basic', { apiStages: [api], apiKeys: [mobile], throttle: { burstLimit: 5, rateLimit: 2 }, quota: { limit: 1000, period: 'DAY' } })
 */
export function usagePlan(name: string, options: UsagePlanOptions): UsagePlanDefinition {
  return new UsagePlanDefinition(name, optionsObject('usagePlan(name, options)', options, 'an object such as { apiStages: [api], apiKeys: [key] }'));
}
