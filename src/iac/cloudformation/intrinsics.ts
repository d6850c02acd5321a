/** Evaluates a template value: intrinsic functions run, `AWS::NoValue` removes its key, resource references are kept. */
import { and, conditionRef, equals, fnIf, not, or } from './condition-functions.ts';
import type { Evaluate, EvaluationContext } from './evaluation-context.ts';
import { fail } from './intrinsic-arguments.ts';
import { cidr, findInMap, getAZs, importValue, transform } from './lookup-functions.ts';
import type { TemplatePath } from './positions.ts';
import { getAtt, ref } from './reference-functions.ts';
import { base64, join, select, split, sub } from './string-functions.ts';
import { isUnresolved, NO_VALUE } from './values.ts';

type Intrinsic = (args: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate) => unknown;

const INTRINSICS: Readonly<Record<string, Intrinsic>> = {
  Ref: ref,
  Condition: conditionRef,
  'Fn::And': and,
  'Fn::Base64': base64,
  'Fn::Cidr': cidr,
  'Fn::Equals': equals,
  'Fn::FindInMap': findInMap,
  'Fn::GetAtt': getAtt,
  'Fn::GetAZs': getAZs,
  'Fn::If': fnIf,
  'Fn::ImportValue': importValue,
  'Fn::Join': join,
  'Fn::Not': not,
  'Fn::Or': or,
  'Fn::Select': select,
  'Fn::Split': split,
  'Fn::Sub': sub,
  'Fn::Transform': transform,
};

/** The value with every intrinsic evaluated; NO_VALUE when the whole value is `AWS::NoValue`. */
export const evaluate: Evaluate = (value, path, context) => {
  if (Array.isArray(value)) {
    const items = value.map((item, index) => evaluate(item, [...path, index], context));
    return items.filter((item) => item !== NO_VALUE);
  }
  if (value === null || typeof value !== 'object' || isUnresolved(value)) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const fnKey = keys.find((key) => isIntrinsicKey(key, context));
  if (fnKey !== undefined) {
    if (keys.length > 1)
      throw fail(context, [...path, fnKey], `${fnKey} must be the only key of its mapping; found also ${keys.filter((key) => key !== fnKey).join(', ')}`);
    const intrinsic = INTRINSICS[fnKey];
    if (!intrinsic)
      throw fail(context, [...path, fnKey], `${fnKey} is not an intrinsic function evaluated locally; expected one of ${Object.keys(INTRINSICS).join(', ')}`);
    return intrinsic(record[fnKey], [...path, fnKey], context, evaluate);
  }
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const item = evaluate(record[key], [...path, key], context);
    if (item !== NO_VALUE) result[key] = item;
  }
  return result;
};

/** `{ Condition: name }` is a reference only among conditions: elsewhere `Condition` is an ordinary key (IAM statements have one). */
function isIntrinsicKey(key: string, context: EvaluationContext): boolean {
  return key === 'Ref' || key.startsWith('Fn::') || (key === 'Condition' && context.inConditions);
}
