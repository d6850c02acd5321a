/**
 * `describeHtml(model)`: one self-contained page: the graph as inline SVG, the text tree and the graph's JSON, with
 * inline CSS, no script that runs, no font or file from elsewhere (its Content-Security-Policy forbids any).
 */
import type { ServiceModel } from '../model/index.ts';
import { escapeHtml, jsonForScript } from './escape.ts';
import { describeGraph } from './graph.ts';
import type { DescribeGraph, DescribeNodeKind } from './graph-types.ts';
import { layoutGraph } from './layout.ts';
import type { DescribeOptions } from './options.ts';
import { renderSvg } from './svg.ts';
import { renderGraphText } from './text.ts';

const STYLE = `
body { margin: 0; padding: 16px 24px; font: 14px/1.4 system-ui, sans-serif; color: #1f2328; background: #f6f8fa; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
.summary { margin: 0 0 12px; color: #57606a; }
.picture { overflow: auto; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; }
.graph text { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; fill: #1f2328; }
.graph text.type { fill: #57606a; }
.graph text.label { font-weight: bold; }
.graph rect { stroke: #8c959f; stroke-width: 1; fill: #fff; }
.graph .node-api rect, .graph .node-site rect { fill: #ddf4ff; stroke: #54aeff; }
.graph .node-route rect { fill: #f6f8fa; }
.graph .node-authorizer rect { fill: #fff8c5; stroke: #d4a72c; }
.graph .node-function rect { fill: #dafbe1; stroke: #4ac26b; }
.graph .node-integration rect { fill: #fbefff; stroke: #c297ff; }
.graph .node-table rect, .graph .node-connections rect, .graph .node-arn rect, .graph .node-layer rect { fill: #fff1e5; stroke: #fb8f44; }
.graph .node-api-key rect, .graph .node-usage-plan rect { fill: #ffebe9; stroke: #ff8182; }
.graph marker path { fill: #8c959f; }
.graph .edge path { fill: none; stroke: #8c959f; stroke-width: 1.2; }
.graph .edge-grant path, .graph .edge-environment path { stroke: #fb8f44; }
.graph .edge-authorizer path, .graph .edge-invokes path { stroke: #d4a72c; stroke-dasharray: 4 3; }
.graph text.edge-label { font-size: 10px; fill: #57606a; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
pre { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 12px; overflow: auto; font: 12px/1.4 ui-monospace, monospace; }
`;

/** Forbids every fetch, script, font and frame: the page is complete as it is. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

export function describeHtml(model: ServiceModel, options: DescribeOptions = {}): string {
  return renderGraphHtml(describeGraph(model, options));
}

export function renderGraphHtml(graph: DescribeGraph): string {
  const title = `${graph.service}: the service described`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(graph.service)}</h1>
<p class="summary">${escapeHtml(summary(graph))}</p>
<div class="picture">
${renderSvg(layoutGraph(graph), title)}
</div>
<h2>As text</h2>
<pre>${escapeHtml(renderGraphText(graph))}</pre>
<script type="application/json" id="describe-graph">${jsonForScript(graph)}</script>
</body>
</html>
`;
}

const COUNTED: ReadonlyArray<[DescribeNodeKind, string, string]> = [
  ['api', 'API', 'APIs'],
  ['route', 'route', 'routes'],
  ['authorizer', 'authorizer', 'authorizers'],
  ['function', 'function', 'functions'],
  ['table', 'table', 'tables'],
  ['usage-plan', 'usage plan', 'usage plans'],
  ['api-key', 'API key', 'API keys'],
];

/** `1 API, 3 routes, 3 functions, 1 table`: the kinds the service has. */
function summary(graph: DescribeGraph): string {
  const parts = COUNTED.flatMap(([kind, one, many]) => {
    const count = graph.nodes.filter((node) => node.kind === kind).length;
    return count === 0 ? [] : [`${count} ${count === 1 ? one : many}`];
  });
  return parts.join(', ');
}
