/** One problem found in a template, and the list checks add them to. */

/** Where in the template (`Resources.Fn.Properties.Code.S3Key`) and what is wrong there. */
export interface TemplateIssue {
  /** The template's file, as given to checkTemplate. */
  source: string;
  path: string;
  message: string;
}

export class IssueList {
  readonly issues: TemplateIssue[] = [];
  readonly #source: string;

  constructor(source: string) {
    this.#source = source;
  }

  add(path: string, message: string): void {
    this.issues.push({ source: this.#source, path, message });
  }
}

/** `Resources.Fn` + `Properties` → `Resources.Fn.Properties`; list items as `[0]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** A value as a message shows it: JSON, cut at 40 characters. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
