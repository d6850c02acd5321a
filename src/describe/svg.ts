/** The laid-out graph as an SVG element: a box per node, a captioned curve per edge; every text escaped, no external reference. */
import { escapeHtml } from './escape.ts';
import type { DescribeEdge } from './graph-types.ts';
import { CAPTION_CHARACTERS, type EdgeCurve, type GraphLayout, LINE_HEIGHT_PX, type NodeBox } from './layout.ts';

const TEXT_INSET_PX = 10;
/** From a line's top to its baseline at the 12px font. */
const BASELINE_PX = 11;

export function renderSvg(layout: GraphLayout, title: string): string {
  const { width, height } = layout;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}">`,
    '<defs><marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0 L8,4 L0,8 z"/></marker></defs>',
    '<g class="edges">',
    ...layout.curves.map(renderCurve),
    '</g>',
    '<g class="nodes">',
    ...layout.boxes.map(renderBox),
    '</g>',
    '</svg>',
  ].join('\n');
}

function renderCurve(curve: EdgeCurve): string {
  const { edge } = curve;
  const caption = edge.label
    ? `<text class="edge-label" x="${curve.labelX}" y="${curve.labelY}">${escapeHtml(shorten(edge.label, CAPTION_CHARACTERS))}</text>`
    : '';
  return `<g class="edge edge-${edge.kind}"><title>${escapeHtml(edgeTitle(edge))}</title><path d="${curve.path}" marker-end="url(#arrow)"/>${caption}</g>`;
}

/** The caption cut to fit between two columns; the edge's title keeps it whole. */
function shorten(text: string, characters: number): string {
  const all = [...text];
  return all.length <= characters ? text : `${all.slice(0, characters - 1).join('')}…`;
}

/** What hovering an edge says: its kind, its caption and everything the caption shortens. */
function edgeTitle(edge: DescribeEdge): string {
  return [edge.kind, edge.label, ...edge.details].filter(Boolean).join('\n');
}

function renderBox(box: NodeBox): string {
  const { node } = box;
  const lines = box.lines.map(
    (line, index) =>
      `<text class="${line.role}" x="${box.x + TEXT_INSET_PX}" y="${box.y + TEXT_INSET_PX + index * LINE_HEIGHT_PX + BASELINE_PX}">${escapeHtml(line.text)}</text>`,
  );
  return [
    `<g class="node node-${node.kind}" data-id="${escapeHtml(node.id)}">`,
    `<title>${escapeHtml([`${node.type} ${node.label}`, ...node.details].join('\n'))}</title>`,
    `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="6"/>`,
    ...lines,
    '</g>',
  ].join('');
}
