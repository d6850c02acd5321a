/** `describeGraph(model)`: the service as nodes and edges, APIs → routes → authorizers and functions → tables, in the model's order. */
import type { ApiModel, ServiceModel } from '../model/index.ts';
import { describeFunction } from './function-nodes.ts';
import { GraphBuilder } from './graph-builder.ts';
import type { DescribeGraph } from './graph-types.ts';
import { describeHttpApi } from './http-nodes.ts';
import type { DescribeOptions } from './options.ts';
import { describeApiKey, describeLayer, describeSite, describeTable, describeUsagePlan } from './resource-nodes.ts';
import { describeRestApi } from './rest-nodes.ts';
import { describeWebSocketApi } from './websocket-nodes.ts';

export function describeGraph(model: ServiceModel, options: DescribeOptions = {}): DescribeGraph {
  const graph = new GraphBuilder();
  const plans = model.usagePlans ?? [];
  for (const key of model.apiKeys ?? []) describeApiKey(graph, key, plans);
  for (const plan of plans) describeUsagePlan(graph, plan);
  for (const api of model.apis) describeApi(graph, api);
  for (const site of model.sites) describeSite(graph, site);
  // Tables and layers before functions: a grant's edge then finds the table with its details.
  for (const table of model.tables) describeTable(graph, table);
  for (const layer of model.layers ?? []) describeLayer(graph, layer);
  for (const fn of model.functions) describeFunction(graph, fn, options);
  return graph.build(model.name);
}

function describeApi(graph: GraphBuilder, api: ApiModel): void {
  if (api.protocol === 'WEBSOCKET') describeWebSocketApi(graph, api);
  else if (api.protocol === 'HTTP') describeHttpApi(graph, api);
  else describeRestApi(graph, api);
}
