/** Resolves a parsed template: parameters, conditions, then every resource and output with its intrinsics evaluated. */
import { ConditionTable } from './conditions.ts';
import type { EvaluationContext } from './evaluation-context.ts';
import { describe, fail } from './intrinsic-arguments.ts';
import { evaluate } from './intrinsics.ts';
import { parseParameterOverrides } from './parameter-overrides.ts';
import { resolveParameters } from './parameters.ts';
import type { ParsedTemplate } from './parse-template.ts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, DEFAULT_STACK_NAME, pseudoParameters } from './pseudo-parameters.ts';
import type { ResolveOptions } from './resolve-options.ts';
import { type ResolvedOutput, type ResolvedResource, type ResolvedTemplate, SERVERLESS_TRANSFORM } from './resolved-template.ts';
import { templateError } from './template-error.ts';
import { NO_VALUE } from './values.ts';
import { type TemplateWarning, templateWarning } from './warnings.ts';

const SECTIONS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
  'Globals',
]);
const RESOURCE_ATTRIBUTES = ['DeletionPolicy', 'UpdateReplacePolicy', 'UpdatePolicy', 'CreationPolicy', 'Metadata'];
const RESOURCE_KEYS = new Set(['Type', 'Properties', 'Condition', 'DependsOn', ...RESOURCE_ATTRIBUTES]);

export function resolveTemplate(template: ParsedTemplate, options: ResolveOptions = {}): ResolvedTemplate {
  const { body, positions } = template;
  const warnings: TemplateWarning[] = [];
  const warn = (path: readonly (string | number)[], message: string) => warnings.push(templateWarning(positions, path, message));
  for (const section of Object.keys(body)) if (!SECTIONS.has(section)) warn([section], `${section} is not a template section; ignored`);
  if (body.Rules !== undefined) warn(['Rules'], 'Rules are checked by CloudFormation when a stack is created; they are not checked locally');
  const transforms = transformNames(template, warn);
  const resourcesSection = body.Resources;
  if (resourcesSection === null || typeof resourcesSection !== 'object' || Array.isArray(resourcesSection)) {
    throw templateError(positions, ['Resources'], 'expected a Resources section: a mapping of logical ids to resources');
  }
  const resourceBodies = resourcesSection as Record<string, Record<string, unknown>>;
  const region = options.region ?? DEFAULT_REGION;
  const conditions = new ConditionTable(body.Conditions);
  const context: EvaluationContext = {
    positions,
    parameters: resolveParameters(body.Parameters, overridesOf(options.parameterOverrides), positions, warnings),
    pseudo: pseudoParameters({
      region,
      accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
      stackName: options.stackName ?? DEFAULT_STACK_NAME,
      notificationArns: options.notificationArns ?? [],
    }),
    mappings: (body.Mappings ?? {}) as Record<string, unknown>,
    resources: new Map(Object.entries(resourceBodies).map(([id, resource]) => [id, { condition: conditionName(resource?.Condition) }])),
    condition: (name, path) => conditions.value(name, path, context),
    resolver: options.resolver,
    externalResource: options.externalResource,
    readFile: options.readFile,
    importValues: new Map(options.importValues instanceof Map ? options.importValues : Object.entries(options.importValues ?? {})),
    availabilityZones: (zonesOf) => (options.azs ? [...options.azs] : ['a', 'b', 'c'].map((zone) => `${zonesOf}${zone}`)),
    region,
    warn,
    inConditions: false,
  };
  for (const id of Object.keys(resourceBodies)) {
    if (context.parameters.has(id))
      throw fail(context, ['Resources', id], `${id} is also a parameter; logical ids must be unique across Parameters and Resources`);
  }
  const resolvedConditions = conditions.all(context);
  const resources = new Map<string, ResolvedResource>();
  for (const [id, resource] of Object.entries(resourceBodies)) {
    const resolved = resolveResource(id, resource, context);
    if (resolved) resources.set(id, resolved);
  }
  const outputs = new Map<string, ResolvedOutput>();
  for (const [name, output] of Object.entries((body.Outputs ?? {}) as Record<string, Record<string, unknown>>)) {
    const resolved = resolveOutput(name, output ?? {}, context);
    if (resolved) outputs.set(name, resolved);
  }
  const globals = body.Globals === undefined ? {} : (evaluate(body.Globals, ['Globals'], context) as Record<string, unknown>);
  return {
    file: template.file,
    description: typeof body.Description === 'string' ? body.Description : undefined,
    transforms,
    serverless: transforms.includes(SERVERLESS_TRANSFORM),
    parameters: context.parameters as ResolvedTemplate['parameters'],
    conditions: resolvedConditions,
    resources,
    outputs,
    globals,
    warnings,
  };
}

function resolveResource(id: string, resource: Record<string, unknown> | null, context: EvaluationContext): ResolvedResource | undefined {
  const path = ['Resources', id];
  if (resource === null || typeof resource !== 'object' || Array.isArray(resource))
    throw fail(context, path, `expected a resource with a Type, got ${describe(resource)}`);
  if (typeof resource.Type !== 'string') throw fail(context, path, 'expected a Type such as AWS::Serverless::Function or AWS::DynamoDB::Table');
  const condition = context.resources.get(id)?.condition;
  if (resource.Condition !== undefined && condition === undefined) throw fail(context, [...path, 'Condition'], 'expected the name of a condition');
  if (condition !== undefined && !context.condition(condition, [...path, 'Condition'])) return undefined;
  for (const key of Object.keys(resource))
    if (!RESOURCE_KEYS.has(key)) context.warn([...path, key], `${key} is not a resource attribute Hoplite reads; ignored`);
  const evaluated = resource.Properties === undefined ? {} : evaluate(resource.Properties, [...path, 'Properties'], context);
  // `Properties: !If [C, {...}, !Ref AWS::NoValue]` leaves a resource with none.
  const properties = evaluated === NO_VALUE ? {} : evaluated;
  if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) {
    throw fail(context, [...path, 'Properties'], `expected Properties as a mapping, got ${describe(properties)}`);
  }
  const attributes: Record<string, unknown> = {};
  for (const key of RESOURCE_ATTRIBUTES) {
    if (resource[key] === undefined) continue;
    const value = evaluate(resource[key], [...path, key], context);
    if (value !== NO_VALUE) attributes[key] = value;
  }
  return {
    type: resource.Type,
    properties: properties as Record<string, unknown>,
    condition,
    dependsOn: dependsOnOf(id, resource.DependsOn, context),
    attributes,
    position: context.positions.at(path),
  };
}

function dependsOnOf(id: string, value: unknown, context: EvaluationContext): string[] {
  if (value === undefined) return [];
  const path = ['Resources', id, 'DependsOn'];
  const names = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) throw fail(context, path, 'expected a logical id or a list of logical ids');
  for (const [index, name] of names.entries()) {
    if (!context.resources.has(name) && !context.externalResource?.(name))
      throw fail(context, typeof value === 'string' ? path : [...path, index], `DependsOn ${name}: ${name} is not a resource of the template`);
  }
  return names;
}

function resolveOutput(name: string, output: Record<string, unknown>, context: EvaluationContext): ResolvedOutput | undefined {
  const path = ['Outputs', name];
  const condition = conditionName(output.Condition);
  if (condition !== undefined && !context.condition(condition, [...path, 'Condition'])) return undefined;
  if (!Object.hasOwn(output, 'Value')) throw fail(context, path, 'expected a Value');
  const exportName = (output.Export as { Name?: unknown } | undefined)?.Name;
  const value = evaluate(output.Value, [...path, 'Value'], context);
  if (value === NO_VALUE) throw fail(context, [...path, 'Value'], 'expected a Value; AWS::NoValue leaves none');
  return {
    value,
    description: typeof output.Description === 'string' ? output.Description : undefined,
    exportName: exportName === undefined ? undefined : evaluate(exportName, [...path, 'Export', 'Name'], context),
    condition,
    position: context.positions.at(path),
  };
}

function transformNames(template: ParsedTemplate, warn: (path: readonly (string | number)[], message: string) => void): string[] {
  const value = template.body.Transform;
  if (value === undefined) return [];
  const names = (Array.isArray(value) ? value : [value]).map((item) => (typeof item === 'string' ? item : ((item as { Name?: unknown })?.Name ?? '')));
  for (const [index, name] of names.entries()) {
    if (name !== SERVERLESS_TRANSFORM)
      warn(
        Array.isArray(value) ? ['Transform', index] : ['Transform'],
        `the transform ${String(name)} is not run locally; only ${SERVERLESS_TRANSFORM} is read`,
      );
  }
  return names.map(String);
}

function overridesOf(overrides: ResolveOptions['parameterOverrides']): ReadonlyMap<string, string> {
  if (overrides === undefined) return new Map();
  if (typeof overrides === 'string' || Array.isArray(overrides)) return parseParameterOverrides(overrides as string | readonly string[]);
  if (overrides instanceof Map) return overrides;
  return new Map(Object.entries(overrides as Record<string, string>));
}

function conditionName(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
