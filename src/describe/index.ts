export { describeGraph } from './graph.ts';
export type { DescribeEdge, DescribeEdgeKind, DescribeGraph, DescribeNode, DescribeNodeKind } from './graph-types.ts';
export { describeHtml, renderGraphHtml } from './html.ts';
export type { DescribeOptions } from './options.ts';
export { describeText, renderGraphText } from './text.ts';
