/** A VTL mapping template compiled once, rendered per message through velocityjs (MAP-20, MAP-30). */
import { Compile, parse } from 'velocityjs';
import { JAVA_METHODS } from './java-methods.ts';
import { type TemplateInputs, templateVariables } from './objects.ts';

/** MAP-30: `#foreach` runs at most this many iterations per loop (API Gateway's REST quota). */
export const MAX_FOREACH_ITERATIONS = 1_000;

export interface MappingTemplate {
  readonly source: string;
  /** MAP-30: directives API Gateway does not run (`#include`, `#parse`, `#evaluate`, a macro never defined), as `#name (line N)`; they render nothing. */
  readonly unsupported: readonly string[];
  /** Throws when the template fails while rendering (a `$util.parseJson` of bad JSON, a bad regex). */
  render(inputs: TemplateInputs): string;
}

/** The first `max` items of a `#foreach` source, a list or a map's values. */
function capped(items: unknown): unknown {
  if (Array.isArray(items)) return items.length > MAX_FOREACH_ITERATIONS ? items.slice(0, MAX_FOREACH_ITERATIONS) : items;
  if (items !== null && typeof items === 'object') {
    const entries = Object.entries(items);
    return entries.length > MAX_FOREACH_ITERATIONS ? Object.fromEntries(entries.slice(0, MAX_FOREACH_ITERATIONS)) : items;
  }
  return items;
}

type EachCompiler = { getBlockEach(block: unknown[]): string; getLiteral(ast: unknown): unknown };

/** velocityjs with the iteration cap: the loop's source, evaluated first, is cut to the cap. */
class CappedCompile extends Compile {}
const each = (Compile.prototype as unknown as EachCompiler).getBlockEach;
(CappedCompile.prototype as unknown as EachCompiler).getBlockEach = function (this: EachCompiler, block) {
  const literal = this.getLiteral;
  // UNVERIFIED: AWS's behaviour past the cap is not documented; the loop stops there.
  this.getLiteral = (ast) => {
    this.getLiteral = literal;
    return capped(literal.call(this, ast));
  };
  try {
    return each.call(this, block);
  } finally {
    this.getLiteral = literal;
  }
};

const CONFIG = { customMethodHandlers: JAVA_METHODS, escape: false };

/** Includes and evaluation need files or a second parse that mapping templates do not have. */
const UNSUPPORTED_CALLS = new Set(['include', 'parse', 'evaluate']);

type Node = { type?: string; id?: string; pos?: { first_line?: number } } | string | Node[];

/** The directives of a parsed template that render nothing here: calls to the unsupported ones or to undefined macros. */
function unsupportedDirectives(asts: readonly Node[]): string[] {
  const defined = new Set<string>();
  const calls: Array<{ id: string; line: number | undefined }> = [];
  const visit = (node: Node): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    if (node.type === 'macro' && node.id) defined.add(node.id);
    if (node.type === 'macro_call' && node.id) calls.push({ id: node.id, line: node.pos?.first_line });
  };
  asts.forEach(visit);
  return calls.filter(({ id }) => UNSUPPORTED_CALLS.has(id) || !defined.has(id)).map(({ id, line }) => `#${id} (line ${line ?? 1})`);
}

/** Parses `source` now; throws a SyntaxError naming the parser's complaint when it is not valid VTL. */
export function compileTemplate(source: string): MappingTemplate {
  let asts: ReturnType<typeof parse>;
  try {
    asts = parse(source);
  } catch (error) {
    throw new SyntaxError(String((error as Error).message));
  }
  const parsed = asts;
  // A compiler holds a render's state (`#set` locals, `#stop`), so each render gets a fresh one over the parsed tree.
  return {
    source,
    unsupported: unsupportedDirectives(parsed as unknown as Node[]),
    render: (inputs) => new CappedCompile(parsed, CONFIG).render(templateVariables(inputs)),
  };
}
