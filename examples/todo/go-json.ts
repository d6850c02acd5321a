/** JSON read and written as the seed's Go handler does with encoding/json, so that this port answers as the seed. */
import type { Todo } from './handler.ts';

const TODO_FIELDS = ['id', 'dueDate', 'description', 'priority'] as const;

/**
 * What `json.Unmarshal(body, &todo)` does: the body must be JSON, an object or `null`; keys match the fields
 * case-insensitively, the last one wins; a field takes a string or `null`; other keys are ignored. Anything else
 * is an error, which the seed returns to Lambda.
 */
export function decodeTodo(body: string): Required<Todo> {
  const todo: Required<Todo> = { id: '', dueDate: '', description: '', priority: '' };
  const value: unknown = JSON.parse(body);
  if (value === null) return todo;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`json: cannot unmarshal ${goKind(value)} into Go value of type main.Todo`);
  }
  for (const [key, fieldValue] of Object.entries(value)) {
    const field = TODO_FIELDS.find((name) => name.toLowerCase() === key.toLowerCase());
    if (!field || fieldValue === null) continue;
    if (typeof fieldValue !== 'string') {
      throw new Error(`json: cannot unmarshal ${goKind(fieldValue)} into Go struct field Todo.${field} of type string`);
    }
    todo[field] = fieldValue;
  }
  return todo;
}

/** `json.Marshal`: like JSON.stringify, but `<`, `>`, `&`, U+2028 and U+2029 in strings are escaped. */
export function goJson(value: unknown): string {
  // These characters can only occur inside strings, so replacing them everywhere is safe.
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Go's name for a JSON value's kind in unmarshal errors. */
function goKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** Go's json.Marshal writes a map's keys sorted (a struct's in field order). */
export function sortedKeys(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : 1)));
}
