/** Properties of route matching: any path is answered without an exception, as a naive reference matcher answers it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createRouter } from './router.ts';

/** Bounded runs; fast-check prints the seed and path of a failure, and FC_SEED replays one. */
const RUNS = { numRuns: 500, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };

type Segment = { kind: 'literal'; value: string } | { kind: 'variable' } | { kind: 'greedy' };
interface Route {
  key: string;
  method: string;
  segments: Segment[];
}

const METHODS = ['ANY', 'GET', 'POST', 'HEAD'];
/** Few literals, so that generated paths often hit them; raw, still-encoded forms included. */
const LITERALS = ['a', 'b', 'c%20d'];
const PATH_SEGMENTS = [...LITERALS, '', 'x', '%41', '%E0%A4%A', '%2F', 'é', '%F0%9F%98%80', '+'];

const segment = fc.oneof(
  fc.constantFrom(...LITERALS).map((value): Segment => ({ kind: 'literal', value })),
  fc.constant<Segment>({ kind: 'variable' }),
);

const routeShape = fc
  .tuple(fc.constantFrom(...METHODS), fc.array(segment, { maxLength: 4 }), fc.boolean())
  .filter(([, segments, greedy]) => segments.length > 0 || greedy);

function toRoute([method, segments, greedy]: [string, Segment[], boolean]): Route {
  const all: Segment[] = greedy ? [...segments, { kind: 'greedy' }] : segments;
  const path = all.map((part, index) => (part.kind === 'literal' ? part.value : part.kind === 'variable' ? `{v${index}}` : `{rest${index}+}`));
  return { key: `${method} /${path.join('/')}`, method, segments: all };
}

/** Routes whose paths differ once variable names are set aside, as API Gateway requires. */
const routes = fc
  .uniqueArray(routeShape.map(toRoute), {
    maxLength: 8,
    selector: (route) => `${route.method} ${route.segments.map((part) => (part.kind === 'literal' ? part.value : part.kind)).join('/')}`,
  })
  .chain((list) => fc.boolean().map((withDefault) => (withDefault ? [...list, { key: '$default', method: '', segments: [] }] : list)));

const path = fc.array(fc.constantFrom(...PATH_SEGMENTS), { maxLength: 6 }).map((parts) => `/${parts.join('/')}`);

function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** HTTP-11.1 restated: the parameters `route` takes from `parts`, or `undefined` when it does not match. */
function naiveMatch(route: Route, parts: string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, part] of route.segments.entries()) {
    if (part.kind === 'greedy') {
      const rest = parts.slice(index);
      if (rest.length === 0) return undefined;
      parameters[`rest${index}`] = decodeOrKeep(rest.join('/'));
      return parameters;
    }
    const value = parts[index];
    if (value === undefined) return undefined;
    if (part.kind === 'literal' && value !== part.value) return undefined;
    if (part.kind === 'variable') {
      if (value === '') return undefined;
      parameters[`v${index}`] = decodeOrKeep(value);
    }
  }
  return parts.length === route.segments.length ? parameters : undefined;
}

const RANK = { literal: 0, variable: 1, greedy: 2 } as const;

/** HTTP-11.3/4 restated: is `a` preferred over `b` when both match? */
function preferred(a: Route, b: Route): boolean {
  const greedyA = a.segments.at(-1)?.kind === 'greedy';
  const greedyB = b.segments.at(-1)?.kind === 'greedy';
  if (greedyA !== greedyB) return !greedyA;
  for (let index = 0; index < Math.min(a.segments.length, b.segments.length); index++) {
    const difference = RANK[(a.segments[index] as Segment).kind] - RANK[(b.segments[index] as Segment).kind];
    if (difference !== 0) return difference < 0;
  }
  if (a.segments.length !== b.segments.length) return a.segments.length > b.segments.length;
  return a.method !== 'ANY' && b.method === 'ANY';
}

/** Every matching route, then the one no other is preferred over; `$default` when none matches. */
function naiveRouter(list: Route[], method: string, requestPath: string): { key: string; pathParameters: Record<string, string> | undefined } | undefined {
  const parts = requestPath === '/' ? [] : requestPath.slice(1).split('/');
  const matching = list
    .filter((route) => route.key !== '$default' && (route.method === 'ANY' || route.method === method))
    .flatMap((route) => {
      const parameters = naiveMatch(route, parts);
      return parameters ? [{ route, parameters }] : [];
    });
  const best = matching.find((candidate) => matching.every((other) => other === candidate || !preferred(other.route, candidate.route)));
  if (best) return { key: best.route.key, pathParameters: Object.keys(best.parameters).length > 0 ? best.parameters : undefined };
  return list.some((route) => route.key === '$default') ? { key: '$default', pathParameters: undefined } : undefined;
}

test('HTTP-11 HTTP-12 route matching agrees with a naive reference matcher on generated routes and paths', () => {
  fc.assert(
    fc.property(routes, fc.constantFrom('GET', 'POST', 'HEAD', 'PUT'), path, (list, method, requestPath) => {
      const match = createRouter(list).match(method, requestPath);
      const expected = naiveRouter(list, method, requestPath);
      assert.deepEqual(match ? { key: match.route.key, pathParameters: match.pathParameters } : undefined, expected);
    }),
    RUNS,
  );
});

test('HTTP-11 the routes matched do not depend on the order the routes are declared in', () => {
  fc.assert(
    fc.property(
      routes.chain((list) => fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }).map((shuffled) => [list, shuffled])),
      path,
      ([list, shuffled], requestPath) => {
        assert.equal(
          createRouter(list as Route[]).match('GET', requestPath)?.route.key,
          createRouter(shuffled as Route[]).match('GET', requestPath)?.route.key,
        );
      },
    ),
    RUNS,
  );
});

test('HTTP-12 any request path, unicode, malformed percent-encoding and huge ones included, matches without an exception', () => {
  const router = createRouter([{ key: 'GET /a/{id}' }, { key: 'ANY /{proxy+}' }, { key: 'POST /x' }]);
  fc.assert(
    fc.property(
      fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('%', 'E0', 'A4', '/', 'a', '%F0', 'é') })),
      fc.string(),
      (rest, method) => {
        const match = router.match(method, `/${rest}`);
        assert.ok(match === undefined || typeof match.route.key === 'string');
      },
    ),
    RUNS,
  );
  const huge = `/${'a/'.repeat(200_000)}%E0%A4%A`;
  const startedAt = performance.now();
  assert.equal(router.match('GET', huge)?.route.key, 'ANY /{proxy+}');
  assert.ok(performance.now() - startedAt < 1_000);
});
