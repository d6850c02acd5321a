/**
 * Resolves every variable of a parsed serverless configuration, as the Framework does: a value that is one
 * variable keeps the type of what it resolves to; a variable inside text is turned into text; a resolved value
 * that holds variables is resolved in turn; `${self:...}` waits for the property it reads; cycles are errors.
 * Every problem is collected and thrown at once as a ServerlessConfigError with positions.
 */
import { humanPath, type PositionMap, type PropertyPath, pathKey } from './positions.ts';
import { issueAt, type LocatedIssue, ServerlessConfigError } from './serverless-error.ts';
import type { SourceRequest } from './source-request.ts';
import type { VariableContext } from './variable-context.ts';
import { VariableError } from './variable-error.ts';
import { SOURCES } from './variable-sources.ts';
import { type Expression, parseTemplate, type Template, VariableSyntaxError, type VariableUse } from './variable-syntax.ts';

/** How deep a value may keep resolving to new variables before it is taken for a loop (the Framework's limit). */
const MAX_NEST_DEPTH = 10;

export async function resolveVariables(document: unknown, positions: PositionMap, context: VariableContext): Promise<unknown> {
  const resolution = new Resolution({ root: copyData(document) }, context);
  const errors = await resolution.resolveAll();
  if (errors.length > 0) {
    const issues: LocatedIssue[] = errors.map((error) => issueAt(positions, error.keys ?? [], error.message));
    throw new ServerlessConfigError(context.file, issues);
  }
  return resolution.holder.root;
}

type Container = Record<string | number, unknown>;

class Resolution {
  private readonly resolved = new Set<string>();
  private readonly failures = new Map<string, VariableError>();
  private readonly active: PropertyPath[] = [];

  constructor(
    readonly holder: { root: unknown },
    private readonly context: VariableContext,
  ) {}

  /** Resolves the whole tree, one property at a time, collecting each distinct error once. */
  async resolveAll(): Promise<VariableError[]> {
    const errors = new Set<VariableError>();
    const visit = async (keys: PropertyPath): Promise<void> => {
      try {
        await this.property(keys);
      } catch (error) {
        if (!(error instanceof VariableError)) throw error;
        errors.add(error);
        return;
      }
      const value = this.get(keys);
      if (isContainer(value)) for (const key of childKeys(value)) await visit([...keys, key]);
    };
    await visit([]);
    return [...errors];
  }

  /** Resolves the property at `keys` (a string's variables), then everything below it. */
  private async deep(keys: PropertyPath): Promise<void> {
    await this.property(keys);
    const value = this.get(keys);
    if (isContainer(value)) for (const key of childKeys(value)) await this.deep([...keys, key]);
  }

  private async property(keys: PropertyPath): Promise<void> {
    const key = pathKey(keys);
    const failure = this.failures.get(key);
    if (failure) throw failure;
    if (this.resolved.has(key)) return;
    const cycleStart = this.active.findIndex((active) => pathKey(active) === key);
    if (cycleStart !== -1) throw cycleError(this.active.slice(cycleStart), keys);
    this.active.push(keys);
    try {
      await this.resolveString(keys);
      this.resolved.add(key);
    } catch (error) {
      if (error instanceof VariableError) {
        error.keys ??= keys;
        this.failures.set(key, error);
      }
      throw error;
    } finally {
      this.active.pop();
    }
  }

  private async resolveString(keys: PropertyPath): Promise<void> {
    let value = this.get(keys);
    for (let depth = 0; typeof value === 'string'; depth++) {
      const template = parse(value);
      if (template.variables.length === 0) return;
      if (depth === MAX_NEST_DEPTH) throw new VariableError(`resolves to new variables ${MAX_NEST_DEPTH} times over: a likely loop`);
      const result = await this.evaluate(template, keys);
      this.set(keys, result.value);
      // Text built from several parts is not parsed again (the Framework's rule: escapes stay escaped).
      if (result.interpolated) return;
      value = result.value;
    }
  }

  private async evaluate(template: Template, keys: PropertyPath): Promise<{ value: unknown; interpolated: boolean }> {
    const values: unknown[] = [];
    for (const variable of template.variables) values.push(await this.variable(variable, keys));
    const [only] = template.variables;
    if (template.variables.length === 1 && only && only.start === 0 && only.end === template.text.length) {
      return { value: values[0], interpolated: false };
    }
    let text = '';
    let last = 0;
    template.variables.forEach((variable, index) => {
      text += template.text.slice(last, variable.start) + asText(values[index], variable);
      last = variable.end;
    });
    return { value: text + template.text.slice(last), interpolated: true };
  }

  private async variable(variable: VariableUse, keys: PropertyPath): Promise<unknown> {
    let reason = 'no value';
    for (const source of variable.sources) {
      if (source.kind === 'literal') return source.value;
      const resolve = SOURCES[source.type];
      if (!resolve) {
        throw new VariableError(
          `${variable.raw}: unknown variable source "${source.type}"; Hoplite resolves self, opt, sls, env, param, file, strToBool, and cf, ssm, aws, s3 through overrides (sources added by plugins are not run)`,
        );
      }
      const params: unknown[] = [];
      for (const param of source.params) params.push(await this.expression(param, keys));
      const address = source.address === undefined ? undefined : await this.expression(source.address, keys);
      if (address !== undefined && typeof address !== 'string' && typeof address !== 'number') {
        throw new VariableError(`${variable.raw}: the address resolves to ${describe(address)}, expected text`);
      }
      const request = this.request(source.type, address === undefined ? undefined : String(address), params, keys);
      let result: Awaited<ReturnType<typeof resolve>>;
      try {
        result = await resolve(request);
      } catch (error) {
        if (error instanceof VariableError && error.keys === undefined) throw new VariableError(`${variable.raw}: ${error.message}`);
        throw error;
      }
      if (result.found) return asData(result.value);
      reason = result.reason;
    }
    throw new VariableError(`${variable.raw}: ${reason}`);
  }

  private async expression(expression: Expression, keys: PropertyPath): Promise<unknown> {
    if ('literal' in expression) return expression.literal;
    return (await this.evaluate(expression.template, keys)).value;
  }

  private request(type: string, address: string | undefined, params: unknown[], keys: PropertyPath): SourceRequest {
    return {
      type,
      address,
      params,
      context: this.context,
      lookup: (path) => this.lookup(path),
      resolveVariable: async (text) => {
        const template = parse(`\${${text}}`);
        return (await this.evaluate(template, keys)).value;
      },
    };
  }

  /** `${self:a.b}`: resolves each step of the way, then the whole value found. */
  private async lookup(path: readonly string[]): Promise<unknown> {
    const keys: (string | number)[] = [];
    let value = this.holder.root;
    for (const key of path) {
      if (typeof value === 'string') {
        await this.property(keys);
        value = this.get(keys);
      }
      if (!isContainer(value)) return undefined;
      const next = Array.isArray(value) && /^\d+$/.test(key) ? Number(key) : key;
      if (!Object.hasOwn(value, next)) return undefined;
      keys.push(next);
      value = (value as Container)[next];
    }
    await this.deep(keys);
    const found = this.get(keys);
    return copyData(found);
  }

  private get(keys: PropertyPath): unknown {
    let value = this.holder.root;
    for (const key of keys) value = isContainer(value) ? (value as Container)[key] : undefined;
    return value;
  }

  private set(keys: PropertyPath, value: unknown): void {
    if (keys.length === 0) {
      this.holder.root = value;
      return;
    }
    const parent = this.get(keys.slice(0, -1)) as Container;
    parent[keys[keys.length - 1] as string | number] = value;
  }
}

function parse(text: string): Template {
  try {
    return parseTemplate(text);
  } catch (error) {
    if (error instanceof VariableSyntaxError) throw new VariableError(error.message);
    throw error;
  }
}

function cycleError(chain: PropertyPath[], closing: PropertyPath): VariableError {
  // Reported at the property where the cycle starts, without the variable that closes it.
  if (chain.length === 1) return new VariableError(`circular reference: ${humanPath(closing)} refers to itself`, closing);
  return new VariableError(`circular reference: ${[...chain, closing].map(humanPath).join(' → ')}`, chain[0]);
}

/** A value inside text: strings, numbers and booleans only, as the Framework coerces them. */
function asText(value: unknown, variable: VariableUse): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new VariableError(`${variable.raw} resolves to ${describe(value)}, which cannot be part of a text; only strings, numbers and booleans can`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** Copies lists and maps (the one place values are shared from); anything else, even a function, as is. */
function copyData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyData);
  if (isContainer(value) && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copyData(item)]));
  }
  return value;
}

/** A source's value as JSON data, as the Framework normalises it (functions and undefined dropped, dates as text). */
function asData(value: unknown): unknown {
  return isContainer(value) ? JSON.parse(JSON.stringify(value)) : value;
}

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function childKeys(value: Container): (string | number)[] {
  return Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
}
