/** Each provisioning step timed as a phase, and the summary of their durations that ends a run (as Sparta's does). */

export interface PhaseTiming {
  name: string;
  durationMs: number;
}

export class PhaseTimer {
  readonly #clock: () => number;
  readonly #startedMs: number;
  readonly #phases: PhaseTiming[] = [];

  constructor(clock: () => number) {
    this.#clock = clock;
    this.#startedMs = clock();
  }

  /** Runs `step` and records how long it took, whether it succeeded or not. */
  async time<T>(name: string, step: () => Promise<T>): Promise<T> {
    const startMs = this.#clock();
    try {
      return await step();
    } finally {
      this.#phases.push({ name, durationMs: this.#clock() - startMs });
    }
  }

  get phases(): readonly PhaseTiming[] {
    return this.#phases;
  }

  /** The summary lines: each phase with its duration in seconds, then the total. */
  summary(): string[] {
    const totalMs = this.#clock() - this.#startedMs;
    const rows = [...this.#phases, { name: 'Total', durationMs: totalMs }];
    const width = Math.max(...rows.map((row) => row.name.length));
    return rows.map((row) => `  ${row.name.padEnd(width)}  ${formatSeconds(row.durationMs)}`);
  }
}

/** `1.2 s`: tenths of a second are enough for steps that take seconds to minutes. */
export function formatSeconds(durationMs: number): string {
  return `${(durationMs / 1000).toFixed(1)} s`;
}
