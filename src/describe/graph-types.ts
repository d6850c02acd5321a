/** The describe graph: the service as nodes and edges, plain data that the text form, the HTML page and the web console read. */

/** What a node stands for; each kind has its own column in the picture, left to right. */
export type DescribeNodeKind =
  | 'api-key'
  | 'usage-plan'
  | 'api'
  | 'site'
  | 'route'
  | 'authorizer'
  | 'function'
  | 'integration'
  | 'table'
  | 'connections'
  | 'arn'
  | 'layer';

export interface DescribeNode {
  /** Unique in the graph: the kind, then the names that make it unique, e.g. `route:sample:$connect`. */
  id: string;
  kind: DescribeNodeKind;
  /** What the node is, as a reader says it: `WebSocket API`, `route`, `JWT authorizer`, `function`. */
  type: string;
  /** Its name in the service: an API's name, a route key, `GET /hello`, a table's name. */
  label: string;
  /** Facts about it, one short phrase each, in a fixed order: `stage v1`, `memory 128 MB`. */
  details: string[];
  /** The node it belongs to (a route's or an authorizer's API); absent for nodes of the service itself. */
  parent?: string;
  /** Left-to-right position of its kind in the picture (the same for every node of a kind). */
  column: number;
}

/** What an edge means: from an API to its routes, a route to its integration or authorizer, a function to what it may use. */
export type DescribeEdgeKind = 'route' | 'integration' | 'authorizer' | 'invokes' | 'grant' | 'environment' | 'layer' | 'api-stage' | 'plan-key';

export interface DescribeEdge {
  from: string;
  to: string;
  kind: DescribeEdgeKind;
  /** A short caption: the integration type, `env CONNECTION_TABLE`, `3 actions`; empty when the kind says it all. */
  label: string;
  /** Everything the caption shortens, e.g. a grant's IAM actions; empty when there is nothing more. */
  details: string[];
}

export interface DescribeGraph {
  service: string;
  nodes: DescribeNode[];
  edges: DescribeEdge[];
}

/** Each kind's column: keys feed plans, plans name API stages, APIs hold routes, routes reach authorizers and backends. */
export const COLUMN_OF: Record<DescribeNodeKind, number> = {
  'api-key': 0,
  'usage-plan': 1,
  api: 2,
  site: 2,
  route: 3,
  authorizer: 4,
  function: 5,
  integration: 5,
  table: 6,
  connections: 6,
  arn: 6,
  layer: 6,
};
