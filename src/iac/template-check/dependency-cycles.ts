/** Resources that depend on one another in a circle, which CloudFormation rejects before it creates anything. */
import { getAttTarget, intrinsicOf } from './intrinsics.ts';
import { childPath, type IssueList, isPlainObject } from './issues.ts';
import { subReferences } from './sub-references.ts';
import { section, type TemplateBody, type TemplateFacts } from './template-facts.ts';

export function checkDependencyCycles(template: TemplateBody, facts: TemplateFacts, issues: IssueList): void {
  const edges = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(section(template, 'Resources'))) {
    const targets = new Set<string>();
    if (isPlainObject(resource)) {
      collectReferences(resource.Properties, targets);
      const dependsOn = resource.DependsOn;
      for (const target of Array.isArray(dependsOn) ? dependsOn : [dependsOn]) if (typeof target === 'string') targets.add(target);
    }
    edges.set(id, new Set([...targets].filter((target) => facts.resources.has(target))));
  }
  for (const component of stronglyConnected(edges)) {
    const [first] = component as [string];
    if (component.length === 1 && !edges.get(first)?.has(first)) continue;
    const message =
      component.length === 1
        ? 'refers to itself (through Ref, Fn::GetAtt, Fn::Sub or DependsOn); CloudFormation cannot create it'
        : `${component.join(', ')} depend on one another (through Ref, Fn::GetAtt, Fn::Sub or DependsOn); CloudFormation cannot order them`;
    issues.add(childPath('Resources', first), message);
  }
}

/** Every logical id a value names: Ref, Fn::GetAtt and Fn::Sub's `${Id}` / `${Id.Attribute}`, outside its own variables. */
function collectReferences(value: unknown, into: Set<string>): void {
  const intrinsic = intrinsicOf(value);
  if (intrinsic?.name === 'Ref' && typeof intrinsic.argument === 'string') {
    into.add(intrinsic.argument);
    return;
  }
  if (intrinsic?.name === 'Fn::GetAtt') {
    const [id] = getAttTarget(intrinsic.argument);
    if (id !== undefined) into.add(id);
  }
  if (intrinsic?.name === 'Fn::Sub') {
    const [text, variables] = Array.isArray(intrinsic.argument) ? intrinsic.argument : [intrinsic.argument, {}];
    if (typeof text === 'string') {
      const own = isPlainObject(variables) ? variables : {};
      for (const reference of subReferences(text)) if (!(reference.text in own)) into.add(reference.logicalId);
    }
    if (Array.isArray(intrinsic.argument)) collectReferences(variables, into);
    return;
  }
  if (Array.isArray(value)) for (const item of value) collectReferences(item, into);
  else if (isPlainObject(value)) for (const item of Object.values(value)) collectReferences(item, into);
}

/** Tarjan's strongly connected components, each in template order, the components ordered by their first member. */
function stronglyConnected(edges: Map<string, Set<string>>): string[][] {
  const order = [...edges.keys()];
  const position = new Map(order.map((id, index) => [id, index]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (id: string): void => {
    index.set(id, counter);
    low.set(id, counter);
    counter++;
    stack.push(id);
    onStack.add(id);
    for (const next of edges.get(id) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(id, Math.min(low.get(id)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(id, Math.min(low.get(id)!, index.get(next)!));
      }
    }
    if (low.get(id) !== index.get(id)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== id);
    components.push(component.sort((a, b) => position.get(a)! - position.get(b)!));
  };
  for (const id of order) if (!index.has(id)) visit(id);
  return components.sort((a, b) => position.get(a[0]!)! - position.get(b[0]!)!);
}
