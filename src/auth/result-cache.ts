/** AUTH-35: an HTTP API Lambda authorizer's results, kept for its TTL on the gateway's clock under the identity-source values. */
import type { Clock } from '../internal/clock.ts';

/** Entries beyond this make a write drop the expired ones, then the oldest: a flood of distinct tokens cannot grow memory. */
export const MAX_CACHED_RESULTS = 10_000;

export class AuthorizerResultCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAtMs: number }>();
  private readonly ttlMs: number;
  private readonly clock: Clock;
  private readonly maxEntries: number;

  constructor(ttlSeconds: number, clock: Clock, maxEntries = MAX_CACHED_RESULTS) {
    this.ttlMs = ttlSeconds * 1000;
    this.clock = clock;
    this.maxEntries = maxEntries;
  }

  /** The key of a tuple of identity-source values; a separator no header or query value holds keeps tuples apart. */
  static keyOf(values: readonly string[]): string {
    return values.join('\0');
  }

  /** The value stored under `key` less than the TTL ago. */
  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.clock.now() < entry.expiresAtMs) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: T): void {
    const now = this.clock.now();
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.evict(now);
    this.entries.set(key, { value, expiresAtMs: now + this.ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expiresAtMs <= now) this.entries.delete(key);
    // Insertion order is expiry order (one TTL for all), so the first entries are the oldest.
    for (const key of this.entries.keys()) {
      if (this.entries.size < this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}
