/** Tables, layers, sites, usage plans and API keys as graph nodes. */
import type { ApiKeyModel, LayerModel, SiteModel, TableIndexModel, TableModel, UsagePlanModel } from '../model/index.ts';
import { type GraphBuilder, nodeId } from './graph-builder.ts';
import { flagPhrase, throttlePhrase } from './phrases.ts';

export function describeTable(graph: GraphBuilder, table: TableModel): void {
  const { billing } = table;
  graph.node('table', [table.name], {
    type: 'table',
    label: table.name,
    details: [
      ...keyPhrases(table),
      billing.mode === 'PROVISIONED' ? `provisioned ${billing.readCapacity} read / ${billing.writeCapacity} write` : 'on demand',
      ...(table.globalSecondaryIndexes ?? []).map((index) => `global index ${indexPhrase(index)}`),
      ...(table.localSecondaryIndexes ?? []).map((index) => `local index ${indexPhrase(index)}`),
      ...(table.timeToLiveAttribute !== undefined ? [`time to live ${table.timeToLiveAttribute}`] : []),
      ...flagPhrase('encrypted with a KMS key', table.serverSideEncryption),
    ],
  });
}

function keyPhrases(keys: Pick<TableModel, 'partitionKey' | 'sortKey'>): string[] {
  const sort = keys.sortKey ? [`sort key ${keys.sortKey.name} (${keys.sortKey.type})`] : [];
  return [`partition key ${keys.partitionKey.name} (${keys.partitionKey.type})`, ...sort];
}

function indexPhrase(index: TableIndexModel): string {
  const keys = [index.partitionKey, ...(index.sortKey ? [index.sortKey] : [])].map((key) => `${key.name} (${key.type})`).join(' + ');
  const projection = index.projection.type === 'INCLUDE' ? `INCLUDE ${index.projection.nonKeyAttributes.join(' ')}` : index.projection.type;
  return `${index.name} on ${keys}, projects ${projection}`;
}

export function describeLayer(graph: GraphBuilder, layer: LayerModel): void {
  graph.node('layer', [layer.name], { type: 'layer', label: layer.name, details: [`content ${layer.contentUri}`] });
}

export function describeSite(graph: GraphBuilder, site: SiteModel): void {
  graph.node('site', [site.name], { type: 'site', label: site.name, details: [`folder ${site.dir}`] });
}

export function describeUsagePlan(graph: GraphBuilder, plan: UsagePlanModel): void {
  const quota = plan.quota ? [`quota ${plan.quota.limit} per ${plan.quota.period.toLowerCase()}`] : [];
  const id = graph.node('usage-plan', [plan.name], { type: 'usage plan', label: plan.name, details: [...throttlePhrase(plan.throttle), ...quota] });
  for (const stage of plan.apiStages) {
    const methods = Object.keys(stage.throttle ?? {});
    graph.edge(
      id,
      nodeId('api', [stage.api]),
      'api-stage',
      `stage ${stage.stage}`,
      methods.map((method) => `throttle ${method}`),
    );
  }
}

/** Keys by name only: a key's value is a secret. */
export function describeApiKey(graph: GraphBuilder, key: ApiKeyModel, plans: readonly UsagePlanModel[]): void {
  const id = graph.node('api-key', [key.name], { type: 'API key', label: key.name });
  for (const plan of plans) if (plan.apiKeys.includes(key.name)) graph.edge(id, nodeId('usage-plan', [plan.name]), 'plan-key');
}
