/** The memory that the execution environments of every function of one gateway may hold together. */

/** A pool, as the budget sees it: the idle environments it could give back. */
export interface IdleEnvironments {
  /** When its longest-idle environment became idle (a budget stamp), or undefined when none is idle. */
  oldestIdleStamp(): number | undefined;
  /** Stops that environment; its pool releases its memory from the budget. */
  reclaimOldestIdle(): void;
}

interface Waiting {
  pool: IdleEnvironments;
  memoryMb: number;
  /** Whether the start still has an invocation to serve; one that lost it to a busy environment coming free is withdrawn. */
  wanted(): boolean;
  grant(granted: boolean): void;
}

/**
 * Each environment counts as its function's `memoryMb` (what Lambda sets aside for it) from its start until it
 * stops. A start that would pass the budget first reclaims idle environments of any function, longest idle
 * first (Lambda reclaims idle environments whenever it likes); if every environment is busy, it waits for one
 * to become idle or stop. One environment may always start when none is running, whatever its size.
 */
export class EnvironmentMemoryBudget {
  private usedMb = 0;
  private stamps = 0;
  private readonly pools = new Set<IdleEnvironments>();
  private readonly waiting: Waiting[] = [];
  private granting = false;

  constructor(readonly limitMb: number) {}

  get reservedMb(): number {
    return this.usedMb;
  }

  /** A monotonic stamp for "became idle", comparable across pools. */
  stamp(): number {
    this.stamps += 1;
    return this.stamps;
  }

  register(pool: IdleEnvironments): void {
    this.pools.add(pool);
  }

  /**
   * Resolves true once `memoryMb` is set aside for a new environment of `pool`; false if the pool was forgotten, or
   * if `wanted` says no when the start's turn comes: reclaiming a warm environment for a start nobody waits for any
   * more would only trade it for a cold one.
   */
  reserve(pool: IdleEnvironments, memoryMb: number, wanted: () => boolean = () => true): Promise<boolean> {
    const granted = new Promise<boolean>((grant) => this.waiting.push({ pool, memoryMb, wanted, grant }));
    this.grantWaiting();
    return granted;
  }

  /** An environment stopped (or never started): its memory is free again. */
  release(memoryMb: number): void {
    this.usedMb = Math.max(0, this.usedMb - memoryMb);
    this.grantWaiting();
  }

  /** An environment became idle: a waiting start may reclaim it. */
  idleAvailable(): void {
    this.grantWaiting();
  }

  /** A disposed pool: its waiting starts are refused and its idle environments no longer offered. */
  forget(pool: IdleEnvironments): void {
    this.pools.delete(pool);
    for (const entry of this.waiting.filter((each) => each.pool === pool)) {
      this.waiting.splice(this.waiting.indexOf(entry), 1);
      entry.grant(false);
    }
  }

  /** First come, first served: a start that cannot fit yet holds back the ones after it. */
  private grantWaiting(): void {
    // Reclaiming releases memory, which calls back here: the outer loop carries on.
    if (this.granting) return;
    this.granting = true;
    try {
      for (let head = this.waiting[0]; head; head = this.waiting[0]) {
        if (!head.wanted()) {
          this.waiting.shift();
          head.grant(false);
          continue;
        }
        if (!this.makeRoom(head.memoryMb)) break;
        this.waiting.shift();
        this.usedMb += head.memoryMb;
        head.grant(true);
      }
    } finally {
      this.granting = false;
    }
  }

  private fits(memoryMb: number): boolean {
    return this.usedMb === 0 || this.usedMb + memoryMb <= this.limitMb;
  }

  private makeRoom(memoryMb: number): boolean {
    while (!this.fits(memoryMb)) {
      const oldest = this.longestIdle();
      if (!oldest) return false;
      const before = this.usedMb;
      oldest.reclaimOldestIdle();
      // A pool that gave nothing back must not spin this loop.
      if (this.usedMb >= before) return false;
    }
    return true;
  }

  private longestIdle(): IdleEnvironments | undefined {
    let found: IdleEnvironments | undefined;
    let foundStamp = Number.POSITIVE_INFINITY;
    for (const pool of this.pools) {
      const stamp = pool.oldestIdleStamp();
      if (stamp !== undefined && stamp < foundStamp) {
        found = pool;
        foundStamp = stamp;
      }
    }
    return found;
  }
}
