/** `describeText(model)`: the describe graph as an indented tree of at most 100 columns, the same for the same model. */
import type { ServiceModel } from '../model/index.ts';
import { describeGraph } from './graph.ts';
import type { DescribeEdge, DescribeGraph, DescribeNode, DescribeNodeKind } from './graph-types.ts';
import type { DescribeOptions } from './options.ts';
import { wrapPhrases } from './wrap.ts';

export const TEXT_WIDTH = 100;

/** The kinds listed at the top level, in reading order; the others appear where an edge reaches them. */
const TOP_LEVEL: readonly DescribeNodeKind[] = ['api', 'site', 'function', 'table', 'layer', 'usage-plan', 'api-key'];

export function describeText(model: ServiceModel, options: DescribeOptions = {}): string {
  return renderGraphText(describeGraph(model, options));
}

export function renderGraphText(graph: DescribeGraph): string {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const lines = [`service ${graph.service}`];
  const write = (depth: number, phrases: string[]) => {
    const indent = '  '.repeat(depth);
    lines.push(...wrapPhrases(phrases, TEXT_WIDTH, indent, `${indent}    `));
  };
  const writeNode = (node: DescribeNode, depth: number) => {
    write(depth, withDetails(`${node.type} ${node.label}`, node.details, ';'));
    for (const child of graph.nodes) if (child.parent === node.id) writeNode(child, depth + 1);
    for (const edge of graph.edges) {
      const target = byId.get(edge.to) as DescribeNode;
      if (edge.from === node.id && target.parent !== node.id) write(depth + 1, edgeLine(edge, target));
    }
  };
  for (const kind of TOP_LEVEL) {
    const nodes = graph.nodes.filter((node) => node.kind === kind && node.parent === undefined);
    if (nodes.length === 0) continue;
    lines.push('');
    for (const node of nodes) writeNode(node, 0);
  }
  return `${lines.join('\n')}\n`;
}

/** `head: a; b; c` as phrases, each keeping its separator, so that lines break between phrases. */
function withDetails(head: string, details: readonly string[], separator: string): string[] {
  if (details.length === 0) return [head];
  return [`${head}:`, ...details.map((detail, index) => (index < details.length - 1 ? `${detail}${separator}` : detail))];
}

/** `→ table T (3 actions): a, b, c`; an integration node has no place of its own, so its details come along. */
function edgeLine(edge: DescribeEdge, target: DescribeNode): string[] {
  const caption = edge.label ? ` (${edge.label})` : '';
  const head = `→ ${target.type} ${target.label}${caption}`;
  return target.kind === 'integration' ? withDetails(head, target.details, ';') : withDetails(head, edge.details, ',');
}
