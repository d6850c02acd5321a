/** Reads a template's text (YAML with CloudFormation short forms, or JSON) into plain long-form values and their positions. */
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { ConfigError } from '../../errors.ts';
import { type Position, SourcePositions, type TemplatePath } from './positions.ts';
import { longForm, longFormKey, UNKNOWN_TAG } from './short-forms.ts';

export type TemplateFormat = 'yaml' | 'json';

/** A template as read: its body in long form (plain objects, lists and scalars) and where every node of it sits. */
export interface ParsedTemplate {
  file: string;
  format: TemplateFormat;
  body: Record<string, unknown>;
  positions: SourcePositions;
}

/** JSON when the file ends in `.json`, or opens with `{` and does not end in `.yaml`/`.yml`; otherwise YAML. */
export function templateFormat(file: string, text: string): TemplateFormat {
  const name = file.toLowerCase();
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'yaml';
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

export function parseTemplate(text: string, file: string): ParsedTemplate {
  const format = templateFormat(file, text);
  const lines = new LineCounter();
  const positions = new SourcePositions(file);
  const fail = (position: Position, message: string) => new ConfigError(`${file}:${position.line}:${position.column}`, [{ path: '(template)', message }]);
  if (format === 'json') checkJson(text, lines, fail);
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const [error] = document.errors;
  if (error) throw fail(at(lines, error.pos[0]), `not valid ${format === 'json' ? 'JSON' : 'YAML'}: ${firstLine(error.message)}`);
  // A plain mapping under a key is placed at its key (a resource at its logical id, not its first property); anything else at its value.
  const toValue = (node: unknown, path: TemplatePath, keyed = false): unknown => {
    if (isAlias(node)) return toValue(node.resolve(document), path, keyed);
    const yamlNode = node as Node | null;
    if (yamlNode?.range && !(keyed && isMap(yamlNode) && !yamlNode.tag)) positions.set(path, at(lines, yamlNode.range[0]));
    const tag = yamlNode?.tag;
    if (!tag?.startsWith('!') || tag.startsWith('!!')) return plainValue(yamlNode, path);
    const key = longFormKey(tag);
    if (key === undefined) throw fail(positions.at(path), `unknown tag ${tag}; ${UNKNOWN_TAG}`);
    // Children are placed under the long form's key, where resolution will look for them.
    return longForm(key, plainValue(yamlNode, [...path, key]));
  };
  const plainValue = (node: Node | null, path: TemplatePath): unknown => {
    if (isMap(node)) {
      const object: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
        const keyNode = pair.key as Node | null;
        if (keyNode?.range) positions.set([...path, key], at(lines, keyNode.range[0]));
        object[key] = toValue(pair.value, [...path, key], true);
      }
      return object;
    }
    if (isSeq(node)) return node.items.map((item, index) => toValue(item, [...path, index]));
    if (isScalar(node)) return node.value;
    return null;
  };
  const body = toValue(document.contents, []);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw fail({ line: 1, column: 1 }, 'expected a template: a mapping with a Resources section');
  }
  return { file, format, body: body as Record<string, unknown>, positions };
}

/** JSON is stricter than YAML's flow style (no trailing commas, no bare words): check it with JSON's own parser first. */
function checkJson(text: string, lines: LineCounter, fail: (position: Position, message: string) => ConfigError): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = Number(/at position (\d+)/.exec(message)?.[1] ?? Number.NaN);
    if (Number.isNaN(offset)) return;
    lines.addNewLine(0);
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') lines.addNewLine(i + 1);
    throw fail(at(lines, offset), `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`);
  }
}

function at(lines: LineCounter, offset: number): Position {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
