/** SAM's `Globals`: a resource's own value wins over a global one; mappings merge key by key, lists add up (globals first). */

export function mergeGlobals(globals: unknown, own: Record<string, unknown>): Record<string, unknown> {
  if (globals === null || typeof globals !== 'object' || Array.isArray(globals)) return own;
  return mergeValue(globals, own) as Record<string, unknown>;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function mergeValue(global: unknown, own: unknown): unknown {
  if (own === undefined) return global;
  if (Array.isArray(global) && Array.isArray(own)) return [...global, ...own];
  if (isMapping(global) && isMapping(own)) {
    const merged: Record<string, unknown> = { ...global };
    for (const [key, value] of Object.entries(own)) merged[key] = mergeValue(global[key], value);
    return merged;
  }
  return own;
}
