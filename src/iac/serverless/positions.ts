/** Where a value of a configuration file sits: line and column (both from 1) by property path. */

export interface Position {
  line: number;
  column: number;
}

/** Positions keyed by `pathKey(keys)`; empty for files without positions (serverless.ts, .js). */
export type PositionMap = ReadonlyMap<string, Position>;

export type PropertyPath = readonly (string | number)[];

/** The key of a property path in a PositionMap (NUL-joined: keys may contain dots). */
export function pathKey(keys: PropertyPath): string {
  return keys.join('\0');
}

/** A property path as the user reads it: `functions.chat.events.0.websocket`. */
export function humanPath(keys: PropertyPath): string {
  return keys.length === 0 ? '(the whole file)' : keys.join('.');
}

/** The position of a path, or of its nearest ancestor that has one (values a variable produced have none). */
export function positionOf(positions: PositionMap, keys: PropertyPath): Position | undefined {
  for (let length = keys.length; length >= 0; length--) {
    const found = positions.get(pathKey(keys.slice(0, length)));
    if (found) return found;
  }
  return undefined;
}
