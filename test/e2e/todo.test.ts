/** The seeds' todo API (examples/todo) end to end: the curl session of the README, then its web client in Chromium over CORS. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import todo from '../../examples/todo/hoplite.config.ts';
import type { ApiEndpoint, SiteEndpoint } from '../../src/gateway.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ID = 'e38e37c5-0056-45db-a5cb-9e50ff99ab9c';

let started: StartedGateway;
let api: ApiEndpoint;
let site: SiteEndpoint;

before(async () => {
  started = await startGateway(null, todo);
  api = started.urls.apis[0] as ApiEndpoint;
  site = started.urls.sites[0] as SiteEndpoint;
});
after(() => started.gateway.dispose());

test('HTTP-30 the seed session: POST 204, GET the list, DELETE 204, and 422 with fieldErrors', async () => {
  assert.match(api.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  const created = await fetch(`${api.url}/todos`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: ID, description: 'Buy Milk', priority: 'normal', dueDate: '2022-01-27' }),
  });
  assert.deepEqual([created.status, await created.text()], [204, '']);
  const list = await fetch(`${api.url}/todos`);
  assert.equal(list.headers.get('content-type'), 'application/json');
  assert.equal(await list.text(), `[{"id":"${ID}","dueDate":"2022-01-27","description":"Buy Milk","priority":"normal"}]`);
  const deleted = await fetch(`${api.url}/todos/${ID}`, { method: 'DELETE' });
  assert.equal(deleted.status, 204);
  assert.equal(await (await fetch(`${api.url}/todos`)).text(), '[]');
  // curl -d without a content type sends a form body: it reaches the handler base64-encoded (HTTP-22).
  const invalid = await fetch(`${api.url}/todos`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '{}' });
  assert.deepEqual([invalid.status, await invalid.text()], [422, '{"fieldErrors":{"id":"required","description":"required","priority":"required"}}']);
  const notJson = await fetch(`${api.url}/todos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":' });
  assert.deepEqual([notJson.status, await notJson.text()], [400, '{"message":"the body is not JSON"}']);
  const unknownRoute = await fetch(`${api.url}/todos/${ID}`);
  assert.deepEqual([unknownRoute.status, await unknownRoute.text()], [404, '{"message":"Not Found"}']);
});

test('THR-1 THR-2 the seed stage throttling: burst 10 passes at once, the 11th is 429, a token returns after 20 ms', async (t) => {
  // A fresh gateway whose clock stands still unless the test moves it: "at the same instant" is exact.
  let now = Date.UTC(2024, 1, 9, 18, 11, 43);
  const fresh = await startGateway(t, todo, { clock: { now: () => now } });
  const url = `${fresh.urls.apis[0]?.url}/todos/nothing`;
  const statuses = await Promise.all(Array.from({ length: 11 }, () => fetch(url, { method: 'DELETE' }).then((response) => response.status)));
  assert.equal(statuses.filter((status) => status === 204).length, 10);
  assert.equal(statuses.filter((status) => status === 429).length, 1);
  now += 19;
  assert.equal((await fetch(url, { method: 'DELETE' })).status, 429);
  now += 1;
  assert.equal((await fetch(url, { method: 'DELETE' })).status, 204);
  assert.equal((await fetch(url, { method: 'DELETE' })).status, 429);
});

test('the web client lists, adds, edits and deletes todos from its own origin through CORS', {
  skip: !existsSync(CHROMIUM) && !process.env.CI && `no Chromium at ${CHROMIUM}`,
}, async (t) => {
  assert.notEqual(new URL(site.url).origin, new URL(api.url).origin);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') failures.push(message.text());
  });
  await page.goto(site.url);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.locator('#todos li').count(), 0);

  await page.fill('input[name="description"]', 'Buy Milk');
  await page.selectOption('select[name="priority"]', 'high');
  await page.fill('input[name="dueDate"]', '2022-01-27');
  await page.click('#save');
  await page.waitForSelector('#todos li');
  assert.equal(await page.textContent('#todos li .description'), 'Buy Milk');
  assert.equal(await page.textContent('#todos li .due'), '2022-01-27');

  await page.click('#todos li .edit');
  await page.fill('input[name="description"]', 'Buy oat milk');
  await page.click('#save');
  await page.locator('#todos li .description', { hasText: 'Buy oat milk' }).waitFor();
  assert.equal(await page.locator('#todos li').count(), 1);

  const stored = (await (await fetch(`${api.url}/todos`)).json()) as Array<Record<string, string>>;
  assert.equal(stored.length, 1);
  assert.deepEqual({ ...stored[0], id: undefined }, { id: undefined, dueDate: '2022-01-27', description: 'Buy oat milk', priority: 'high' });

  await page.click('#todos li .delete');
  await page.locator('#todos li').waitFor({ state: 'detached' });
  assert.deepEqual(await (await fetch(`${api.url}/todos`)).json(), []);
  assert.deepEqual(failures, []);
});
