/** Choosing a template and an integration response by key (MAP-2, MAP-21, MAP-22). */

const DEFAULT_KEY = '$default';

/** MAP-2: the entry with exactly `key`, else `$default`, else none (then the message passes through). */
export function selectTemplate<T>(templates: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  if (key !== undefined && Object.hasOwn(templates, key)) return templates[key];
  return Object.hasOwn(templates, DEFAULT_KEY) ? templates[DEFAULT_KEY] : undefined;
}

export interface IntegrationResponseChoice {
  /** `/regex/` matched in full against the status (or error message), or `$default`. */
  key: string;
  /** The key's pattern compiled once (integrationResponsePattern); absent for `$default`. */
  pattern: RegExp | undefined;
}

/** MAP-2: a `/regex/` key as a full-match pattern; undefined for `$default` or any other key. */
export const integrationResponsePattern = (key: string): RegExp | undefined =>
  key.length >= 2 && key.startsWith('/') && key.endsWith('/') ? new RegExp(`^(?:${key.slice(1, -1)})$`) : undefined;

/** MAP-2, MAP-21: the first response whose `/regex/` key matches `value` in full, else the `$default` one. */
export function selectIntegrationResponse<T extends IntegrationResponseChoice>(responses: readonly T[], value: string): T | undefined {
  for (const response of responses) {
    if (response.pattern?.test(value)) return response;
  }
  return responses.find((response) => response.key === DEFAULT_KEY);
}
