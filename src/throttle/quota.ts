/**
 * REST-38: a usage plan's quota for one key: `limit` requests per UTC day, week (from Sunday) or month, the first
 * period `offset` fewer (QuotaSettings). UNVERIFIED: periods start at 00:00 UTC, weeks on Sunday.
 */
import type { Clock } from '../internal/clock.ts';

export type QuotaPeriod = 'DAY' | 'WEEK' | 'MONTH';

const DAY_MS = 86_400_000;

/** The start of the period holding `epochMs`, in epoch milliseconds. */
export function periodStart(epochMs: number, period: QuotaPeriod): number {
  const day = Math.floor(epochMs / DAY_MS) * DAY_MS;
  if (period === 'DAY') return day;
  if (period === 'WEEK') return day - new Date(day).getUTCDay() * DAY_MS;
  const date = new Date(day);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

export class Quota {
  private readonly firstPeriod: number;
  private period: number;
  private used = 0;

  constructor(
    private readonly limit: number,
    private readonly periodKind: QuotaPeriod,
    private readonly offset: number,
    private readonly clock: Clock,
  ) {
    this.firstPeriod = periodStart(clock.now(), periodKind);
    this.period = this.firstPeriod;
  }

  /** Counts one request; `false` when the period's quota is used up (the request is refused and not counted). */
  take(): boolean {
    const period = periodStart(this.clock.now(), this.periodKind);
    if (period !== this.period) {
      this.period = period;
      this.used = 0;
    }
    const allowed = period === this.firstPeriod ? this.limit - this.offset : this.limit;
    if (this.used >= allowed) return false;
    this.used += 1;
    return true;
  }
}
