/** The `Conditions` section: each condition evaluated once, on first use, with cycles reported by their path. */
import type { EvaluationContext } from './evaluation-context.ts';
import { fail } from './intrinsic-arguments.ts';
import { evaluate } from './intrinsics.ts';
import type { TemplatePath } from './positions.ts';

export class ConditionTable {
  readonly #section: Readonly<Record<string, unknown>>;
  readonly #values = new Map<string, boolean>();
  readonly #evaluating: string[] = [];

  constructor(section: unknown) {
    this.#section = (section ?? {}) as Record<string, unknown>;
  }

  /** The value of `name`; `context` is the one conditions are evaluated in (resources cannot be referred to there). */
  value(name: string, path: TemplatePath, context: EvaluationContext): boolean {
    const known = this.#values.get(name);
    if (known !== undefined) return known;
    if (!Object.hasOwn(this.#section, name)) {
      const names = Object.keys(this.#section);
      throw fail(context, path, `${name} is not a condition of the template; expected one of ${names.join(', ') || '(no Conditions)'}`);
    }
    const start = this.#evaluating.indexOf(name);
    if (start >= 0)
      throw fail(context, ['Conditions', name], `conditions refer to each other in a cycle: ${[...this.#evaluating.slice(start), name].join(' → ')}`);
    this.#evaluating.push(name);
    const value = evaluate(this.#section[name], ['Conditions', name], { ...context, inConditions: true });
    this.#evaluating.pop();
    if (typeof value !== 'boolean')
      throw fail(context, ['Conditions', name], 'expected a condition: Fn::Equals, Fn::And, Fn::Or, Fn::Not or { Condition: name }');
    this.#values.set(name, value);
    return value;
  }

  /** Every condition, in template order. */
  all(context: EvaluationContext): Map<string, boolean> {
    return new Map(Object.keys(this.#section).map((name) => [name, this.value(name, ['Conditions', name], context)]));
  }
}
