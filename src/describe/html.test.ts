/** describeHtml: a page that needs nothing from elsewhere, escapes every name, and is the same bytes for the same model. */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { shopModel } from '../../test/fixtures/describe/shop-model.ts';
import type { ServiceModel } from '../model/index.ts';
import { describeHtml } from './html.ts';

const GOLDEN = new URL('../../test/fixtures/describe/shop.html', import.meta.url);

const hostile: ServiceModel = {
  name: 'x<b>&"\'',
  functions: [{ name: 'fn<img src=x>', handler: 'a.ts#h', timeoutSeconds: 3, memoryMb: 128, environment: {}, policies: [] }],
  apis: [
    {
      protocol: 'WEBSOCKET',
      name: 'ws',
      routeSelectionExpression: '$request.body.action',
      stage: { name: 'v1', variables: {} },
      routes: [{ key: '<script>alert(1)</script>', function: 'fn<img src=x>', integrationTimeoutMs: 29000 }],
    },
  ],
  tables: [],
  outputs: [],
  sites: [],
};

test('a route key with <script> and names with markup are text, in the SVG, the text form and the JSON alike', () => {
  const html = describeHtml(hostile);
  assert.ok(!html.includes('<script>alert'), 'no route key opens an element');
  assert.ok(!html.includes('<img'), 'no function name opens an element');
  assert.ok(!html.includes('<b>'));
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('<title>x&lt;b&gt;&amp;&quot;&#39;: the service described</title>'));
  assert.ok(html.includes('\\u003cscript\\u003ealert(1)\\u003c/script\\u003e'), 'the JSON data block escapes < and >');
  // The one script element is the graph's data block, which browsers never run.
  assert.deepEqual(html.match(/<script[^>]*>/g), ['<script type="application/json" id="describe-graph">']);
});

test('self-contained: a policy that forbids every fetch, no URL but the SVG namespace', () => {
  const html = describeHtml(shopModel);
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`));
  const urls = [...html.matchAll(/(?:https?:)?\/\/[^\s"'<)]+/g)].map((match) => match[0]);
  // The model's own backend URL is text in the boxes, never a link; the namespace is a name, never fetched.
  assert.deepEqual([...new Set(urls)].sort(), ['http://www.w3.org/2000/svg', 'https://backend.example/orders']);
  assert.ok(!/\b(?:src|href)=/.test(html), 'no src or href attribute');
  assert.ok(!/@import|url\((?!#)/.test(html), 'no stylesheet or font from elsewhere');
});

test('deterministic: the same model gives the same bytes, equal to the golden page reviewed in a browser', async () => {
  const html = describeHtml(shopModel);
  assert.equal(describeHtml(structuredClone(shopModel)), html);
  // HOPLITE_UPDATE_GOLDENS=1 rewrites the golden after a deliberate change; review it in a browser before committing.
  if (process.env.HOPLITE_UPDATE_GOLDENS === '1') await writeFile(GOLDEN, html);
  assert.equal(html, await readFile(GOLDEN, 'utf8'));
});

test('a service with nothing in it is a page with an empty picture', () => {
  const html = describeHtml({ name: 'empty', functions: [], apis: [], tables: [], outputs: [], sites: [] });
  assert.ok(html.includes('<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="40" height="40" viewBox="0 0 40 40"'));
  assert.ok(html.includes('<pre>service empty\n</pre>'));
});
