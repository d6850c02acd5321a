/** What Lambda accepts as an invocation's payload: JSON it can parse. Checked before any environment sees the event. */
import type { LambdaError } from './invoker.ts';

/**
 * UNVERIFIED: Lambda parses payloads with Jackson ("Could not parse request body into json: … at [Source: (byte[])…"),
 * whose default nesting limit (StreamReadConstraints, since 2.15) is 1000; AWS does not document its own.
 */
export const MAX_EVENT_NESTING_DEPTH = 1000;

/** Lambda's InvalidRequestContentException for a payload it cannot parse (400 on the Invoke API). */
export function invalidRequestContent(reason: string): LambdaError {
  return { errorType: 'InvalidRequestContentException', errorMessage: `Could not parse request body into json: ${reason}`, trace: [] };
}

/**
 * The deepest nesting of arrays and objects in `value`, counted up to `limit + 1` and no further: an explicit stack,
 * so a deep (or cyclic) value never exhausts the call stack.
 */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof current !== 'object' || current === null) continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: level });
    }
  }
  return deepest;
}

/** Why Lambda would refuse `event` as a payload, or `undefined` when it would take it. */
export function eventPayloadError(event: unknown): LambdaError | undefined {
  const depth = nestingDepth(event, MAX_EVENT_NESTING_DEPTH);
  if (depth <= MAX_EVENT_NESTING_DEPTH) return undefined;
  // Jackson's wording for its nesting limit.
  return invalidRequestContent(
    `Could not parse payload into json: Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_EVENT_NESTING_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`,
  );
}
