/** Functions as graph nodes, with edges to what their IAM grants, environment references and layers name. */
import type { FunctionModel, ResourceRef } from '../model/index.ts';
import type { GraphBuilder } from './graph-builder.ts';
import type { DescribeOptions } from './options.ts';
import { listPhrase } from './phrases.ts';

export function describeFunction(graph: GraphBuilder, fn: FunctionModel, options: DescribeOptions): void {
  const id = graph.node('function', [fn.name], { type: 'function', label: fn.name, details: functionDetails(fn, options) });
  for (const policy of fn.policies) {
    const [first, ...more] = policy.actions;
    const label = more.length === 0 ? (first ?? '') : `${policy.actions.length} actions`;
    graph.edge(id, resourceNode(graph, policy.resource), 'grant', label, more.length === 0 ? [] : [...policy.actions]);
  }
  for (const [variable, resource] of Object.entries(fn.environmentRefs ?? {})) {
    graph.edge(id, resourceNode(graph, resource), 'environment', `env ${variable}`);
  }
  for (const layer of fn.layers ?? []) graph.edge(id, graph.node('layer', [layer], { type: 'layer', label: layer }), 'layer');
}

function functionDetails(fn: FunctionModel, options: DescribeOptions): string[] {
  const runtime = fn.runtime ?? (options.defaultRuntime ? `${options.defaultRuntime} (default)` : 'default');
  return [
    `handler ${fn.handler}`,
    ...(fn.codeUri !== undefined ? [`code ${fn.codeUri}`] : []),
    `runtime ${runtime}`,
    `memory ${fn.memoryMb} MB`,
    `timeout ${fn.timeoutSeconds} s`,
    `architecture ${fn.architecture ?? 'x86_64'}`,
    ...(fn.reservedConcurrency !== undefined ? [`reserved concurrency ${fn.reservedConcurrency}`] : []),
    ...(fn.logRetentionDays !== undefined ? [`log retention ${fn.logRetentionDays} days`] : []),
    // Names only: environment values may be secrets, and a picture gets shared.
    ...listPhrase('env', Object.keys(fn.environment)),
  ];
}

/** The node a grant or reference points at; tables come from the model first, so this finds them with their details. */
function resourceNode(graph: GraphBuilder, resource: ResourceRef): string {
  switch (resource.kind) {
    case 'table':
      return graph.node('table', [resource.table], { type: 'table', label: resource.table });
    case 'api-connections':
      return graph.node('connections', [resource.api], { type: '@connections of', label: resource.api });
    case 'arn':
      return graph.node('arn', [resource.arn], { type: 'ARN', label: resource.arn });
  }
}
