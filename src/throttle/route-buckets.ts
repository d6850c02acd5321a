/** THR-2: one bucket per route with the most specific settings (the route's own, else the stage's); none without any. */
import type { Clock } from '../internal/clock.ts';
import type { ThrottlingModel } from '../model/types.ts';
import { TokenBucket } from './token-bucket.ts';

export function routeBuckets(
  routes: ReadonlyArray<{ key: string; throttling?: ThrottlingModel | undefined }>,
  stage: ThrottlingModel | undefined,
  clock: Clock,
): Map<string, TokenBucket> {
  const buckets = new Map<string, TokenBucket>();
  for (const route of routes) {
    const throttling = route.throttling ?? stage;
    if (throttling) buckets.set(route.key, new TokenBucket(throttling.rateLimit, throttling.burstLimit, clock));
  }
  return buckets;
}
