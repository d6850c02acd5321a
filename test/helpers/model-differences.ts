/** Where two service models differ, as one line per differing leaf: how a round trip through a template changes a model. */

/** One difference: the JSON path, and the value on each side (`undefined` where a side has none). */
export interface ModelDifference {
  path: string;
  original: unknown;
  roundTripped: unknown;
}

/** Every leaf that differs between the two, in document order; arrays are compared index by index. */
export function modelDifferences(original: unknown, roundTripped: unknown): ModelDifference[] {
  const differences: ModelDifference[] = [];
  walk(plain(original), plain(roundTripped), '$', differences);
  return differences;
}

/** The model as JSON sees it: `undefined` members are absent, as they are in a template. */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function walk(left: unknown, right: unknown, path: string, differences: ModelDifference[]): void {
  if (isContainer(left) && isContainer(right) && Array.isArray(left) === Array.isArray(right)) {
    const keys = Array.isArray(left) ? indexes(left, right as unknown[]) : unionKeys(left, right);
    for (const key of keys) {
      const member = Array.isArray(left) ? `${path}[${key}]` : `${path}.${key}`;
      walk((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key], member, differences);
    }
    return;
  }
  if (JSON.stringify(left) !== JSON.stringify(right)) differences.push({ path, original: left, roundTripped: right });
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

function indexes(left: unknown[], right: unknown[]): string[] {
  return Array.from({ length: Math.max(left.length, right.length) }, (_, index) => String(index));
}

function unionKeys(left: object, right: object): string[] {
  return [...new Set([...Object.keys(left), ...Object.keys(right)])];
}
