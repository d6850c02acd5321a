/** The edge from a route or method to what it calls: a function for Lambda integrations, else an integration node (MOCK, HTTP). */
import { type GraphBuilder, nodeId } from './graph-builder.ts';

export function linkFunction(graph: GraphBuilder, routeId: string, functionName: string, label: string): void {
  graph.edge(routeId, nodeId('function', [functionName]), 'integration', label);
}

export interface IntegrationTarget {
  /** The integration type: MOCK, HTTP, HTTP_PROXY. */
  type: string;
  /** The backend's method and URL; absent for MOCK. */
  method?: string;
  uri?: string;
  details: string[];
}

/** Each non-Lambda integration is a node of its own: the route's, keyed by the API and the route. */
export function linkIntegration(graph: GraphBuilder, routeId: string, key: readonly string[], target: IntegrationTarget): void {
  const label = [target.type, target.method, target.uri].filter((part) => part !== undefined).join(' ');
  const id = graph.node('integration', key, { type: 'integration', label, details: target.details });
  graph.edge(routeId, id, 'integration');
}
