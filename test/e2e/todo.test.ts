/** The seeds' todo API (examples/todo) end to end: the curl session of the README in memory through `gateway.fetch`, then its web client in Chromium over CORS. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import todo from '../../examples/todo/hoplite.config.ts';
import type { ApiEndpoint, SiteEndpoint } from '../../src/gateway.ts';
import { systemClock } from '../../src/internal/clock.ts';
import { NO_CHROMIUM, openPage } from '../helpers/browser.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';

const ID = 'e38e37c5-0056-45db-a5cb-9e50ff99ab9c';

let started: StartedGateway;
let api: ApiEndpoint;
let site: SiteEndpoint;
/**
 * The seed's stage allows 50 requests a second (burst 10) and these tests send more: each request from the test
 * moves the gateway's clock one token (20 ms) ahead instead of waiting for it.
 */
let clockAheadMs = 0;

function fetchApi(path: string, init?: RequestInit): Promise<Response> {
  clockAheadMs += 20;
  return started.gateway.fetch(`${api.url}${path}`, init);
}

before(async () => {
  started = await startGateway(null, todo, { clock: { ...systemClock, now: () => Date.now() + clockAheadMs } });
  api = started.urls.apis[0] as ApiEndpoint;
  site = started.urls.sites[0] as SiteEndpoint;
});
after(() => started.gateway.dispose());

test('HTTP-30 the seed session: POST 204, GET the list, DELETE 204, and 422 with fieldErrors', async () => {
  assert.match(api.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  const created = await fetchApi('/todos', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: ID, description: 'Buy Milk', priority: 'normal', dueDate: '2022-01-27' }),
  });
  assert.deepEqual([created.status, await created.text()], [204, '']);
  const list = await fetchApi('/todos');
  assert.equal(list.headers.get('content-type'), 'application/json');
  assert.equal(await list.text(), `[{"id":"${ID}","dueDate":"2022-01-27","description":"Buy Milk","priority":"normal"}]`);
  const deleted = await fetchApi(`/todos/${ID}`, { method: 'DELETE' });
  assert.equal(deleted.status, 204);
  assert.equal(await (await fetchApi('/todos')).text(), '[]');
  const invalid = await postTodo('{}');
  assert.deepEqual([invalid.status, await invalid.text()], [422, '{"fieldErrors":{"description":"required","id":"required","priority":"required"}}']);
  const unknownRoute = await fetchApi(`/todos/${ID}`);
  assert.deepEqual([unknownRoute.status, await unknownRoute.text()], [404, '{"message":"Not Found"}']);
});

/** POST /todos with a JSON content type, as the web client sends it. */
function postTodo(body: string, contentType = 'application/json'): Promise<Response> {
  return fetchApi('/todos', { method: 'POST', headers: { 'content-type': contentType }, body });
}

async function answer(response: Response): Promise<[number, string | null, string]> {
  return [response.status, response.headers.get('content-type'), await response.text()];
}

/** Leaves the table as the other tests expect it, even after a failed assertion. */
async function deleteStoredTodo(): Promise<void> {
  assert.equal((await fetchApi(`/todos/${ID}`, { method: 'DELETE' })).status, 204);
}

const UNPROCESSABLE = (fields: string[]) => JSON.stringify({ fieldErrors: Object.fromEntries(fields.map((field) => [field, 'required'])) });

test("HTTP-30 a 422's fieldErrors keys come in the order of the seed's Go map: sorted (description, id, priority)", async () => {
  const cases: Array<[string, string[]]> = [
    ['{}', ['description', 'id', 'priority']],
    ['null', ['description', 'id', 'priority']],
    ['{"priority":"normal"}', ['description', 'id']],
    ['{"priority":"","id":"x","description":""}', ['description', 'priority']],
    ['{"id":null,"description":"Buy Milk","priority":"normal"}', ['id']],
  ];
  for (const [body, fields] of cases) {
    assert.deepEqual(await answer(await postTodo(body)), [422, 'application/json', UNPROCESSABLE(fields)], body);
  }
  assert.equal(UNPROCESSABLE(['description', 'id', 'priority']), '{"fieldErrors":{"description":"required","id":"required","priority":"required"}}');
});

test('GEN-10 HTTP-33 a body the seed cannot decode is its handler error: 500 {"message":"Internal Server Error"}', async () => {
  // The seed returns json.Unmarshal's error to Lambda; the port throws the same message (JSON.parse's for syntax).
  const cases: Array<[body: string, contentType: string, errorType: string, errorMessage: string | RegExp]> = [
    ['{"id":', 'application/json', 'SyntaxError', /JSON/],
    ['', 'application/json', 'SyntaxError', 'Unexpected end of JSON input'],
    ['Buy Milk', 'text/plain', 'SyntaxError', /"Buy Milk" is not valid JSON/],
    ['[]', 'application/json', 'Error', 'json: cannot unmarshal array into Go value of type main.Todo'],
    ['"x"', 'application/json', 'Error', 'json: cannot unmarshal string into Go value of type main.Todo'],
    [
      '{"id":5,"description":"Buy Milk","priority":"normal"}',
      'application/json',
      'Error',
      'json: cannot unmarshal number into Go struct field Todo.id of type string',
    ],
    // curl -d without -H sends a form body, which reaches the handler base64-encoded (HTTP-22); the seed does not decode it.
    ['{}', 'application/x-www-form-urlencoded', 'SyntaxError', /"e30=" is not valid JSON/],
  ];
  for (const [body, contentType, errorType, errorMessage] of cases) {
    const linesBefore = started.log.functionLines.length;
    assert.deepEqual(await answer(await postTodo(body, contentType)), [500, 'application/json', '{"message":"Internal Server Error"}'], body);
    const invokeErrors = started.log.functionLines
      .slice(linesBefore)
      .filter(({ line }) => line.includes('\tERROR\tInvoke Error '))
      .map(({ line }) => JSON.parse(line.slice(line.lastIndexOf('\t') + 1)) as { errorType: string; errorMessage: string });
    assert.equal(invokeErrors.length, 1, body);
    assert.equal(invokeErrors[0]?.errorType, errorType, body);
    if (typeof errorMessage === 'string') assert.equal(invokeErrors[0]?.errorMessage, errorMessage, body);
    else assert.match(invokeErrors[0]?.errorMessage ?? '', errorMessage, body);
  }
  assert.equal(await (await fetchApi('/todos')).text(), '[]');
});

test('a description of only spaces is refused: 422 {"fieldErrors":{"description":"required"}}, nothing stored', async () => {
  for (const description of [' ', '   ', '\t \n']) {
    const refused = await postTodo(JSON.stringify({ id: ID, description, priority: 'normal' }));
    assert.deepEqual(await answer(refused), [422, 'application/json', '{"fieldErrors":{"description":"required"}}'], JSON.stringify(description));
  }
  assert.equal(await (await fetchApi('/todos')).text(), '[]');
});

test("the body is decoded as Go's json.Unmarshal decodes the seed's Todo: keys match fields case-insensitively, others are ignored", async (t) => {
  t.after(deleteStoredTodo);
  const accepted = await postTodo(`{"ID":"${ID}","Description":"Buy Milk","PRIORITY":"low","duedate":"2022-01-27","done":true}`);
  assert.deepEqual(await answer(accepted), [204, null, '']);
  assert.equal(await (await fetchApi('/todos')).text(), `[{"id":"${ID}","dueDate":"2022-01-27","description":"Buy Milk","priority":"low"}]`);
});

test("the list is written as Go's json.Marshal writes it: <, >, & and U+2028 escaped", async (t) => {
  t.after(deleteStoredTodo);
  assert.equal((await postTodo(JSON.stringify({ id: ID, description: 'Milk & <honey>\u2028', priority: 'normal' }))).status, 204);
  const list = await fetchApi('/todos');
  assert.equal(await list.text(), `[{"id":"${ID}","description":"Milk \\u0026 \\u003choney\\u003e\\u2028","priority":"normal"}]`);
});

test('THR-1 THR-2 the seed stage throttling: burst 10 passes at once, the 11th is 429, a token returns after 20 ms', async (t) => {
  // A fresh gateway whose clock stands still unless the test moves it: "at the same instant" is exact.
  let now = Date.UTC(2024, 1, 9, 18, 11, 43);
  const fresh = await startGateway(t, todo, { clock: { ...systemClock, now: () => now } });
  const url = `${fresh.urls.apis[0]?.url}/todos/nothing`;
  const statuses = await Promise.all(Array.from({ length: 11 }, () => fresh.gateway.fetch(url, { method: 'DELETE' }).then((response) => response.status)));
  assert.equal(statuses.filter((status) => status === 204).length, 10);
  assert.equal(statuses.filter((status) => status === 429).length, 1);
  now += 19;
  assert.equal((await fresh.gateway.fetch(url, { method: 'DELETE' })).status, 429);
  now += 1;
  assert.equal((await fresh.gateway.fetch(url, { method: 'DELETE' })).status, 204);
  assert.equal((await fresh.gateway.fetch(url, { method: 'DELETE' })).status, 429);
});

test('the web client lists, adds, edits and deletes todos from its own origin through CORS', { skip: NO_CHROMIUM }, async (t) => {
  assert.notEqual(new URL(site.url).origin, new URL(api.url).origin);
  const { page, failures } = await openPage(t);
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

  const stored = (await (await fetchApi('/todos')).json()) as Array<Record<string, string>>;
  assert.equal(stored.length, 1);
  assert.deepEqual({ ...stored[0], id: undefined }, { id: undefined, dueDate: '2022-01-27', description: 'Buy oat milk', priority: 'high' });

  await page.click('#todos li .delete');
  await page.locator('#todos li').waitFor({ state: 'detached' });
  assert.deepEqual(await (await fetchApi('/todos')).json(), []);
  assert.deepEqual(failures, []);
});

test('the web client refuses an empty description or one of only spaces: a visible error, and nothing is sent', { skip: NO_CHROMIUM }, async (t) => {
  const { page, failures } = await openPage(t);
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'GET') sent.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  await page.goto(site.url);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.isVisible('#error'), false);
  for (const description of ['   ', '']) {
    await page.fill('input[name="description"]', description);
    await page.click('#save');
    await page.locator('#error', { hasText: 'Please fill in: description' }).waitFor({ state: 'visible' });
    assert.equal(await page.getAttribute('input[name="description"]', 'aria-invalid'), 'true');
    assert.equal(await page.locator('input[name="description"]:focus').count(), 1);
  }
  // The next valid save is the first request the form sends, and clears the error.
  await page.fill('input[name="description"]', 'Buy Milk');
  await page.click('#save');
  await page.waitForSelector('#todos li');
  assert.deepEqual(sent, ['POST /v1/todos']);
  assert.equal(await page.isVisible('#error'), false);
  assert.equal(await page.getAttribute('input[name="description"]', 'aria-invalid'), null);
  await page.click('#todos li .delete');
  await page.locator('#todos li').waitFor({ state: 'detached' });
  assert.deepEqual(failures, []);
});

test('the web client shows a visible error when the API cannot be reached: after it stopped, and at load', { skip: NO_CHROMIUM }, async (t) => {
  const { page, failures } = await openPage(t);
  const stopping = await startGateway(t, todo);
  const stoppedApi = stopping.urls.apis[0]?.url as string;
  await page.goto(stopping.urls.sites[0]?.url as string);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.isVisible('#error'), false);
  await stopping.gateway.dispose();

  await page.fill('input[name="description"]', 'Buy Milk');
  await page.click('#save');
  await page.locator('#error', { hasText: `Cannot reach the API at ${stoppedApi}. Is it running?` }).waitFor({ state: 'visible' });
  // Nothing typed is lost: the form keeps its values for the next try.
  assert.equal(await page.inputValue('input[name="description"]'), 'Buy Milk');
  assert.equal(await page.textContent('#status'), '');

  // A page opened while nothing listens on its API's port.
  await page.goto(`${site.url}?api=${encodeURIComponent(stoppedApi)}`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.locator('#error', { hasText: `Cannot reach the API at ${stoppedApi}. Is it running?` }).waitFor({ state: 'visible' });
  assert.deepEqual(failures, []);
});

test('the web client\'s "Saved." disappears 3 seconds after it is shown', { skip: NO_CHROMIUM }, async (t) => {
  const { page, failures } = await openPage(t);
  // The page's clock runs only when the test moves it, so 3 seconds take none.
  await page.clock.install({ time: new Date('2024-02-09T18:00:00Z') });
  await page.goto(site.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.clock.pauseAt(new Date('2024-02-09T19:00:00Z'));
  await page.fill('input[name="description"]', 'Buy Milk');
  await page.click('#save');
  await page.waitForSelector('#todos li');
  assert.equal(await page.textContent('#status'), 'Saved.');
  await page.clock.runFor(2999);
  assert.equal(await page.textContent('#status'), 'Saved.');
  await page.clock.runFor(1);
  assert.equal(await page.textContent('#status'), '');

  await page.click('#todos li .delete');
  await page.locator('#status', { hasText: 'Deleted.' }).waitFor();
  await page.clock.runFor(3000);
  assert.equal(await page.textContent('#status'), '');
  assert.deepEqual(failures, []);
});
