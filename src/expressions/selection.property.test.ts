/** Properties of selection expressions for any client input: never an exception, bounded time, and a plain property walk as reference. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkSelectionExpression, compileSelectionExpression, selectRoute } from './selection.ts';

/** Bounded runs; fast-check prints the seed and path of a failure, and FC_SEED replays one. */
const RUNS = { numRuns: 500, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };

/** Text a client might send: printable ASCII, JSON punctuation, full unicode (lone surrogates included). */
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...'{}[]":,.$\\ 0a') }));

const NAME = /^[A-Za-z0-9_]+$/;
const name = fc.stringMatching(NAME, { size: 'xsmall' });

/** WS-22.3 restated: how the reference renders a selected value. */
function renderReference(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(renderReference).join(', ')}]`;
  return JSON.stringify(value);
}

/** The plain walk: own properties of objects only, from an object root. */
function walk(root: unknown, path: readonly string[]): unknown {
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return undefined;
  let value: unknown = root;
  for (const step of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, step)) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

test('WS-21 any expression text either compiles or is reported by checkSelectionExpression, never another exception', () => {
  fc.assert(
    fc.property(fc.oneof(anyText, fc.string({ unit: fc.constantFrom(...'${}[]\\.0a', '$request.body', '${request.body') })), (source) => {
      const problem = checkSelectionExpression(source);
      if (problem === undefined) assert.equal(compileSelectionExpression(source).source, source);
      else assert.throws(() => compileSelectionExpression(source), { message: problem });
    }),
    RUNS,
  );
});

test('WS-22 evaluating any message text returns a string or undefined, for every kind of expression', () => {
  const expressions = ['$request.body.action', '$request.body', '${request.body.a}-${request.body.b[0]}', '$request.body.a[1][0].b', 'static'].map(
    compileSelectionExpression,
  );
  fc.assert(
    fc.property(
      fc.oneof(
        anyText,
        fc.json(),
        fc.jsonValue().map((value) => JSON.stringify({ action: value, a: value, b: [value] })),
      ),
      (message) => {
        for (const expression of expressions) {
          const key = expression.evaluate(message);
          assert.ok(key === undefined || typeof key === 'string');
          const route = selectRoute(expression, message, new Set(['$default', 'a']));
          assert.ok(route === '$default' || route === 'a');
        }
      },
    ),
    RUNS,
  );
});

test('WS-22 $request.body.a.b… selects what a plain property walk of the parsed body finds', () => {
  fc.assert(
    fc.property(
      fc.array(name, { minLength: 1, maxLength: 4 }),
      fc.jsonValue({ maxDepth: 4 }),
      fc.dictionary(name, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
      (path, leaf, noise) => {
        // A body that holds `leaf` at `path`, next to unrelated keys; sometimes the walk must fail instead.
        let body: unknown = leaf;
        for (const step of [...path].reverse()) body = { ...noise, [step]: body };
        for (const message of [body, noise, leaf]) {
          const text = JSON.stringify(message);
          const expected = renderReference(walk(message, path));
          assert.equal(compileSelectionExpression(`$request.body.${path.join('.')}`).evaluate(text), expected);
          assert.equal(compileSelectionExpression(`pre\\$\${request.body.${path.join('.')}}post`).evaluate(text), `pre$${expected}post`);
        }
      },
    ),
    RUNS,
  );
});

test('WS-22 a message nested 10,000 levels deep is evaluated without an exception, quickly', () => {
  const deep = 10_000;
  const messages = [
    `{"action":${'['.repeat(deep)}${']'.repeat(deep)}}`,
    `{"action":${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}}`,
    `{"action":{"a":${'['.repeat(deep)}0${']'.repeat(deep)}}}`,
  ];
  for (const source of ['$request.body.action', '$request.body', '$request.body.action.a', '${request.body.action}/${request.body.x}']) {
    const expression = compileSelectionExpression(source);
    for (const message of messages) {
      const startedAt = performance.now();
      const key = expression.evaluate(message);
      assert.ok(key === undefined || typeof key === 'string', `${source} on a deep message`);
      assert.ok(performance.now() - startedAt < 1_000, `${source} took ${performance.now() - startedAt} ms`);
    }
  }
});

test('WS-22 a message of several megabytes is evaluated in bounded time', () => {
  const big = JSON.stringify({ action: 'x'.repeat(4 * 1024 * 1024), list: Array.from({ length: 100_000 }, (_, index) => index) });
  const startedAt = performance.now();
  assert.equal(compileSelectionExpression('$request.body.action').evaluate(big)?.length, 4 * 1024 * 1024);
  assert.equal(compileSelectionExpression('$request.body.list[99999]').evaluate(big), '99999');
  assert.ok(performance.now() - startedAt < 2_000);
});
