/** Selection expressions (WS-21..24): compiled once per API, evaluated for every message on the hot path. */
import { compactJson } from '../internal/json.ts';

type Part = { kind: 'literal'; text: string } | { kind: 'body'; path: ReadonlyArray<string | number> };

export interface SelectionExpression {
  readonly source: string;
  /** True when the expression reads the message body; otherwise it evaluates to its literal text. */
  readonly readsBody: boolean;
  /**
   * WS-22: the selected key, or `undefined` when the expression reads the body and the message is not JSON
   * (the caller then falls back to `$default`).
   */
  evaluate(messageText: string): string | undefined;
}

const BODY_PREFIX = 'request.body';

/** WS-21 Choice: an unwrapped variable's path spans `[A-Za-z0-9_.]` and `[n]` groups. */
const UNWRAPPED_PATH = /^[A-Za-z0-9_.]*(?:\[\d+\][A-Za-z0-9_.]*)*/;

/** `a.b[0].c` → `['a', 'b', 0, 'c']`; `undefined` when malformed. */
function parsePath(text: string): Array<string | number> | undefined {
  const path: Array<string | number> = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]|(\.)/gy;
  let expectName = true;
  let match: RegExpExecArray | null;
  pattern.lastIndex = 0;
  while (pattern.lastIndex < text.length) {
    match = pattern.exec(text);
    if (!match) return undefined;
    if (match[1] !== undefined) {
      if (!expectName) return undefined;
      path.push(match[1]);
      expectName = false;
    } else if (match[2] !== undefined) {
      if (expectName && path.length === 0) return undefined;
      path.push(Number(match[2]));
      expectName = false;
    } else {
      if (expectName) return undefined;
      expectName = true;
    }
  }
  return expectName && path.length > 0 ? undefined : path;
}

/** `request.body` or `request.body.<path>` → the path after the body (empty for the whole body). */
function bodyPath(variable: string): Array<string | number> | undefined {
  if (variable === BODY_PREFIX) return [];
  if (!variable.startsWith(`${BODY_PREFIX}.`) && !variable.startsWith(`${BODY_PREFIX}[`)) return undefined;
  const rest = variable.slice(BODY_PREFIX.length + (variable[BODY_PREFIX.length] === '.' ? 1 : 0));
  return parsePath(rest);
}

class ExpressionSyntaxError extends Error {}

function parse(source: string): Part[] {
  const parts: Part[] = [];
  let literal = '';
  let i = 0;
  const flush = () => {
    if (literal) parts.push({ kind: 'literal', text: literal });
    literal = '';
  };
  while (i < source.length) {
    const char = source[i] as string;
    // WS-21: `\$` is a literal dollar sign.
    if (char === '\\' && source[i + 1] === '$') {
      literal += '$';
      i += 2;
      continue;
    }
    if (char !== '$') {
      literal += char;
      i += 1;
      continue;
    }
    if (source[i + 1] === '{') {
      const end = source.indexOf('}', i + 2);
      if (end === -1) throw new ExpressionSyntaxError(`unterminated "\${" at position ${i}`);
      const variable = source.slice(i + 2, end);
      const path = bodyPath(variable);
      if (!path) throw new ExpressionSyntaxError(`"\${${variable}}" is not a $request.body variable`);
      flush();
      parts.push({ kind: 'body', path });
      i = end + 1;
      continue;
    }
    if (source.startsWith(`$${BODY_PREFIX}`, i)) {
      const afterPrefix = i + 1 + BODY_PREFIX.length;
      const tail = source.slice(afterPrefix);
      let consumed = 0;
      if (tail[0] === '.' || tail[0] === '[') consumed = (UNWRAPPED_PATH.exec(tail)?.[0] ?? '').length;
      // A trailing dot belongs to the literal text after the variable.
      while (consumed > 0 && tail[consumed - 1] === '.') consumed -= 1;
      const variable = `${BODY_PREFIX}${tail.slice(0, consumed)}`;
      const path = bodyPath(variable);
      if (!path) throw new ExpressionSyntaxError(`"$${variable}" is not a valid $request.body variable`);
      flush();
      parts.push({ kind: 'body', path });
      i = afterPrefix + consumed;
      continue;
    }
    if (source.startsWith('$request.', i) || source.startsWith('$context.', i) || source.startsWith('$stageVariables.', i)) {
      throw new ExpressionSyntaxError(`only $request.body variables are meaningful in a route selection expression (at position ${i})`);
    }
    // Any other `$` (e.g. `$default` as a static key) is literal text.
    literal += char;
    i += 1;
  }
  flush();
  return parts;
}

/**
 * WS-22.3: how a selected JSON value becomes text. UNVERIFIED: arrays render as `[a, b]` (the docs' example), their
 * elements rendered the same way, objects as compact JSON. Message bodies are the client's: the walk keeps its own
 * stack, so any nesting that JSON.parse accepted renders without exhausting the call stack.
 */
function render(value: unknown): string {
  if (!Array.isArray(value)) return renderScalarOrObject(value);
  let text = '';
  const stack: Array<{ items: readonly unknown[]; next: number }> = [{ items: value, next: 0 }];
  text += '[';
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as { items: readonly unknown[]; next: number };
    if (frame.next === frame.items.length) {
      stack.pop();
      text += ']';
      continue;
    }
    if (frame.next > 0) text += ', ';
    const item = frame.items[frame.next];
    frame.next += 1;
    if (Array.isArray(item)) {
      text += '[';
      stack.push({ items: item, next: 0 });
    } else text += renderScalarOrObject(item);
  }
  return text;
}

function renderScalarOrObject(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return compactJson(value);
}

function lookup(root: unknown, path: ReadonlyArray<string | number>): unknown {
  let value = root;
  for (const step of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    if (typeof step === 'number') {
      if (!Array.isArray(value)) return undefined;
      value = value[step];
    } else {
      // WS-22.4: lookups into arrays by name, or into non-objects, fail.
      if (Array.isArray(value) || !Object.hasOwn(value, step)) return undefined;
      value = (value as Record<string, unknown>)[step];
    }
  }
  return value;
}

/** Compiles an expression; throws on a malformed one (see checkSelectionExpression for a non-throwing check). */
export function compileSelectionExpression(source: string): SelectionExpression {
  const parts = parse(source);
  const readsBody = parts.some((part) => part.kind === 'body');
  if (!readsBody) {
    const text = parts.map((part) => (part.kind === 'literal' ? part.text : '')).join('');
    return { source, readsBody, evaluate: () => text };
  }
  const single = parts.length === 1 ? (parts[0] as Extract<Part, { kind: 'body' }>) : undefined;
  return {
    source,
    readsBody,
    evaluate(messageText) {
      let body: unknown;
      try {
        body = JSON.parse(messageText);
      } catch {
        return undefined;
      }
      // WS-22.4: a root that is not an object makes every lookup fail.
      if (typeof body !== 'object' || body === null || Array.isArray(body)) body = undefined;
      if (single) return single.path.length === 0 ? render(body) : render(lookup(body, single.path));
      let result = '';
      for (const part of parts) result += part.kind === 'literal' ? part.text : part.path.length === 0 ? render(body) : render(lookup(body, part.path));
      return result;
    },
  };
}

/** A description of what is wrong with `source`, or `undefined` when it compiles. */
export function checkSelectionExpression(source: string): string | undefined {
  try {
    parse(source);
    return undefined;
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return error.message;
    throw error;
  }
}

const CONNECTION_ROUTES = new Set(['$connect', '$disconnect']);

/**
 * WS-23/24: the route key a message selects: exact match, else `$default` when it exists,
 * else `undefined` (the caller answers with WS-25's Forbidden frame).
 */
export function selectRoute(expression: SelectionExpression, messageText: string, routeKeys: ReadonlySet<string>): string | undefined {
  const key = expression.evaluate(messageText);
  // WS-23 Choice: messages never select $connect or $disconnect.
  if (key !== undefined && key !== '' && routeKeys.has(key) && !CONNECTION_ROUTES.has(key)) return key;
  return routeKeys.has('$default') ? '$default' : undefined;
}
