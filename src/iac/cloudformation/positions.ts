/** Where each node of a template sits in its file, kept beside the plain value as a side table keyed by path. */

/** A 1-based line and column in a template file. */
export interface Position {
  line: number;
  column: number;
}

/** One step into a template: a mapping key or a list index. */
export type PathSegment = string | number;
export type TemplatePath = readonly PathSegment[];

const PLAIN_KEY = /^[A-Za-z0-9_:-]+$/;

/** `Resources.Fn.Properties.Events[0]`; keys that are not plain words are quoted: `Mappings["a.b"]`. */
export function pathText(path: TemplatePath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === '' ? '(template)' : text;
}

/** The positions of a template's nodes, by path; a path with no entry (a value built by resolution) takes its nearest ancestor's. */
export class SourcePositions {
  readonly file: string;
  readonly #byPath = new Map<string, Position>();

  constructor(file: string) {
    this.file = file;
  }

  set(path: TemplatePath, position: Position): void {
    this.#byPath.set(pathText(path), position);
  }

  at(path: TemplatePath): Position {
    for (let length = path.length; length >= 0; length--) {
      const found = this.#byPath.get(pathText(path.slice(0, length)));
      if (found) return found;
    }
    return { line: 1, column: 1 };
  }

  /** `template.yaml:12:7`, the form editors and terminals turn into a link. */
  locate(path: TemplatePath): string {
    const { line, column } = this.at(path);
    return `${this.file}:${line}:${column}`;
  }
}
