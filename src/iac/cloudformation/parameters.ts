/** The `Parameters` section resolved: each value from an override or its Default, parsed by type and checked by its constraints. */
import type { ConfigError } from '../../errors.ts';
import { parameterKind } from './parameter-types.ts';
import type { SourcePositions, TemplatePath } from './positions.ts';
import { templateError } from './template-error.ts';
import { type TemplateWarning, templateWarning } from './warnings.ts';

export interface ResolvedParameter {
  type: string;
  /** A string, or a list of strings for list types; numbers stay strings, as `Ref` gives them. */
  value: string | string[];
  source: 'default' | 'override';
  noEcho: boolean;
}

interface Declaration {
  Type?: unknown;
  Default?: unknown;
  AllowedValues?: unknown;
  AllowedPattern?: unknown;
  MinLength?: unknown;
  MaxLength?: unknown;
  MinValue?: unknown;
  MaxValue?: unknown;
  NoEcho?: unknown;
  ConstraintDescription?: unknown;
}

export function resolveParameters(
  section: unknown,
  overrides: ReadonlyMap<string, string>,
  positions: SourcePositions,
  warnings: TemplateWarning[],
): Map<string, ResolvedParameter> {
  const resolved = new Map<string, ResolvedParameter>();
  const declarations = (section ?? {}) as Record<string, Declaration>;
  for (const [name, declaration] of Object.entries(declarations)) {
    resolved.set(name, resolveParameter(name, declaration ?? {}, overrides.get(name), positions));
  }
  for (const name of overrides.keys()) {
    if (!resolved.has(name))
      warnings.push(templateWarning(positions, ['Parameters'], `--parameter-overrides names ${name}, which is not a parameter of the template; ignored`));
  }
  return resolved;
}

function resolveParameter(name: string, declaration: Declaration, override: string | undefined, positions: SourcePositions): ResolvedParameter {
  const path = ['Parameters', name];
  const fail = (at: TemplatePath, message: string): ConfigError => templateError(positions, at, message);
  const type = declaration.Type;
  if (typeof type !== 'string') throw fail(path, 'expected a Type, such as String, Number or CommaDelimitedList');
  const kind = parameterKind(type);
  if (!kind)
    throw fail(
      [...path, 'Type'],
      `${type} is not a CloudFormation parameter type; expected String, Number, List<Number>, CommaDelimitedList, an AWS-specific type or AWS::SSM::Parameter::Value<…>`,
    );
  const noEcho = declaration.NoEcho === true || declaration.NoEcho === 'true';
  if (override === undefined && kind.ssm) {
    throw fail(
      path,
      `${type} reads the SSM parameter ${JSON.stringify(declaration.Default ?? '')}, which is not read locally; give its value with --parameter-overrides ${name}=<value>`,
    );
  }
  if (override === undefined && declaration.Default === undefined) throw fail(path, `has no Default; give a value with --parameter-overrides ${name}=<value>`);
  const from = override === undefined ? [...path, 'Default'] : path;
  const origin = override === undefined ? '' : ' (from --parameter-overrides)';
  const raw = override ?? declaration.Default;
  if (typeof raw !== 'string' && typeof raw !== 'number') throw fail(from, `expected the value as a string${origin}`);
  const text = String(raw);
  // CommaDelimitedList: "each member string is space trimmed" (parameters section, CloudFormation User Guide).
  const members = kind.list ? text.split(',').map((member) => member.trim()) : [text];
  for (const member of members) {
    const problem = constraintProblem(member, kind.numeric, declaration);
    if (problem === undefined) continue;
    const why = typeof declaration.ConstraintDescription === 'string' ? ` (${declaration.ConstraintDescription})` : '';
    throw fail(from, `${JSON.stringify(member)} ${problem}${why}${origin}`);
  }
  return { type, value: kind.list ? members : text, source: override === undefined ? 'default' : 'override', noEcho };
}

/** The first constraint a value breaks, as the end of a sentence starting with the value; undefined when it keeps them all. */
function constraintProblem(value: string, numeric: boolean, declaration: Declaration): string | undefined {
  if (numeric && (value.trim() === '' || !Number.isFinite(Number(value)))) return 'is not a number';
  const allowed = declaration.AllowedValues;
  if (Array.isArray(allowed) && !allowed.map(String).includes(value)) return `is not one of the AllowedValues: ${allowed.map(String).join(', ')}`;
  const pattern = declaration.AllowedPattern;
  if (typeof pattern === 'string' && !new RegExp(`^(?:${pattern})$`, 'u').test(value)) return `does not match the AllowedPattern ${pattern}`;
  const { MinLength: minLength, MaxLength: maxLength, MinValue: minValue, MaxValue: maxValue } = declaration;
  if (minLength !== undefined && value.length < Number(minLength)) return `is shorter than the MinLength ${minLength}`;
  if (maxLength !== undefined && value.length > Number(maxLength)) return `is longer than the MaxLength ${maxLength}`;
  if (minValue !== undefined && Number(value) < Number(minValue)) return `is less than the MinValue ${minValue}`;
  if (maxValue !== undefined && Number(value) > Number(maxValue)) return `is greater than the MaxValue ${maxValue}`;
  return undefined;
}
