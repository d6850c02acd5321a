/** A function's settings that matter when it is shipped: runtime, architecture, log retention, environment references. */
import { LOG_RETENTION_DAYS } from '../limits.ts';
import { type Checker, describe, type Fields } from './checker.ts';

const RUNTIME = /^nodejs\d+\.x$/;
const ARCHITECTURES = new Set(['x86_64', 'arm64']);
const RETENTION_DAYS = new Set(LOG_RETENTION_DAYS);

export function checkShippingSettings(check: Checker, fn: Fields, path: string, tables: unknown): void {
  if (fn.runtime !== undefined) check.string(fn.runtime, `${path}.runtime`, RUNTIME, 'a Node.js runtime such as "nodejs22.x"');
  if (fn.architecture !== undefined && !ARCHITECTURES.has(fn.architecture as string)) {
    check.fail(`${path}.architecture`, `expected "x86_64" or "arm64", got ${describe(fn.architecture)}`);
  }
  if (fn.logRetentionDays !== undefined && !RETENTION_DAYS.has(fn.logRetentionDays as number)) {
    check.fail(
      `${path}.logRetentionDays`,
      `expected one of CloudWatch Logs' retention periods (1, 3, 5, 7, 14, 30, 60, 90, … 3653 days), got ${describe(fn.logRetentionDays)}`,
    );
  }
  if (fn.environmentRefs === undefined || !check.isObject(fn.environmentRefs, `${path}.environmentRefs`)) return;
  const tableNames = new Set(Array.isArray(tables) ? tables.map((table: Fields) => table?.name) : []);
  const environment = (fn.environment ?? {}) as Fields;
  for (const [key, ref] of Object.entries(fn.environmentRefs)) {
    const at = `${path}.environmentRefs.${key}`;
    if (!(key in environment)) check.fail(at, `expected a variable of the function's environment, got ${describe(key)}`);
    const { kind, table } = (ref ?? {}) as Fields;
    if (kind !== 'table') check.fail(`${at}.kind`, `expected "table", got ${describe(kind)}`);
    else if (!tableNames.has(table)) check.fail(`${at}.table`, `expected a table of the service, got ${describe(table)}`);
  }
}
