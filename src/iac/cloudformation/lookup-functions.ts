/** `Fn::FindInMap`, `Fn::ImportValue`, `Fn::GetAZs`, `Fn::Cidr` and `Fn::Transform`: values looked up or computed locally. */
import { cidrBlocks } from './cidr.ts';
import type { Evaluate, EvaluationContext } from './evaluation-context.ts';
import { argumentList, expectString, fail } from './intrinsic-arguments.ts';
import { parseTemplate } from './parse-template.ts';
import type { TemplatePath } from './positions.ts';
import { DeferredIntrinsic, isUnresolved, NO_VALUE } from './values.ts';

export function findInMap(args: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate): unknown {
  const names = argumentList('Fn::FindInMap', args, 3, '[MapName, TopLevelKey, SecondLevelKey]', path, context).map((arg, index) =>
    expectString('Fn::FindInMap', evaluate(arg, [...path, index], context), 'each key', [...path, index], context),
  );
  const [mapName, topKey, secondKey] = names as [string, string, string];
  const map = context.mappings[mapName] as Record<string, unknown> | undefined;
  if (map === undefined)
    throw fail(
      context,
      [...path, 0],
      `Fn::FindInMap: ${mapName} is not a mapping of the template; expected one of ${Object.keys(context.mappings).join(', ') || '(no Mappings)'}`,
    );
  const top = map[topKey] as Record<string, unknown> | undefined;
  if (top === undefined || top === null || typeof top !== 'object') throw fail(context, [...path, 1], `Fn::FindInMap: mapping ${mapName} has no key ${topKey}`);
  if (!Object.hasOwn(top, secondKey)) throw fail(context, [...path, 2], `Fn::FindInMap: mapping ${mapName}.${topKey} has no key ${secondKey}`);
  const value = top[secondKey];
  return Array.isArray(value) ? [...value] : value;
}

export function importValue(args: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate): unknown {
  const name = expectString('Fn::ImportValue', evaluate(args, path, context), 'the export name', path, context);
  const value = context.importValues.get(name);
  if (value === undefined) {
    throw fail(
      context,
      path,
      `Fn::ImportValue ${name}: exports of other stacks are not known locally; give its value with --import-value ${name}=<value> (option importValues)`,
    );
  }
  return value;
}

/** DIFF: the zones of a region depend on the account; unless `azs` is given, a region has three: `<region>a`, `b` and `c`. */
export function getAZs(args: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate): unknown {
  const region = expectString('Fn::GetAZs', evaluate(args ?? '', path, context), 'a region name or ""', path, context);
  return context.availabilityZones(region === '' ? context.region : region);
}

export function cidr(args: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate): unknown {
  const [block, count, bits] = argumentList('Fn::Cidr', args, 3, '[ipBlock, count, cidrBits]', path, context).map((arg, index) =>
    evaluate(arg, [...path, index], context),
  );
  if (isUnresolved(block)) return new DeferredIntrinsic('Fn::Cidr', [block, Number(count), Number(bits)]);
  const text = expectString('Fn::Cidr', block, 'the ipBlock', [...path, 0], context);
  const countText = expectString('Fn::Cidr', count, 'the count', [...path, 1], context);
  const bitsText = expectString('Fn::Cidr', bits, 'the cidrBits', [...path, 2], context);
  const blocks = cidrBlocks(text, Number(countText), Number(bitsText));
  if ('error' in blocks) throw fail(context, path, `Fn::Cidr: ${blocks.error}`);
  return blocks;
}

/**
 * `AWS::Include` of a local file (the path `aws cloudformation package` uploads) is read and evaluated in place, as
 * CloudFormation evaluates the snippet it fetches; other macros run in the AWS account, and an `s3://` Location is
 * not fetched: locally their value is left out, with a warning.
 */
export function transform(args: unknown, path: TemplatePath, context: EvaluationContext, evaluate: Evaluate): unknown {
  const name = (args as { Name?: unknown } | null)?.Name;
  if (name === 'AWS::Include') {
    const parameters = (args as { Parameters?: { Location?: unknown } }).Parameters;
    const location = evaluate(parameters?.Location, [...path, 'Parameters', 'Location'], context);
    if (typeof location !== 'string')
      throw fail(context, [...path, 'Parameters', 'Location'], 'Fn::Transform AWS::Include: expected Parameters.Location, the file to include');
    if (!/^s3:\/\//.test(location) && context.readFile) return evaluate(readInclude(location, path, context), path, context);
  }
  context.warn(
    path,
    `Fn::Transform ${typeof name === 'string' ? name : '(no Name)'} runs a macro in the AWS account, which is not run locally; the value is left out`,
  );
  return NO_VALUE;
}

function readInclude(location: string, path: TemplatePath, context: EvaluationContext): unknown {
  let text: string;
  try {
    text = (context.readFile as (file: string) => string)(location);
  } catch (error) {
    throw fail(context, [...path, 'Parameters', 'Location'], `Fn::Transform AWS::Include: ${location} could not be read: ${(error as Error).message}`);
  }
  return parseTemplate(text, location).body;
}
