/** Each intrinsic function's argument has the form CloudFormation reads: `Fn::Join` a delimiter and a list, and so on. */
import { type Intrinsic, intrinsicOf } from './intrinsics.ts';

const isText = (value: unknown) => typeof value === 'string' || intrinsicOf(value) !== undefined;
const isList = (value: unknown) => Array.isArray(value) || intrinsicOf(value) !== undefined;
const isIndex = (value: unknown) => typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value)) || intrinsicOf(value) !== undefined;
const pair = (value: unknown, first: (item: unknown) => boolean, second: (item: unknown) => boolean) =>
  Array.isArray(value) && value.length === 2 && first(value[0]) && second(value[1]);

/** Expected forms (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html). */
const FORMS: Record<string, { accepts: (argument: unknown) => boolean; expected: string }> = {
  'Fn::Join': { accepts: (argument) => pair(argument, (item) => typeof item === 'string', isList), expected: '[delimiter, [values]]' },
  'Fn::Select': { accepts: (argument) => pair(argument, isIndex, isList), expected: '[index, [values]]' },
  'Fn::Split': { accepts: (argument) => pair(argument, (item) => typeof item === 'string', isText), expected: '[delimiter, string]' },
  'Fn::FindInMap': {
    accepts: (argument) => Array.isArray(argument) && argument.length === 3 && argument.every(isText),
    expected: '[mapping, top-level key, second-level key]',
  },
  'Fn::If': {
    accepts: (argument) => Array.isArray(argument) && argument.length === 3 && typeof argument[0] === 'string',
    expected: '[condition name, value if true, value if false]',
  },
  'Fn::Cidr': { accepts: (argument) => Array.isArray(argument) && argument.length === 3, expected: '[ip block, count, cidr bits]' },
  'Fn::Base64': { accepts: isText, expected: 'a string' },
  'Fn::GetAZs': { accepts: isText, expected: 'a region, or "" for the stack\'s own' },
  'Fn::ImportValue': { accepts: isText, expected: "an export's name" },
  'Fn::Equals': { accepts: (argument) => Array.isArray(argument) && argument.length === 2, expected: '[value, value]' },
  'Fn::And': { accepts: (argument) => Array.isArray(argument) && argument.length >= 2 && argument.length <= 10, expected: '2 to 10 conditions' },
  'Fn::Or': { accepts: (argument) => Array.isArray(argument) && argument.length >= 2 && argument.length <= 10, expected: '2 to 10 conditions' },
  'Fn::Not': { accepts: (argument) => Array.isArray(argument) && argument.length === 1, expected: '[condition]' },
};

/** What the argument should be, when it is not of its function's form. */
export function argumentProblem(intrinsic: Intrinsic): string | undefined {
  const form = FORMS[intrinsic.name];
  return form && !form.accepts(intrinsic.argument) ? `expected ${form.expected}` : undefined;
}
