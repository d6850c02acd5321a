/** Multi-value maps as API Gateway events carry them (`multiValueHeaders`, `multiValueQueryStringParameters`). */

/** Appends `value` to the list under `key`, in arrival order. */
export function addValue(map: Record<string, string[]>, key: string, value: string): void {
  const values = map[key];
  if (values) values.push(value);
  else map[key] = [value];
}
