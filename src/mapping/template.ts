/** A VTL mapping template compiled once, rendered per message through velocityjs (MAP-20, MAP-30). */
import { Compile, parse } from 'velocityjs';
import { JAVA_METHODS } from './java-methods.ts';
import { type TemplateInputs, templateVariables } from './objects.ts';

/** MAP-30: `#foreach` runs at most this many iterations per loop (API Gateway's REST quota). */
export const MAX_FOREACH_ITERATIONS = 1_000;

export interface MappingTemplate {
  readonly source: string;
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
  return { source, render: (inputs) => new CappedCompile(parsed, CONFIG).render(templateVariables(inputs)) };
}
