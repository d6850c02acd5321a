/**
 * HTTP-80, HTTP-81: `$request.body.<path>` and `$response.body.<path>`: member names and array indexes
 * (`order.items[0].sku`, `['odd name']`), no recursive descent or filters. The body is read once per request.
 */
import { PARAMETER_MAPPING_MAX_BODY_BYTES } from '../limits.ts';

export type PathStep = string | number;

/** The steps of a body path such as `items[0].sku`; `undefined` when it is not of that form. */
export function parseBodyPath(path: string): PathStep[] | undefined {
  const steps: PathStep[] = [];
  const pattern = /\.?([A-Za-z0-9_$-]+)|\[(\d+)\]|\['([^']*)'\]/gy;
  let at = 0;
  while (at < path.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(path);
    if (!match || (match.index === 0 && path[0] === '.')) return undefined;
    if (match[1] !== undefined) steps.push(match[1]);
    else if (match[2] !== undefined) steps.push(Number(match[2]));
    else steps.push(match[3] as string);
    at = pattern.lastIndex;
  }
  return steps.length > 0 ? steps : undefined;
}

/** The body as JSON, cut at 100 KB first as AWS does: a longer document fails to parse and selects nothing. */
export function parseMappedBody(body: Buffer | undefined): unknown {
  if (body === undefined || body.length === 0) return undefined;
  const text = body.subarray(0, PARAMETER_MAPPING_MAX_BODY_BYTES).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The selected value as mapping text: strings as they are, anything else as JSON; `undefined` when absent. */
export function selectBodyValue(document: unknown, steps: readonly PathStep[]): string | undefined {
  let value = document;
  for (const step of steps) {
    if (value === null || typeof value !== 'object') return undefined;
    if (typeof step === 'number' ? !Array.isArray(value) : Array.isArray(value)) return undefined;
    value = (value as Record<string | number, unknown>)[step];
    if (value === undefined) return undefined;
  }
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
