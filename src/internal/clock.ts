/** Time and timers, injected so that tests run in fake time (see manual-clock.ts) and never sleep. */

/** A pending call; cancelling a timer that has fired or was cancelled does nothing. */
export interface Timer {
  cancel(): void;
  /** Starts the same delay again from now (an idle timer touched by activity), without a new timer. */
  refresh(): void;
}

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Calls `callback` once, `delayMs` from now. A timer never keeps the process alive on its own. */
  setTimer(delayMs: number, callback: () => void): Timer;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(delayMs, callback) {
    const handle = setTimeout(callback, delayMs).unref();
    return { cancel: () => clearTimeout(handle), refresh: () => void handle.refresh() };
  },
};

/** Resolves `delayMs` from now on `clock`. */
export function delay(clock: Clock, delayMs: number): Promise<void> {
  return new Promise((resolve) => clock.setTimer(delayMs, resolve));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** Every event of one second carries the same text: it is formatted once per second. */
let formattedSecond = Number.NaN;
let formattedText = '';

/** GEN-2: `dd/MMM/yyyy:HH:mm:ss +0000` in UTC. */
export function formatClfTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second === formattedSecond) return formattedText;
  const d = new Date(epochMs);
  formattedText = `${twoDigits(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${twoDigits(d.getUTCHours())}:${twoDigits(d.getUTCMinutes())}:${twoDigits(d.getUTCSeconds())} +0000`;
  formattedSecond = second;
  return formattedText;
}
