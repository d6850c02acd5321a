/** layoutGraph: columns left to right without gaps for empty kinds, boxes sized by their lines, ports spread along the sides. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DescribeGraph } from './graph-types.ts';
import { BOX_WIDTH_PX, layoutGraph } from './layout.ts';

const node = (id: string, kind: 'api' | 'route' | 'function' | 'table', column: number, details: string[] = []) => ({
  id,
  kind,
  type: kind,
  label: id,
  details,
  column,
});
const edge = (from: string, to: string) => ({ from, to, kind: 'integration' as const, label: '', details: [] });

test('an API, two routes and a function: three columns, the empty authorizer column takes no room', () => {
  const graph: DescribeGraph = {
    service: 's',
    nodes: [node('api', 'api', 2), node('r1', 'route', 3, ['timeout 3000 ms']), node('r2', 'route', 3), node('fn', 'function', 5)],
    edges: [edge('api', 'r1'), edge('api', 'r2'), edge('r1', 'fn'), edge('r2', 'fn')],
  };
  const layout = layoutGraph(graph);
  assert.deepEqual(
    layout.boxes.map((box) => [box.node.id, box.x, box.y, box.width, box.height, box.lines.map((line) => line.text)]),
    [
      ['api', 20, 20, BOX_WIDTH_PX, 50, ['api', 'api']],
      ['r1', 440, 20, BOX_WIDTH_PX, 65, ['route', 'r1', 'timeout 3000 ms']],
      ['r2', 440, 109, BOX_WIDTH_PX, 50, ['route', 'r2']],
      ['fn', 860, 20, BOX_WIDTH_PX, 50, ['function', 'fn']],
    ],
  );
  assert.deepEqual([layout.width, layout.height], [1140, 179]);
  assert.deepEqual(
    layout.curves.map((curve) => curve.path),
    ['M280,37 C360,37 360,53 440,53', 'M280,53 C360,53 360,134 440,134', 'M700,53 C780,53 780,37 860,37', 'M700,134 C780,134 780,53 860,53'],
  );
});

test('a column is ordered by the boxes that lead to it, ties in the graph order; unreached nodes go last', () => {
  const graph: DescribeGraph = {
    service: 's',
    nodes: [node('a', 'route', 3), node('b', 'route', 3), node('lone', 'function', 5), node('fromB', 'function', 5), node('fromA', 'function', 5)],
    edges: [edge('a', 'fromA'), edge('b', 'fromB')],
  };
  const order = layoutGraph(graph)
    .boxes.filter((box) => box.node.column === 5)
    .sort((x, y) => x.y - y.y)
    .map((box) => box.node.id);
  assert.deepEqual(order, ['fromA', 'fromB', 'lone']);
});
