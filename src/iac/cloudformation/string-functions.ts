/** `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split` and `Fn::Base64`; with a resource reference inside they stay deferred. */
import type { Evaluate, EvaluationContext } from './evaluation-context.ts';
import { argumentList, describe, expectString, fail, joinParts, textParts } from './intrinsic-arguments.ts';
import type { TemplatePath } from './positions.ts';
import { refTo, resourceValue } from './reference-functions.ts';
import { subParts } from './sub-template.ts';
import { DeferredIntrinsic, isUnresolved, NO_VALUE, type Unresolved } from './values.ts';

const SUB_SHAPE = 'a string, or [string, { Name: value, … }]';

export function sub(args: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate): unknown {
  const [template, variables] = Array.isArray(args) ? argumentList('Fn::Sub', args, 2, SUB_SHAPE, path, context) : [args, {}];
  if (typeof template !== 'string') throw fail(context, path, `Fn::Sub expects ${SUB_SHAPE}`);
  if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) throw fail(context, [...path, 1], `Fn::Sub expects ${SUB_SHAPE}`);
  const parts = subParts(template);
  if ('error' in parts) throw fail(context, path, `Fn::Sub: ${parts.error}`);
  const values = variables as Record<string, unknown>;
  const pieces: (string | Unresolved)[] = [];
  for (const part of parts) {
    if ('text' in part) {
      pieces.push(part.text);
      continue;
    }
    const name = part.variable;
    const value = Object.hasOwn(values, name) ? evaluate(values[name], [...path, 1, name], context) : subVariable(name, path, context);
    pieces.push(...textParts('Fn::Sub', value, path, context));
  }
  return joinParts(pieces);
}

/** `${Name}` is `Ref Name`; `${Name.Attribute}` is `Fn::GetAtt Name.Attribute` (pseudo parameters hold `::`, never a dot first). */
function subVariable(name: string, path: TemplatePath, context: EvaluationContext): unknown {
  const dot = name.indexOf('.');
  if (dot < 0 || context.parameters.has(name) || name.startsWith('AWS::')) return refTo(name, path, context);
  return resourceValue(name.slice(0, dot), name.slice(dot + 1), path, context);
}

export function join(args: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate): unknown {
  const [delimiterArg, listArg] = argumentList('Fn::Join', args, 2, '[delimiter, [value, …]]', path, context);
  const delimiter = expectString('Fn::Join', evaluate(delimiterArg, [...path, 0], context), 'the delimiter', [...path, 0], context);
  const list = evaluate(listArg, [...path, 1], context);
  if (isUnresolved(list)) return new DeferredIntrinsic('Fn::Join', [delimiter, list]);
  if (!Array.isArray(list)) throw fail(context, [...path, 1], `Fn::Join expects a list of values to join, got ${describe(list)}`);
  const pieces = list.flatMap((item, index) => [...(index > 0 ? [delimiter] : []), ...textParts('Fn::Join', item, [...path, 1, index], context)]);
  return joinParts(pieces);
}

export function select(args: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate): unknown {
  const [indexArg, listArg] = argumentList('Fn::Select', args, 2, '[index, list]', path, context);
  const indexText = expectString('Fn::Select', evaluate(indexArg, [...path, 0], context), 'the index', [...path, 0], context);
  const index = Number(indexText);
  if (!/^\d+$/.test(indexText.trim())) throw fail(context, [...path, 0], `Fn::Select expects the index as a whole number, got ${JSON.stringify(indexText)}`);
  const list = evaluate(listArg, [...path, 1], context);
  if (isUnresolved(list)) return new DeferredIntrinsic('Fn::Select', [index, list]);
  if (!Array.isArray(list)) throw fail(context, [...path, 1], `Fn::Select expects a list, got ${describe(list)}`);
  if (index >= list.length) throw fail(context, [...path, 0], `Fn::Select: index ${index} is outside the list of ${list.length}`);
  return list[index];
}

export function split(args: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate): unknown {
  const [delimiterArg, sourceArg] = argumentList('Fn::Split', args, 2, '[delimiter, string]', path, context);
  const delimiter = expectString('Fn::Split', evaluate(delimiterArg, [...path, 0], context), 'the delimiter', [...path, 0], context);
  const source = evaluate(sourceArg, [...path, 1], context);
  if (isUnresolved(source)) return new DeferredIntrinsic('Fn::Split', [delimiter, source]);
  return expectString('Fn::Split', source, 'the string to split', [...path, 1], context).split(delimiter);
}

export function base64(args: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate): unknown {
  const value = evaluate(args, path, context);
  if (isUnresolved(value)) return new DeferredIntrinsic('Fn::Base64', [value]);
  if (value === NO_VALUE) throw fail(context, path, 'Fn::Base64 expects a string, got AWS::NoValue');
  return Buffer.from(expectString('Fn::Base64', value, 'the text to encode', path, context), 'utf8').toString('base64');
}
