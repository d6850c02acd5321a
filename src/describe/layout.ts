/**
 * Places the describe graph left to right: one column per node kind (empty columns take no room), boxes stacked in
 * each column in the order of the nodes that lead to them, edges as curves between ports spread along the boxes'
 * sides. Pure arithmetic on the graph, so the same graph gives the same picture.
 */
import type { DescribeEdge, DescribeGraph, DescribeNode } from './graph-types.ts';
import { wrapPhrases } from './wrap.ts';

export const BOX_WIDTH_PX = 260;
/** A monospace character at the picture's 12px font is about 7.2px wide: lines longer than this leave the box. */
export const BOX_CHARACTERS = 33;
export const LINE_HEIGHT_PX = 15;
const PADDING_PX = 10;
const COLUMN_GAP_PX = 160;
/** An edge caption at the 10px font is about 6px a character: longer ones are shortened to fit between columns. */
export const CAPTION_CHARACTERS = 25;
const ROW_GAP_PX = 24;
const MARGIN_PX = 20;

export interface BoxLine {
  text: string;
  role: 'type' | 'label' | 'detail';
}

export interface NodeBox {
  node: DescribeNode;
  x: number;
  y: number;
  width: number;
  height: number;
  lines: BoxLine[];
}

export interface EdgeCurve {
  edge: DescribeEdge;
  /** SVG path data: a cubic curve from the source's right side to the target's left side. */
  path: string;
  /** Where its caption starts: just right of the source's side, above the curve, so a box's captions never meet. */
  labelX: number;
  labelY: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  boxes: NodeBox[];
  curves: EdgeCurve[];
}

export function layoutGraph(graph: DescribeGraph): GraphLayout {
  const columns = [...new Set(graph.nodes.map((node) => node.column))].sort((a, b) => a - b);
  const boxes = new Map<string, NodeBox>();
  const order = new Map(graph.nodes.map((node, index) => [node.id, index]));
  let height = 0;
  for (const [place, column] of columns.entries()) {
    const nodes = graph.nodes.filter((node) => node.column === column);
    const ranked = nodes.map((node) => ({ node, rank: barycenter(node, graph.edges, boxes) }));
    // Nodes nothing earlier leads to go last; ties keep the model's order.
    ranked.sort((a, b) => a.rank - b.rank || (order.get(a.node.id) as number) - (order.get(b.node.id) as number));
    let y = MARGIN_PX;
    for (const { node } of ranked) {
      const lines = boxLines(node);
      const box = {
        node,
        x: MARGIN_PX + place * (BOX_WIDTH_PX + COLUMN_GAP_PX),
        y,
        width: BOX_WIDTH_PX,
        height: lines.length * LINE_HEIGHT_PX + 2 * PADDING_PX,
        lines,
      };
      boxes.set(node.id, box);
      y += box.height + ROW_GAP_PX;
    }
    height = Math.max(height, y - ROW_GAP_PX + MARGIN_PX);
  }
  const width = 2 * MARGIN_PX + columns.length * BOX_WIDTH_PX + Math.max(0, columns.length - 1) * COLUMN_GAP_PX;
  return {
    width,
    height: Math.max(height, 2 * MARGIN_PX),
    boxes: graph.nodes.map((node) => boxes.get(node.id) as NodeBox),
    curves: curvesOf(graph.edges, boxes),
  };
}

/** The mean height of the boxes already placed that lead to this node; Infinity when none does. */
function barycenter(node: DescribeNode, edges: readonly DescribeEdge[], placed: ReadonlyMap<string, NodeBox>): number {
  const sources = edges.filter((edge) => edge.to === node.id).flatMap((edge) => placed.get(edge.from) ?? []);
  if (sources.length === 0) return Number.POSITIVE_INFINITY;
  return sources.reduce((sum, box) => sum + centerY(box), 0) / sources.length;
}

function centerY(box: NodeBox): number {
  return box.y + box.height / 2;
}

/** The type, the name and each detail, each wrapped to the box's width. */
function boxLines(node: DescribeNode): BoxLine[] {
  const wrap = (text: string, role: BoxLine['role']) => wrapPhrases([text], BOX_CHARACTERS, '', '  ').map((line) => ({ text: line, role }));
  return [...wrap(node.type, 'type'), ...wrap(node.label, 'label'), ...node.details.flatMap((detail) => wrap(detail, 'detail'))];
}

function curvesOf(edges: readonly DescribeEdge[], boxes: ReadonlyMap<string, NodeBox>): EdgeCurve[] {
  const outPorts = ports(edges, boxes, 'from', 'to');
  const inPorts = ports(edges, boxes, 'to', 'from');
  return edges.map((edge, index) => {
    const source = boxes.get(edge.from) as NodeBox;
    const target = boxes.get(edge.to) as NodeBox;
    const sx = source.x + source.width;
    const sy = outPorts.get(index) as number;
    const tx = target.x;
    const ty = inPorts.get(index) as number;
    const bend = Math.round((tx - sx) / 2);
    return {
      edge,
      path: `M${sx},${sy} C${sx + bend},${sy} ${tx - bend},${ty} ${tx},${ty}`,
      labelX: sx + 6,
      labelY: sy - 3,
    };
  });
}

/** Each edge's point on one side of its box: a box's edges share its side evenly, in the order of the boxes at their other end. */
function ports(edges: readonly DescribeEdge[], boxes: ReadonlyMap<string, NodeBox>, own: 'from' | 'to', other: 'from' | 'to'): Map<number, number> {
  const byBox = new Map<string, number[]>();
  for (const [index, edge] of edges.entries()) byBox.set(edge[own], [...(byBox.get(edge[own]) ?? []), index]);
  const result = new Map<number, number>();
  for (const [id, indexes] of byBox) {
    const box = boxes.get(id) as NodeBox;
    const sorted = [...indexes].sort(
      (a, b) => centerY(boxes.get((edges[a] as DescribeEdge)[other]) as NodeBox) - centerY(boxes.get((edges[b] as DescribeEdge)[other]) as NodeBox) || a - b,
    );
    for (const [place, index] of sorted.entries()) result.set(index, Math.round(box.y + (box.height * (place + 1)) / (sorted.length + 1)));
  }
  return result;
}
