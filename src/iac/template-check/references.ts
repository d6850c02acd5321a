/** Every name a template refers to exists (Ref and Fn::Sub targets, Fn::GetAtt resources and attributes, conditions, mappings), and every function's argument has its form. */
import { argumentProblem } from './intrinsic-arguments.ts';
import { getAttTarget, intrinsicOf } from './intrinsics.ts';
import { childPath, type IssueList, isPlainObject, shown } from './issues.ts';
import { isCustomResourceType, SAM_TYPE_PREFIX } from './resource-kinds.ts';
import { resourceSpec } from './spec.ts';
import { subReferences } from './sub-references.ts';
import { PSEUDO_PARAMETERS, section, type TemplateBody, type TemplateFacts } from './template-facts.ts';

interface Scope {
  facts: TemplateFacts;
  issues: IssueList;
  /** In Conditions only parameters and pseudo parameters may be referred to. */
  inCondition: boolean;
}

export function checkReferences(template: TemplateBody, facts: TemplateFacts, issues: IssueList): void {
  const scope = (inCondition: boolean): Scope => ({ facts, issues, inCondition });
  for (const [id, resource] of Object.entries(section(template, 'Resources'))) {
    if (!isPlainObject(resource)) continue;
    const path = childPath('Resources', id);
    checkConditionName(resource.Condition, childPath(path, 'Condition'), scope(false));
    if (resource.Properties !== undefined) walk(resource.Properties, childPath(path, 'Properties'), scope(false));
  }
  for (const [name, output] of Object.entries(section(template, 'Outputs'))) {
    if (!isPlainObject(output)) continue;
    const path = childPath('Outputs', name);
    checkConditionName(output.Condition, childPath(path, 'Condition'), scope(false));
    walk(output, path, scope(false));
  }
  for (const [name, condition] of Object.entries(section(template, 'Conditions'))) walk(condition, childPath('Conditions', name), scope(true));
}

function walk(value: unknown, path: string, scope: Scope): void {
  const intrinsic = intrinsicOf(value);
  if (intrinsic) {
    const at = childPath(path, intrinsic.name);
    const argument = intrinsic.argument;
    const problem = argumentProblem(intrinsic);
    if (problem) scope.issues.add(at, `${problem}, got ${shown(argument)}`);
    switch (intrinsic.name) {
      case 'Ref':
        checkRef(argument, at, scope);
        return;
      case 'Fn::GetAtt':
        checkGetAtt(argument, at, scope);
        if (Array.isArray(argument)) walk(argument[1], childPath(at, 1), scope);
        return;
      case 'Fn::Sub':
        checkSub(argument, at, scope);
        return;
      case 'Fn::If':
        if (Array.isArray(argument)) checkConditionName(argument[0], childPath(at, 0), scope);
        break;
      case 'Condition':
        // Only condition functions take `{ Condition: name }`; elsewhere a property may be called Condition.
        if (!scope.inCondition) break;
        checkConditionName(argument, at, scope);
        return;
      case 'Fn::FindInMap':
        if (Array.isArray(argument) && typeof argument[0] === 'string' && !scope.facts.mappings.has(argument[0])) {
          scope.issues.add(childPath(at, 0), `"${argument[0]}" is not a mapping of the template`);
        }
        break;
    }
    walk(argument, at, scope);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      walk(item, childPath(path, index), scope);
    });
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) walk(item, childPath(path, key), scope);
  }
}

function checkRef(target: unknown, path: string, scope: Scope): void {
  if (typeof target !== 'string') {
    scope.issues.add(path, `expected a parameter or resource name, got ${shown(target)}`);
    return;
  }
  const { facts } = scope;
  if (facts.parameters.has(target) || PSEUDO_PARAMETERS.has(target)) return;
  if (facts.resources.has(target)) {
    if (scope.inCondition) scope.issues.add(path, `"${target}" is a resource; a condition can refer to parameters only`);
    return;
  }
  scope.issues.add(path, `"${target}" is not a parameter, resource or pseudo parameter of the template`);
}

function checkGetAtt(argument: unknown, path: string, scope: Scope): void {
  const [id, attribute] = getAttTarget(argument);
  if (id === undefined) {
    scope.issues.add(path, `expected [logical id, attribute name], got ${shown(argument)}`);
    return;
  }
  if (scope.inCondition) {
    scope.issues.add(path, 'a condition can refer to parameters only, not to resource attributes');
    return;
  }
  checkAttribute(id, attribute, path, scope);
}

/** `prefix` names the reference inside a Fn::Sub string (`${Table.Arn}: `); a GetAtt's path already does. */
function checkAttribute(id: string, attribute: unknown, path: string, scope: Scope, prefix = ''): void {
  const type = scope.facts.resources.get(id);
  if (type === undefined) {
    scope.issues.add(path, `${prefix}"${id}" is not a resource of the template`);
    return;
  }
  // An attribute given by Ref is known only at deploy time.
  if (typeof attribute !== 'string') return;
  // Custom resources and nested stacks' outputs have attributes of their own making; unknown and SAM types are reported once, on Type.
  if (isCustomResourceType(type) || type.startsWith(SAM_TYPE_PREFIX)) return;
  if (type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.')) return;
  const spec = resourceSpec(type);
  if (!spec) return;
  if (attribute in spec.attributes) return;
  const known = Object.keys(spec.attributes).sort();
  scope.issues.add(path, `${prefix}${type} has no attribute "${attribute}"${known.length ? `; it has ${known.join(', ')}` : ''}`);
}

function checkSub(argument: unknown, path: string, scope: Scope): void {
  const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
  if (typeof text !== 'string' || !isPlainObject(variables)) {
    scope.issues.add(path, `expected a string, or [string, { variable: value }], got ${shown(argument)}`);
    return;
  }
  for (const reference of subReferences(text)) {
    // A variable of the Fn::Sub's own map shadows any template name.
    if (reference.text in variables) continue;
    if (reference.attribute === undefined) {
      const known =
        scope.facts.parameters.has(reference.logicalId) || scope.facts.resources.has(reference.logicalId) || PSEUDO_PARAMETERS.has(reference.logicalId);
      if (!known) scope.issues.add(path, `\${${reference.text}} is not a parameter, resource, pseudo parameter or variable of the Fn::Sub`);
    } else {
      checkAttribute(reference.logicalId, reference.attribute, path, scope, `\${${reference.text}}: `);
    }
  }
  if (Array.isArray(argument)) walk(variables, childPath(path, 1), scope);
}

function checkConditionName(name: unknown, path: string, scope: Scope): void {
  if (typeof name === 'string' && !scope.facts.conditions.has(name)) scope.issues.add(path, `"${name}" is not a condition of the template`);
}
