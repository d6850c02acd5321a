/** Each resource: a known type, only the attributes CloudFormation defines, and properties as the specification has them. */
import { childPath, type IssueList, isPlainObject, shown } from './issues.ts';
import { isCustomResourceType, SAM_TRANSFORM, SAM_TYPE_PREFIX } from './resource-kinds.ts';
import { resourceSpec } from './spec.ts';
import type { TemplateFacts } from './template-facts.ts';
import { checkProperties } from './value-types.ts';

/** The keys a resource may have (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-product-attribute-reference.html). */
const RESOURCE_KEYS = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'Metadata',
  'Condition',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'CreationPolicy',
  'UpdatePolicy',
]);
const POLICIES = ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'];

export function checkResources(resources: Record<string, unknown>, facts: TemplateFacts, issues: IssueList): void {
  for (const [id, resource] of Object.entries(resources)) {
    const path = childPath('Resources', id);
    if (!isPlainObject(resource)) {
      issues.add(path, `expected a resource: an object with a Type, got ${shown(resource)}`);
      continue;
    }
    checkResourceKeys(resource, path, issues);
    checkDependsOn(resource.DependsOn, childPath(path, 'DependsOn'), facts, issues);
    checkType(resource, path, facts, issues);
  }
}

function checkResourceKeys(resource: Record<string, unknown>, path: string, issues: IssueList): void {
  for (const key of Object.keys(resource)) {
    if (!RESOURCE_KEYS.has(key)) issues.add(childPath(path, key), `not a resource attribute (${[...RESOURCE_KEYS].join(', ')})`);
  }
  for (const key of ['DeletionPolicy', 'UpdateReplacePolicy']) {
    const policy = resource[key];
    if (policy !== undefined && !(typeof policy === 'string' && POLICIES.includes(policy))) {
      issues.add(childPath(path, key), `expected one of ${POLICIES.map((name) => `"${name}"`).join(', ')}, got ${shown(policy)}`);
    }
  }
  if (resource.Condition !== undefined && typeof resource.Condition !== 'string') {
    issues.add(childPath(path, 'Condition'), `expected a condition name, got ${shown(resource.Condition)}`);
  }
}

/** DependsOn is a logical id or a list of them, each another resource of the template. */
function checkDependsOn(dependsOn: unknown, path: string, facts: TemplateFacts, issues: IssueList): void {
  if (dependsOn === undefined) return;
  const targets = Array.isArray(dependsOn) ? dependsOn : [dependsOn];
  targets.forEach((target, index) => {
    const at = Array.isArray(dependsOn) ? childPath(path, index) : path;
    if (typeof target !== 'string') issues.add(at, `expected a logical id, got ${shown(target)}`);
    else if (!facts.resources.has(target)) issues.add(at, `"${target}" is not a resource of the template`);
  });
}

function checkType(resource: Record<string, unknown>, path: string, facts: TemplateFacts, issues: IssueList): void {
  const type = resource.Type;
  const typePath = childPath(path, 'Type');
  if (typeof type !== 'string') {
    issues.add(
      typePath,
      type === undefined ? 'missing: every resource has a Type' : `expected a resource type such as "AWS::Lambda::Function", got ${shown(type)}`,
    );
    return;
  }
  const propertiesPath = childPath(path, 'Properties');
  const properties = resource.Properties ?? {};
  if (!isPlainObject(properties)) {
    issues.add(propertiesPath, `expected an object of properties, got ${shown(properties)}`);
    return;
  }
  if (type.startsWith(SAM_TYPE_PREFIX)) {
    issues.add(
      typePath,
      `"${type}" is an AWS SAM type: run the ${SAM_TRANSFORM} transform first (sam package or sam deploy does) and check the template it gives`,
    );
    return;
  }
  if (isCustomResourceType(type)) {
    // A custom resource takes any properties; its provider is named by ServiceToken.
    if (!('ServiceToken' in properties)) issues.add(childPath(propertiesPath, 'ServiceToken'), `missing: ${type} requires it`);
    return;
  }
  const spec = resourceSpec(type);
  if (!spec) {
    issues.add(typePath, `"${type}" is not a resource type of the CloudFormation resource specification`);
    return;
  }
  for (const finding of checkProperties(properties, spec.properties, type, propertiesPath, { facts, resourceType: type })) {
    issues.add(finding.path, finding.message);
  }
}
