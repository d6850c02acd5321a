/**
 * The Framework's variable syntax (v3, v4 and osls share it): `${source:address}`, `${source(param, ...):address}`,
 * fallbacks after commas (`${opt:stage, self:provider.stage, 'dev'}`), variables nested in addresses and params,
 * and `${...}` that is not a variable (CloudFormation's `${AWS::Region}` in `Fn::Sub`) left as text, as the
 * Framework's own parser (lib/configuration/variables/parse.js) decides.
 */

/** A string with the variables found in it; `start`/`end` index `text`. */
export interface Template {
  text: string;
  variables: VariableUse[];
}

export interface VariableUse {
  start: number;
  end: number;
  /** The variable as written, `${opt:stage, 'dev'}`. */
  raw: string;
  /** The first choice, then each fallback. */
  sources: SourceRef[];
}

/** A source (`opt:stage`) or a literal fallback (`'dev'`, `3`, `true`, `null`). */
export type SourceRef = { kind: 'source'; type: string; params: Expression[]; address?: Expression } | { kind: 'literal'; value: unknown };

/** A param or address: a literal, or text with variables to resolve first. */
export type Expression = { literal: unknown } | { template: Template };

export class VariableSyntaxError extends Error {}

const TYPE_CHARS = /[a-zA-Z0-9.]/;
const TYPE_NAME = /^[a-z][a-zA-Z0-9]*$/;

/** The variables of `text`; none when it has none. Throws VariableSyntaxError on a malformed variable. */
export function parseTemplate(text: string): Template {
  return { text, variables: new Parser(text).variablesIn(0, text.length) };
}

class Parser {
  private index = 0;
  constructor(private readonly text: string) {}

  /** Top level: scans text, skipping escapes (`\${`) and foreign `${...}`. */
  variablesIn(from: number, to: number): VariableUse[] {
    const variables: VariableUse[] = [];
    this.index = from;
    while (this.index < to) {
      const char = this.text[this.index];
      if (char === '\\') {
        this.index += 2;
      } else if (this.text.startsWith('${', this.index)) {
        const start = this.index;
        const variable = this.variable(false);
        if (variable) variables.push(variable);
        else this.index = this.foreignEnd(start + 2);
      } else {
        this.index++;
      }
    }
    return variables;
  }

  /** Parses the `${` at `this.index`; undefined when it is foreign text (only allowed outside a variable). */
  private variable(nested: boolean): VariableUse | undefined {
    const start = this.index;
    this.index += 2;
    const typeStart = this.index;
    if (!/[a-z]/.test(this.peek())) {
      if (nested) this.fail(`Invalid variable type at index ${this.index}`);
      return undefined;
    }
    while (TYPE_CHARS.test(this.peek())) this.index++;
    if (this.peek() !== ':' && this.peek() !== '(') {
      if (nested) this.fail(`Invalid variable type at index ${typeStart}`);
      return undefined;
    }
    if (this.peek() === ':' && this.text[this.index + 1] === ':' && !nested) return undefined;
    const sources: SourceRef[] = [this.sourceAfterType(this.text.slice(typeStart, this.index), typeStart)];
    while (this.peek() !== '}') {
      // sourceAfterType stops at ',' or '}'; a literal source must come last.
      this.index++;
      this.skipSpaces();
      const source = this.fallback();
      sources.push(source);
      if (source.kind === 'literal') {
        this.skipSpaces();
        if (this.peek() !== '}') this.fail(`Invalid variable source at index ${this.index}: a literal fallback must come last`);
      }
    }
    this.index++;
    return { start, end: this.index, raw: this.text.slice(start, this.index), sources };
  }

  private fallback(): SourceRef {
    const start = this.index;
    const quote = this.peek();
    if (quote === "'" || quote === '"') return { kind: 'literal', value: this.quoted() };
    while (TYPE_CHARS.test(this.peek()) || this.peek() === '-') this.index++;
    const word = this.text.slice(start, this.index);
    this.skipSpaces();
    if (this.peek() === ':' || this.peek() === '(') {
      if (!TYPE_NAME.test(word)) this.fail(`Invalid variable source at index ${start}`);
      return this.sourceAfterType(word, start);
    }
    if (this.peek() !== '}' || word === '') this.fail(`Invalid variable source at index ${start}`);
    return { kind: 'literal', value: literal(word, start, this.text) };
  }

  /** At the `:` or `(` after a source type; stops at the `,` or `}` that ends the source. */
  private sourceAfterType(type: string, typeStart: number): SourceRef {
    if (!TYPE_NAME.test(type)) this.fail(`Invalid variable type at index ${typeStart}`);
    const params: Expression[] = [];
    if (this.peek() === '(') {
      this.index++;
      params.push(...this.params());
      this.skipSpaces();
      if (this.peek() === ',' || this.peek() === '}') return { kind: 'source', type, params };
      if (this.peek() !== ':') this.fail(`Invalid variable address at index ${this.index}`);
    }
    this.index++;
    this.skipSpaces();
    if (this.peek() === ',' || this.peek() === '}') return { kind: 'source', type, params };
    const quote = this.peek();
    if (quote === "'" || quote === '"') {
      const address = { literal: this.quoted() };
      this.skipSpaces();
      if (this.peek() !== ',' && this.peek() !== '}') this.fail(`Invalid variable address at index ${this.index}`);
      return { kind: 'source', type, params, address };
    }
    const address = this.raw(',}', 'address');
    return { kind: 'source', type, params, address: address.template.variables.length > 0 ? address : { literal: address.template.text } };
  }

  /** After `(`: the params up to and past `)`. */
  private params(): Expression[] {
    const params: Expression[] = [];
    for (;;) {
      this.skipSpaces();
      const char = this.peek();
      if (char === ')') break;
      if (char === ',') {
        params.push({ literal: null });
        this.index++;
        continue;
      }
      if (char === "'" || char === '"') {
        params.push({ literal: this.quoted() });
        this.skipSpaces();
      } else {
        const param = this.raw(',)', 'param');
        const { text, variables } = param.template;
        params.push(variables.length > 0 ? param : { literal: literalOrText(text) });
      }
      if (this.peek() === ')') break;
      if (this.peek() !== ',') this.fail(`Invalid variable param at index ${this.index}`);
      this.index++;
    }
    this.index++;
    return params;
  }

  /** Unquoted text up to one of `stops` (outside nested variables), trimmed, with its nested variables. */
  private raw(stops: string, what: 'address' | 'param'): { template: Template } {
    const start = this.index;
    const variables: VariableUse[] = [];
    for (;;) {
      const char = this.peek();
      if (char === '') this.fail(`Missing variable closing bracket`);
      if (stops.includes(char)) break;
      if (char === '}' || (what === 'address' && char === ':')) this.fail(`Invalid variable ${what} at index ${this.index}`);
      if (this.text.startsWith('${', this.index)) {
        const nested = this.variable(true) as VariableUse;
        variables.push({ ...nested, start: nested.start - start, end: nested.end - start });
      } else {
        this.index++;
      }
    }
    const untrimmed = this.text.slice(start, this.index);
    const text = untrimmed.trimEnd();
    return { template: { text, variables } };
  }

  private quoted(): string {
    const start = this.index;
    const quote = this.peek();
    this.index++;
    while (this.peek() !== quote) {
      if (this.peek() === '') this.fail(`Missing variable closing bracket`);
      if (quote === '"' && this.peek() === '\\') this.index++;
      this.index++;
    }
    this.index++;
    const written = this.text.slice(start, this.index);
    if (quote === "'") return written.slice(1, -1);
    try {
      return JSON.parse(written) as string;
    } catch (error) {
      this.fail(`Invalid string literal at index ${start}: ${(error as Error).message}`);
    }
  }

  /** The index after the `}` closing a foreign `${...}` (nested braces counted), or the end of the text. */
  private foreignEnd(from: number): number {
    let depth = 1;
    for (let index = from; index < this.text.length; index++) {
      if (this.text[index] === '{') depth++;
      if (this.text[index] === '}' && --depth === 0) return index + 1;
    }
    return this.text.length;
  }

  private skipSpaces(): void {
    while (this.peek() === ' ') this.index++;
  }

  private peek(): string {
    return this.text[this.index] ?? '';
  }

  private fail(message: string): never {
    throw new VariableSyntaxError(`${message} in "${this.text}"`);
  }
}

/** A literal fallback: a number, true, false or null (strings are quoted). */
function literal(word: string, start: number, text: string): unknown {
  const value = literalOrText(word);
  if (typeof value === 'string') {
    throw new VariableSyntaxError(
      `Invalid literal fallback "${word}" at index ${start} in "${text}": quote it ('${word}') or use a number, true, false or null`,
    );
  }
  return value;
}

/** An unquoted param: a number, true, false or null, else the text itself (`file(./config.yml)`). */
function literalOrText(word: string): unknown {
  if (word === 'true') return true;
  if (word === 'false') return false;
  if (word === 'null') return null;
  if (word !== '' && !Number.isNaN(Number(word))) return Number(word);
  return word;
}
