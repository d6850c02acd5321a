/** Parses serverless.yml / .yaml / .json text into plain data, keeping each value's line and column. */
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { longForm } from './cloudformation-tags.ts';
import { type Position, type PositionMap, pathKey } from './positions.ts';
import { issueAt, type LocatedIssue, ServerlessConfigError } from './serverless-error.ts';

export interface ParsedDocument {
  value: unknown;
  positions: PositionMap;
  /** Tags the importer does not know, kept as their plain values. */
  warnings: LocatedIssue[];
}

/** Parses `text`; a syntax error throws a ServerlessConfigError naming `file`, line and column. */
export function parseServerlessText(text: string, file: string): ParsedDocument {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const issues: LocatedIssue[] = document.errors.map((error) => {
      const at = error.linePos?.[0];
      // prettyErrors adds the position and a code frame to the message; the issue carries the position itself.
      const message = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '');
      return at ? { path: '(syntax)', message, line: at.line, column: at.col } : { path: '(syntax)', message };
    });
    throw new ServerlessConfigError(file, issues);
  }
  const walker = new Walker(document, lineCounter);
  const value = walker.toValue(document.contents, []);
  return { value, positions: walker.positions, warnings: walker.warnings };
}

class Walker {
  readonly positions = new Map<string, Position>();
  readonly warnings: LocatedIssue[] = [];
  constructor(
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  toValue(node: unknown, keys: (string | number)[]): unknown {
    if (isAlias(node)) return this.toValue(node.resolve(this.document), keys);
    if (!node || typeof node !== 'object' || !('range' in node)) return node ?? null;
    this.place(node as Node, keys);
    const plain = this.plainValue(node as Node, keys);
    const tag = (node as Node).tag;
    if (tag === undefined || !tag.startsWith('!')) return plain;
    const tagged = longForm(tag, plain);
    if (tagged) return tagged;
    this.warnings.push(issueAt(this.positions, keys, `unknown tag ${tag}: kept as its plain value`));
    return plain;
  }

  private plainValue(node: Node, keys: (string | number)[]): unknown {
    if (isScalar(node)) return node.value;
    if (isSeq(node)) return node.items.map((item, index) => this.toValue(item, [...keys, index]));
    if (isMap(node)) {
      const result: Record<string, unknown> = {};
      const merged: Record<string, unknown>[] = [];
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (key === '<<') {
          merged.push(...this.mergeSources(pair.value, keys));
          continue;
        }
        if (pair.value === null && isScalar(pair.key)) this.place(pair.key, [...keys, key]);
        result[key] = this.toValue(pair.value, [...keys, key]);
      }
      // YAML merge keys (`<<: *defaults`): keys written in the map win over merged ones.
      for (const source of merged) for (const [key, value] of Object.entries(source)) if (!(key in result)) result[key] = value;
      return result;
    }
    return null;
  }

  private mergeSources(node: unknown, keys: (string | number)[]): Record<string, unknown>[] {
    const value = this.toValue(node, keys);
    const list = Array.isArray(value) ? value : [value];
    return list.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item));
  }

  private place(node: Node, keys: (string | number)[]): void {
    const key = pathKey(keys);
    if (this.positions.has(key) || !node.range) return;
    const { line, col } = this.lineCounter.linePos(node.range[0]);
    this.positions.set(key, { line, column: col });
  }
}
