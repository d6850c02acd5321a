/** describeText: the indented tree of a small service, exactly, and lines that never pass 100 columns. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shopModel } from '../../test/fixtures/describe/shop-model.ts';
import { describeText, TEXT_WIDTH } from './text.ts';
import { widthOf, wrapPhrases } from './wrap.ts';

test('the tree: APIs with routes and authorizers, then functions with their grants, tables, plans and keys', () => {
  assert.equal(
    describeText(shopModel),
    `service shop

WebSocket API live: stage v1; route selection $request.body.action
  route $connect: timeout 29000 ms; auth CUSTOM
    → Lambda REQUEST authorizer token
    → function orders (Lambda proxy)
  route ping: timeout 29000 ms
    → integration MOCK: request templates $default
  Lambda REQUEST authorizer token: identity route.request.querystring.token; used by $connect
    → function check
REST API shop: stage prod
  method GET /orders: timeout 29000 ms; API key required
    → function orders (Lambda proxy)
  method POST /orders: timeout 29000 ms
    → integration HTTP_PROXY POST https://backend.example/orders

function orders: handler orders.ts#handler; runtime nodejs20.x; memory 256 MB; timeout 6 s;
    architecture arm64; env TABLE
  → table Orders (2 actions): dynamodb:GetItem, dynamodb:PutItem
  → @connections of live (execute-api:ManageConnections)
  → table Orders (env TABLE)
function check: handler auth.ts#check; runtime default; memory 128 MB; timeout 3 s;
    architecture x86_64

table Orders: partition key id (S); on demand;
    global index byCustomer on customer (S), projects KEYS_ONLY

usage plan basic: quota 1000 per day
  → REST API shop (stage prod)

API key partner
  → usage plan basic
`,
  );
});

test('long names and URLs stay within 100 columns', () => {
  const long = structuredClone(shopModel);
  const method = long.apis[1]?.protocol === 'REST' ? long.apis[1].resources[0]?.methods[1] : undefined;
  assert.ok(method);
  method.integrationUri = `https://backend.example/${'segment/'.repeat(30)}end`;
  const text = describeText(long);
  for (const line of text.split('\n')) assert.ok(widthOf(line) <= TEXT_WIDTH, `${widthOf(line)} columns: ${line}`);
  assert.ok(text.replace(/\n +/g, '').includes('segment/segment/end'), 'the cut URL reads whole when its lines are joined');
});

test('wrapPhrases: phrases whole where they fit, then words, then a word cut at the line end', () => {
  assert.deepEqual(wrapPhrases(['head:', 'one;', 'two'], 12, '', '  '), ['head: one;', '  two']);
  assert.deepEqual(wrapPhrases(['a b c d e f'], 5, '', ''), ['a b c', 'd e f']);
  assert.deepEqual(wrapPhrases(['abcdefghij'], 4, '', ''), ['abcd', 'efgh', 'ij']);
  assert.deepEqual(wrapPhrases(['x', 'abcdefghij'], 6, '  ', '  '), ['  x', '  abcd', '  efgh', '  ij']);
  assert.deepEqual(wrapPhrases([], 10, '  ', ''), ['  ']);
});

test('a service with nothing in it is its name alone', () => {
  assert.equal(describeText({ name: 'empty', functions: [], apis: [], tables: [], outputs: [], sites: [] }), 'service empty\n');
});
