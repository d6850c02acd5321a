/** The intrinsic functions accepted where a property value goes, and what kind of value each gives. */
import { isPlainObject } from './issues.ts';
import { resourceSpec } from './spec.ts';
import { isListParameterType, type TemplateFacts } from './template-facts.ts';

/**
 * Functions that stand for a value (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html);
 * the condition functions (`Fn::Equals`, `Fn::And`, …) belong in Conditions and in Fn::If's first argument only.
 */
export const VALUE_FUNCTIONS = new Set([
  'Ref',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::FindInMap',
  'Fn::GetAZs',
  'Fn::GetAtt',
  'Fn::If',
  'Fn::ImportValue',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::Sub',
]);

export const CONDITION_FUNCTIONS = new Set(['Fn::And', 'Fn::Equals', 'Fn::If', 'Fn::Not', 'Fn::Or', 'Condition']);

export interface Intrinsic {
  name: string;
  argument: unknown;
}

/** `{ Ref: … }` or `{ 'Fn::…': … }`: an object with one key naming a function (known or not). */
export function intrinsicOf(value: unknown): Intrinsic | undefined {
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [name] = keys as [string];
  if (name !== 'Ref' && name !== 'Condition' && !name.startsWith('Fn::')) return undefined;
  return { name, argument: value[name] };
}

/** What a function gives: one scalar (a string, or a number from a Number parameter), a list of strings, or either. */
export type ValueKind = 'scalar' | 'list' | 'unknown';

export function valueKind(intrinsic: Intrinsic, facts: TemplateFacts): ValueKind {
  switch (intrinsic.name) {
    case 'Ref':
      return refKind(intrinsic.argument, facts);
    case 'Fn::GetAtt':
      return getAttKind(intrinsic.argument, facts);
    case 'Fn::Split':
    case 'Fn::GetAZs':
    case 'Fn::Cidr':
      return 'list';
    case 'Fn::Select':
    case 'Fn::FindInMap':
      // An element of a list, or a mapping's value: either kind.
      return 'unknown';
    default:
      // Fn::Sub, Fn::Join, Fn::Base64 and Fn::ImportValue give a string.
      return 'scalar';
  }
}

function refKind(target: unknown, facts: TemplateFacts): ValueKind {
  if (target === 'AWS::NotificationARNs') return 'list';
  if (typeof target !== 'string') return 'unknown';
  const parameterType = facts.parameters.get(target);
  return parameterType !== undefined && isListParameterType(parameterType) ? 'list' : 'scalar';
}

function getAttKind(argument: unknown, facts: TemplateFacts): ValueKind {
  const [id, attribute] = getAttTarget(argument);
  const type = id === undefined ? undefined : facts.resources.get(id);
  if (type === undefined || typeof attribute !== 'string') return 'unknown';
  const spec = resourceSpec(type)?.attributes[attribute];
  if (!spec) return 'unknown';
  return spec.type.type === 'array' ? 'list' : 'scalar';
}

/** `["Fn", "Arn"]` or `"Fn.Arn"` (split at the first dot, as CloudFormation does) → logical id and attribute. */
export function getAttTarget(argument: unknown): [string | undefined, unknown] {
  if (typeof argument === 'string') {
    const dot = argument.indexOf('.');
    return dot < 0 ? [argument, undefined] : [argument.slice(0, dot), argument.slice(dot + 1)];
  }
  if (Array.isArray(argument) && typeof argument[0] === 'string') return [argument[0], argument[1]];
  return [undefined, undefined];
}
