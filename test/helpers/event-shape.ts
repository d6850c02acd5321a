/** Structural comparison of an event Hoplite builds with one captured from AWS: key sets, JSON types, literals. */
import { readFileSync } from 'node:fs';

export interface ShapeRules {
  /** Paths whose keys are data (headers, query maps): only the JSON types of their values are compared. */
  maps?: string[];
  /** Paths whose values are protocol literals (`version`, `eventType`): they must be equal. */
  literals?: string[];
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function valueTypes(map: Record<string, unknown>): string[] {
  const types = Object.values(map).map((value) => (Array.isArray(value) ? `array of ${[...new Set(value.map(jsonType))].join('|')}` : jsonType(value)));
  return [...new Set(types)].sort();
}

/**
 * Every difference, one line each: `path: missing here` (AWS has it), `path: not in the capture` (only Hoplite),
 * `path: <ours> here, <theirs> in the capture` (JSON types), `path: "<ours>" here, "<theirs>" in the capture` (literals).
 */
export function shapeDifferences(ours: unknown, captured: unknown, rules: ShapeRules = {}, path = ''): string[] {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  const label = path || '(root)';
  if (rules.literals?.includes(path) && JSON.stringify(ours) !== JSON.stringify(captured)) {
    return [`${label}: ${JSON.stringify(ours)} here, ${JSON.stringify(captured)} in the capture`];
  }
  const [ourType, theirType] = [jsonType(ours), jsonType(captured)];
  if (ourType !== theirType) return [`${label}: ${ourType} here, ${theirType} in the capture`];
  if (ourType !== 'object') return [];
  const [ourObject, theirObject] = [ours as Record<string, unknown>, captured as Record<string, unknown>];
  if (rules.maps?.includes(path)) {
    const [mine, theirs] = [valueTypes(ourObject), valueTypes(theirObject)];
    return mine.join() === theirs.join() || mine.length === 0 || theirs.length === 0 ? [] : [`${label}: values ${mine} here, ${theirs} in the capture`];
  }
  const differences: string[] = [];
  for (const key of Object.keys(theirObject)) if (!(key in ourObject)) differences.push(`${at(key)}: missing here`);
  for (const key of Object.keys(ourObject)) if (!(key in theirObject)) differences.push(`${at(key)}: not in the capture`);
  for (const key of Object.keys(ourObject)) {
    if (key in theirObject) differences.push(...shapeDifferences(ourObject[key], theirObject[key], rules, at(key)));
  }
  return differences;
}

/** Every key path in the order the keys appear, map contents left out: compares key order with a capture. */
export function keyPaths(value: unknown, rules: ShapeRules = {}, path = ''): string[] {
  if (jsonType(value) !== 'object' || rules.maps?.includes(path)) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
    const at = path ? `${path}.${key}` : key;
    return [at, ...keyPaths(child, rules, at)];
  });
}

/** A captured event stored under test/fixtures/aws-events/ (its README says where each comes from). */
export function capturedEvent(relativePath: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/aws-events/${relativePath}`, import.meta.url), 'utf8'));
}
