/**
 * REST-36..38: API keys on REST methods, metered by the usage plans that link them to a stage: a key the stage's
 * plans do not hold is 403, then the plan's per-key token bucket (429 Too Many Requests), then its quota (429
 * Limit Exceeded). One meter per gateway: a plan's buckets and quotas are shared by every stage it names.
 */
import type { Clock } from '../internal/clock.ts';
import type { ThrottlingModel, UsagePlanModel } from '../model/types.ts';
import { Quota } from '../throttle/quota.ts';
import { TokenBucket } from '../throttle/token-bucket.ts';
import type { IssuedApiKey } from '../websocket/index.ts';
import type { GatewayError } from './gateway-responses.ts';

export type KeyAdmission = { admitted: true; key: IssuedApiKey } | { admitted: false; error: GatewayError };

/** One stage's key check: the method's `/path/METHOD` key and the `x-api-key` value the client sent. */
export type StageKeyGate = (methodKey: string, value: string | string[] | undefined) => KeyAdmission;

export interface UsagePlanMeter {
  /** The gate of one REST API stage; a stage no plan names refuses every key. */
  stage(apiName: string, stageName: string): StageKeyGate;
}

/** A key's limits under one plan. */
class KeyMeter {
  private readonly bucket: TokenBucket | undefined;
  private readonly methodBuckets = new Map<string, TokenBucket>();
  private readonly quota: Quota | undefined;

  constructor(
    readonly key: IssuedApiKey,
    plan: UsagePlanModel,
    private readonly clock: Clock,
  ) {
    this.bucket = plan.throttle ? bucketOf(plan.throttle, clock) : undefined;
    this.quota = plan.quota ? new Quota(plan.quota.limit, plan.quota.period, plan.quota.offset ?? 0, clock) : undefined;
  }

  /** REST-37: the method's own bucket (named by `bucketId`) when the plan's stage sets one, else the plan's. */
  admit(bucketId: string, methodThrottle: ThrottlingModel | undefined): KeyAdmission {
    let bucket = this.bucket;
    if (methodThrottle) {
      bucket = this.methodBuckets.get(bucketId);
      if (!bucket) {
        bucket = bucketOf(methodThrottle, this.clock);
        this.methodBuckets.set(bucketId, bucket);
      }
    }
    if (bucket && !bucket.take()) return { admitted: false, error: { type: 'THROTTLED' } };
    // REST-38: a throttled request does not count against the quota.
    if (this.quota && !this.quota.take()) return { admitted: false, error: { type: 'QUOTA_EXCEEDED' } };
    return { admitted: true, key: this.key };
  }
}

function bucketOf(throttle: ThrottlingModel, clock: Clock): TokenBucket {
  return new TokenBucket(throttle.rateLimit, throttle.burstLimit, clock);
}

const INVALID_API_KEY: KeyAdmission = { admitted: false, error: { type: 'INVALID_API_KEY' } };

export function usagePlanMeter(plans: readonly UsagePlanModel[] | undefined, keys: readonly IssuedApiKey[], clock: Clock): UsagePlanMeter {
  const keysByName = new Map(keys.map((key) => [key.name, key]));
  // `api\0stage` → key value → the key's meter under the plan naming that stage, and the stage's method throttles.
  const stages = new Map<string, { meters: Map<string, KeyMeter>; methodThrottles: Record<string, ThrottlingModel> }>();
  for (const plan of plans ?? []) {
    const meters = plan.apiKeys.flatMap((name) => {
      const key = keysByName.get(name);
      return key ? [new KeyMeter(key, plan, clock)] : [];
    });
    for (const apiStage of plan.apiStages) {
      const id = `${apiStage.api}\0${apiStage.stage}`;
      const entry = stages.get(id) ?? { meters: new Map<string, KeyMeter>(), methodThrottles: {} };
      for (const meter of meters) entry.meters.set(meter.key.value, meter);
      Object.assign(entry.methodThrottles, apiStage.throttle);
      stages.set(id, entry);
    }
  }
  return {
    stage(apiName, stageName) {
      const entry = stages.get(`${apiName}\0${stageName}`);
      return (methodKey, value) => {
        // REST-36: one `x-api-key` header; a missing, repeated or unknown value is refused alike.
        const meter = typeof value === 'string' ? entry?.meters.get(value) : undefined;
        if (!meter) return INVALID_API_KEY;
        const throttle = entry?.methodThrottles[methodKey];
        return meter.admit(throttle ? `${apiName}\0${stageName}\0${methodKey}` : methodKey, throttle);
      };
    },
  };
}
