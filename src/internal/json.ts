/** JSON text of values that came from JSON (events, results), however deeply they nest. */

/** JSON.stringify's compact text for a parsed JSON value, with an explicit stack (JSON.stringify recurses). */
export function compactJson(value: unknown): string {
  let text = '';
  type Frame = { close: string; entries: Array<[string | undefined, unknown]>; next: number };
  const open = (container: object): Frame => {
    if (Array.isArray(container)) {
      text += '[';
      return { close: ']', entries: container.map((item) => [undefined, item]), next: 0 };
    }
    text += '{';
    return { close: '}', entries: Object.entries(container).filter(([, item]) => item !== undefined), next: 0 };
  };
  const write = (item: unknown): Frame | undefined => {
    if (typeof item === 'object' && item !== null) return open(item);
    text += item === undefined ? 'null' : JSON.stringify(item);
    return undefined;
  };
  const first = write(value);
  const stack: Frame[] = first ? [first] : [];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.next === frame.entries.length) {
      stack.pop();
      text += frame.close;
      continue;
    }
    const [key, item] = frame.entries[frame.next] as [string | undefined, unknown];
    if (frame.next > 0) text += ',';
    frame.next += 1;
    if (key !== undefined) text += `${JSON.stringify(key)}:`;
    const child = write(item);
    if (child) stack.push(child);
  }
  return text;
}

/** JSON.stringify, or for a value nested deeper than the call stack allows, the same text built with an explicit stack. */
export function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (error instanceof RangeError) return compactJson(value);
    throw error;
  }
}
