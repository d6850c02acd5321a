/** A clock that moves only when told: timers fire in due order as `advance` passes them, so timeouts are tested without sleeping. */
import type { Clock, Timer } from './clock.ts';

interface Scheduled {
  dueAt: number;
  /** Order of scheduling, so timers due at the same instant fire first come first. */
  sequence: number;
  callback: () => void;
  delayMs: number;
  active: boolean;
}

/** Lets promise chains started by a timer run before the next timer fires: what real time gives them for free. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class ManualClock implements Clock {
  private current: number;
  private sequence = 0;
  private readonly scheduled = new Set<Scheduled>();

  /** @param startMs epoch milliseconds the clock starts at. @default 2026-01-01T00:00:00Z */
  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, callback: () => void): Timer {
    const entry: Scheduled = { dueAt: this.current + Math.max(0, delayMs), sequence: this.sequence++, callback, delayMs, active: true };
    this.scheduled.add(entry);
    return {
      cancel: () => {
        entry.active = false;
        this.scheduled.delete(entry);
      },
      refresh: () => {
        if (!entry.active) return;
        entry.dueAt = this.current + Math.max(0, entry.delayMs);
        entry.sequence = this.sequence++;
      },
    };
  }

  /** Timers not yet fired nor cancelled. */
  get pendingTimers(): number {
    return this.scheduled.size;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way at its own instant, and letting the
   * work each one starts (promise chains, I/O callbacks already queued) run before the next fires.
   */
  async advance(ms: number): Promise<void> {
    const until = this.current + ms;
    await settle();
    for (let next = this.nextDue(until); next; next = this.nextDue(until)) {
      this.current = Math.max(this.current, next.dueAt);
      next.active = false;
      this.scheduled.delete(next);
      next.callback();
      await settle();
    }
    this.current = until;
    await settle();
  }

  private nextDue(until: number): Scheduled | undefined {
    let first: Scheduled | undefined;
    for (const entry of this.scheduled) {
      if (entry.dueAt > until) continue;
      if (!first || entry.dueAt < first.dueAt || (entry.dueAt === first.dueAt && entry.sequence < first.sequence)) first = entry;
    }
    return first;
  }
}
