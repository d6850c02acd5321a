/** REST-48: a verified token's claims as a REST integration sees them under `requestContext.authorizer.claims`. */
import type { JwtClaims } from '../auth/jwt/index.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Claims rendered as dates (observed for `exp` and `iat`; `auth_time` stays a number). */
const DATE_CLAIMS = new Set(['exp', 'iat']);

const pad = (value: number) => String(value).padStart(2, '0');

/** Java's `Date.toString()` in UTC, as observed: `Fri Jul 29 18:52:53 UTC 2016`. */
export function javaDateText(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())} ${time} UTC ${date.getUTCFullYear()}`;
}

/** One claim as text: arrays joined with `,` (as observed for `cognito:groups`), objects as JSON (UNVERIFIED). */
function claimText(name: string, value: unknown): string {
  if (DATE_CLAIMS.has(name) && typeof value === 'number') return javaDateText(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** REST-48: every claim as a string; `null` claims are left out (UNVERIFIED, as AUTH-24 does). */
export function restClaims(claims: JwtClaims): Record<string, string> {
  const rendered: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === null || value === undefined) continue;
    rendered[name] = claimText(name, value);
  }
  return rendered;
}
