/** `Ref` and `Fn::GetAtt`: parameters and pseudo parameters by value, resources through the caller's resolver or as references. */
import type { Evaluate, EvaluationContext } from './evaluation-context.ts';
import { expectString, fail } from './intrinsic-arguments.ts';
import type { TemplatePath } from './positions.ts';
import { ResourceReference } from './values.ts';

export function ref(args: unknown, path: TemplatePath, context: EvaluationContext): unknown {
  if (typeof args !== 'string') throw fail(context, path, 'Ref expects the name of a parameter, a resource or a pseudo parameter');
  return refTo(args, path, context);
}

/** What `Ref name` gives; also used by `Fn::Sub` for `${name}`. */
export function refTo(name: string, path: TemplatePath, context: EvaluationContext): unknown {
  if (name.startsWith('AWS::')) {
    if (!context.pseudo.has(name)) throw fail(context, path, `${name} is not a pseudo parameter; expected one of ${[...context.pseudo.keys()].join(', ')}`);
    return copy(context.pseudo.get(name));
  }
  const parameter = context.parameters.get(name);
  if (parameter) return copy(parameter.value);
  return resourceValue(name, undefined, path, context);
}

export function getAtt(args: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate): unknown {
  const pair = typeof args === 'string' && args.includes('.') ? [args.slice(0, args.indexOf('.')), args.slice(args.indexOf('.') + 1)] : args;
  if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') {
    throw fail(context, path, 'Fn::GetAtt expects [LogicalId, AttributeName] or "LogicalId.AttributeName"');
  }
  const attribute = expectString('Fn::GetAtt', evaluate(pair[1], [...path, 1], context), 'the attribute name', [...path, 1], context);
  return resourceValue(pair[0], attribute, path, context);
}

export function resourceValue(logicalId: string, attribute: string | undefined, path: TemplatePath, context: EvaluationContext): unknown {
  const what = attribute === undefined ? `Ref ${logicalId}` : `Fn::GetAtt ${logicalId}.${attribute}`;
  const resource = context.resources.get(logicalId);
  if (!resource && context.externalResource?.(logicalId) && !context.inConditions) return new ResourceReference(logicalId, attribute);
  if (!resource) {
    const expected = attribute === undefined ? 'a parameter, a resource or a pseudo parameter' : 'a resource';
    throw fail(context, path, `${what}: ${logicalId} is not ${expected} of the template`);
  }
  if (context.inConditions) throw fail(context, path, `${what}: conditions can refer to parameters and mappings only, not to resources`);
  if (resource.condition !== undefined && !context.condition(resource.condition, path)) {
    throw fail(context, path, `${what}: ${logicalId} is not created, because its condition ${resource.condition} is false`);
  }
  return context.resolver?.(logicalId, attribute) ?? new ResourceReference(logicalId, attribute);
}

function copy(value: unknown): unknown {
  return Array.isArray(value) ? [...value] : value;
}
