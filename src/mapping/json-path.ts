/** The JSONPath subset mapping templates use (`$`, `$.a.b`, `$.a[0]`, `$['a b']`), read against parsed JSON (MAP-30). */

const STEP = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\])/;

/** The value at `path`, or undefined when a step is missing or the path is not of the subset. */
export function valueAtPath(root: unknown, path: string): unknown {
  const trimmed = path.trim();
  if (!trimmed.startsWith('$')) return undefined;
  let rest = trimmed.slice(1);
  let value = root;
  while (rest.length > 0) {
    const step = STEP.exec(rest);
    if (step === null || value === null || typeof value !== 'object') return undefined;
    const key = step[1] ?? step[3] ?? step[4];
    value =
      key !== undefined
        ? Object.hasOwn(value, key)
          ? (value as Record<string, unknown>)[key]
          : undefined
        : Array.isArray(value)
          ? value[Number(step[2])]
          : undefined;
    if (value === undefined) return undefined;
    rest = rest.slice(step[0].length);
  }
  return value;
}
