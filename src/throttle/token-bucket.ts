/** A token bucket (THR): `burst` tokens at most, refilled at `ratePerSecond`. */
import type { Clock } from '../internal/clock.ts';

export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.tokens = burst;
    this.refilledAt = clock.now();
  }

  /** Takes one token; `false` when the bucket is empty (the request is throttled). */
  take(): boolean {
    const now = this.clock.now();
    const elapsedMs = now - this.refilledAt;
    if (elapsedMs > 0) {
      this.tokens = Math.min(this.burst, this.tokens + (elapsedMs * this.ratePerSecond) / 1000);
      this.refilledAt = now;
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
