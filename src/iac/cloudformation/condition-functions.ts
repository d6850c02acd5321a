/** `Fn::If`, `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` and `Condition`: booleans from parameters, mappings and conditions. */
import type { Evaluate, EvaluationContext } from './evaluation-context.ts';
import { argumentList, describe, fail } from './intrinsic-arguments.ts';
import type { TemplatePath } from './positions.ts';
import { isUnresolved } from './values.ts';

/** Only the branch chosen is evaluated, so the other may refer to what the condition rules out. */
export function fnIf(args: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate): unknown {
  const [name, whenTrue, whenFalse] = argumentList('Fn::If', args, 3, '[ConditionName, valueIfTrue, valueIfFalse]', path, context);
  if (typeof name !== 'string') throw fail(context, [...path, 0], 'Fn::If expects the name of a condition first');
  return context.condition(name, [...path, 0]) ? evaluate(whenTrue, [...path, 1], context) : evaluate(whenFalse, [...path, 2], context);
}

/** UNVERIFIED: CloudFormation compares the two values as strings, so `1` equals `"1"` and `true` equals `"true"`. */
export function equals(args: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate): boolean {
  const [left, right] = argumentList('Fn::Equals', args, 2, '[value1, value2]', path, context).map((arg, index) => {
    const value = evaluate(arg, [...path, index], context);
    if (isUnresolved(value)) throw fail(context, [...path, index], 'Fn::Equals needs values known before resources exist');
    return JSON.stringify(asText(value));
  });
  return left === right;
}

export function and(args: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate): boolean {
  return conditionList('Fn::And', args, path, context, evaluate).every(Boolean);
}

export function or(args: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate): boolean {
  return conditionList('Fn::Or', args, path, context, evaluate).some(Boolean);
}

export function not(args: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate): boolean {
  const [condition] = argumentList('Fn::Not', args, 1, '[condition]', path, context);
  return !booleanOf('Fn::Not', condition, [...path, 0], context, evaluate);
}

export function conditionRef(args: unknown, path: TemplatePath, context: EvaluationContext): boolean {
  if (typeof args !== 'string') throw fail(context, path, 'Condition expects the name of a condition');
  return context.condition(args, path);
}

/** Fn::And and Fn::Or: "a minimum of 2 conditions and a maximum of 10" (condition functions, CloudFormation reference). */
function conditionList(fn: string, args: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate): boolean[] {
  const conditions = argumentList(fn, args, [2, 10], 'a list of 2 to 10 conditions', path, context);
  return conditions.map((condition, index) => booleanOf(fn, condition, [...path, index], context, evaluate));
}

function booleanOf(fn: string, condition: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate): boolean {
  const value = evaluate(condition, path, { ...context, inConditions: true });
  if (typeof value !== 'boolean') throw fail(context, path, `${fn} expects conditions (Fn::Equals, Fn::Not, { Condition: name }…), got ${describe(value)}`);
  return value;
}

function asText(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(asText);
  return value;
}
