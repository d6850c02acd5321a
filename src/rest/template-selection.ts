/**
 * REST-10 and REST-13: REST selects mapping templates by media type, not by selection expressions: a request
 * template by the request's `Content-Type`, a response template by its `Accept`.
 */

const JSON_TYPE = 'application/json';

/** `Text/HTML; charset=utf-8` → `text/html`; missing or blank → undefined. */
export function mediaTypeOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const type = (header.split(';')[0] as string).trim().toLowerCase();
  return type === '' ? undefined : type;
}

/** The template keyed by `type`, compared without case as media types are. */
function keyed<T>(templates: Readonly<Record<string, T>>, type: string): [string, T] | undefined {
  for (const [key, template] of Object.entries(templates)) if (key.toLowerCase() === type) return [key, template];
  return undefined;
}

/**
 * REST-10: the request template for the request's media type (parameters ignored; missing ⇒ `application/json`), or
 * undefined when none is keyed by it (then `passthroughBehavior` decides).
 */
export function requestTemplateFor<T>(templates: Readonly<Record<string, T>>, contentType: string | undefined): [string, T] | undefined {
  return keyed(templates, mediaTypeOf(contentType) ?? JSON_TYPE);
}

/**
 * REST-13: the response template for the request's `Accept`: the first listed media type a template is keyed by
 * (UNVERIFIED: order as listed, `q` ignored); missing `Accept` ⇒ `application/json`; no match ⇒ the `application/json`
 * template if any, else the first defined; no templates ⇒ undefined (the body passes through).
 */
export function responseTemplateFor<T>(templates: Readonly<Record<string, T>>, accept: string | undefined): [string, T] | undefined {
  const first = Object.entries(templates)[0];
  if (first === undefined) return undefined;
  const wanted = accept === undefined ? [JSON_TYPE] : accept.split(',').map((part) => mediaTypeOf(part) ?? '');
  for (const type of wanted) {
    const found = type === '' ? undefined : keyed(templates, type);
    if (found) return found;
  }
  return keyed(templates, JSON_TYPE) ?? first;
}

/** REST-4: `type/subtype`, `type/*` or `*\/*`. */
export function mediaTypeMatches(patterns: readonly string[], contentType: string | undefined): boolean {
  if (!contentType || patterns.length === 0) return false;
  const type = (contentType.split(';')[0] as string).trim().toLowerCase();
  return patterns.some((pattern) => pattern === '*/*' || pattern === type || (pattern.endsWith('/*') && type.startsWith(pattern.slice(0, -1))));
}

export type PassthroughBehavior = 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER';

/** REST-10: whether a request no template takes passes through unchanged (else 415 UNSUPPORTED_MEDIA_TYPE). */
export function passesThrough(behavior: PassthroughBehavior | undefined, hasTemplates: boolean): boolean {
  const chosen = behavior ?? 'WHEN_NO_MATCH';
  return chosen === 'WHEN_NO_MATCH' || (chosen === 'WHEN_NO_TEMPLATES' && !hasTemplates);
}
