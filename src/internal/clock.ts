/** Time sources, injected so that tests can pin them. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

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
