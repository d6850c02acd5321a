/** Collects the describe graph's nodes and edges in the order the model lists its parts, so the same model gives the same graph. */
import { COLUMN_OF, type DescribeEdge, type DescribeEdgeKind, type DescribeGraph, type DescribeNode, type DescribeNodeKind } from './graph-types.ts';

export interface NodeFacts {
  type: string;
  label: string;
  details?: string[];
  parent?: string;
}

export class GraphBuilder {
  readonly #nodes = new Map<string, DescribeNode>();
  readonly #edges: DescribeEdge[] = [];

  /** The node's id; a second node with the same id is the first one (a table granted by two functions is one table). */
  node(kind: DescribeNodeKind, key: readonly string[], facts: NodeFacts): string {
    const id = nodeId(kind, key);
    if (!this.#nodes.has(id)) {
      const node: DescribeNode = { id, kind, type: facts.type, label: facts.label, details: facts.details ?? [], column: COLUMN_OF[kind] };
      if (facts.parent !== undefined) node.parent = facts.parent;
      this.#nodes.set(id, node);
    }
    return id;
  }

  has(id: string): boolean {
    return this.#nodes.has(id);
  }

  edge(from: string, to: string, kind: DescribeEdgeKind, label = '', details: string[] = []): void {
    this.#edges.push({ from, to, kind, label, details });
  }

  build(service: string): DescribeGraph {
    // A validated model names only parts it has; an edge to a missing part would draw a line to nowhere.
    const edges = this.#edges.filter((edge) => this.#nodes.has(edge.from) && this.#nodes.has(edge.to));
    return { service, nodes: [...this.#nodes.values()], edges };
  }
}

/**
 * `kind:part:part`: the kind keeps a table and a function of one name apart; `%` and `:` inside a part are
 * percent-encoded, so API `a:b` with route `c` and API `a` with route `b:c` stay two nodes.
 */
export function nodeId(kind: DescribeNodeKind, key: readonly string[]): string {
  return [kind, ...key.map((part) => part.replace(/%/g, '%25').replace(/:/g, '%3A'))].join(':');
}
