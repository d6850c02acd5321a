/**
 * The authorized todo example (examples/todo-auth) end to end: the README's curl session with node's fetch over
 * loopback (401 without a token, 403 without the scope, 200, each user's todos apart), the local issuer's token
 * endpoint, then its web client in Chromium signing in as alice and bob.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import todoAuth from '../../examples/todo-auth/hoplite.config.ts';
import { mintToken, readSigningKey, type SigningKey } from '../../src/auth/local-issuer/index.ts';
import type { ApiEndpoint, LocalIssuerEndpoint, SiteEndpoint } from '../../src/gateway.ts';
import { systemClock } from '../../src/internal/clock.ts';
import { NO_CHROMIUM, openPage } from '../helpers/browser.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';

const ID = 'e38e37c5-0056-45db-a5cb-9e50ff99ab9c';
const UNAUTHORIZED = '{"message":"Unauthorized"}';
const FORBIDDEN = '{"message":"Forbidden"}';

let started: StartedGateway;
let api: ApiEndpoint;
let site: SiteEndpoint;
let issuer: LocalIssuerEndpoint;
let key: SigningKey;
/** As in todo.test.ts: each request from the test moves the gateway's clock one token (20 ms) of the stage's throttle ahead. */
let clockAheadMs = 0;

before(async () => {
  started = await startGateway(null, todoAuth, { clock: { ...systemClock, now: () => Date.now() + clockAheadMs } });
  api = started.urls.apis[0] as ApiEndpoint;
  site = started.urls.sites[0] as SiteEndpoint;
  issuer = started.urls.localIssuer as LocalIssuerEndpoint;
  key = (await readSigningKey(issuer.signingKeyFile)) as SigningKey;
});
after(() => started.gateway.dispose());

/** What `hoplite token --sub <sub> --scope <scope> --aud todo-web` prints. */
function token(sub: string, scope: string | undefined, audience = 'todo-web'): Promise<string> {
  return mintToken(key, { issuer: issuer.issuer, subject: sub, audience, scope, expiresInSeconds: 3600, nowMs: Date.now() });
}

const ALL = 'todos/read todos/write';

/** curl against the API over loopback, with `Authorization: Bearer <bearer>` when given. */
function curl(path: string, bearer?: string, init: RequestInit = {}): Promise<Response> {
  clockAheadMs += 20;
  const headers = { ...(init.headers as Record<string, string>), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) };
  return fetch(`${api.url}${path}`, { ...init, headers });
}

function postTodo(bearer: string, todo: Record<string, string>): Promise<Response> {
  return curl('/todos', bearer, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(todo) });
}

async function answer(response: Response): Promise<[number, string | null, string]> {
  return [response.status, response.headers.get('www-authenticate'), await response.text()];
}

test('AUTH-21 AUTH-22 every route wants a token: without one 401 with www-authenticate, another audience 401', async () => {
  assert.match(api.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  assert.deepEqual(await answer(await curl('/todos')), [401, 'Bearer', UNAUTHORIZED]);
  assert.deepEqual(await answer(await curl('/todos', undefined, { method: 'POST', body: '{}' })), [401, 'Bearer', UNAUTHORIZED]);
  assert.deepEqual(await answer(await curl(`/todos/${ID}`, undefined, { method: 'DELETE' })), [401, 'Bearer', UNAUTHORIZED]);
  const elsewhere = await curl('/todos', await token('alice', ALL, 'todo-cli'));
  assert.deepEqual(await answer(elsewhere), [
    401,
    'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"',
    UNAUTHORIZED,
  ]);
});

test('AUTH-23 todos/read lets GET through, POST and DELETE want todos/write: 403 without it', async () => {
  const reader = await token('alice', 'todos/read');
  assert.deepEqual(await answer(await curl('/todos', reader)), [200, null, '[]']);
  assert.deepEqual(await answer(await postTodo(reader, { id: ID, description: 'Buy Milk', priority: 'normal' })), [403, null, FORBIDDEN]);
  assert.deepEqual(await answer(await curl(`/todos/${ID}`, reader, { method: 'DELETE' })), [403, null, FORBIDDEN]);
  const writer = await token('alice', 'todos/write');
  assert.deepEqual(await answer(await curl('/todos', writer)), [403, null, FORBIDDEN]);
  assert.deepEqual(await answer(await curl('/todos', await token('alice', undefined))), [403, null, FORBIDDEN]);
});

test("AUTH-24 each user's todos are kept apart by the token's sub: bob sees none of alice's and cannot delete them", async (t) => {
  const alice = await token('alice', ALL);
  const bob = await token('bob', ALL);
  t.after(async () => assert.equal((await curl(`/todos/${ID}`, alice, { method: 'DELETE' })).status, 204));
  assert.deepEqual(await answer(await postTodo(alice, { id: ID, description: 'Buy Milk', priority: 'normal', dueDate: '2022-01-27' })), [204, null, '']);
  const aliceList = `[{"id":"${ID}","dueDate":"2022-01-27","description":"Buy Milk","priority":"normal"}]`;
  assert.deepEqual(await answer(await curl('/todos', alice)), [200, null, aliceList]);
  assert.deepEqual(await answer(await curl('/todos', bob)), [200, null, '[]']);
  // Bob's DELETE of alice's id deletes his own (absent) item; bob's POST of the same id is his own todo.
  assert.equal((await curl(`/todos/${ID}`, bob, { method: 'DELETE' })).status, 204);
  assert.equal((await postTodo(bob, { id: ID, description: 'Walk the dog', priority: 'high' })).status, 204);
  assert.equal(await (await curl('/todos', bob)).text(), `[{"id":"${ID}","description":"Walk the dog","priority":"high"}]`);
  assert.equal(await (await curl('/todos', alice)).text(), aliceList);
  assert.equal((await curl(`/todos/${ID}`, bob, { method: 'DELETE' })).status, 204);
  assert.equal(await (await curl('/todos', alice)).text(), aliceList);
  assert.deepEqual(await answer(await postTodo(alice, { id: ID, description: ' ', priority: 'normal' })), [
    422,
    null,
    '{"fieldErrors":{"description":"required"}}',
  ]);
});

test("AUTH-20 the site's hoplite.json names the local issuer; its token endpoint signs a token the API accepts", async () => {
  const config = (await (await fetch(`${site.url}hoplite.json`)).json()) as {
    apis: Record<string, { url: string }>;
    localIssuer: { issuer: string; tokenEndpoint: string };
  };
  assert.deepEqual(config.localIssuer, { issuer: issuer.issuer, tokenEndpoint: `${issuer.issuer}/token` });
  assert.equal(config.apis.todo?.url, api.url);
  const origin = new URL(site.url).origin;
  const signIn = await fetch(config.localIssuer.tokenEndpoint, {
    method: 'POST',
    headers: { origin },
    body: new URLSearchParams({ grant_type: 'password', username: 'carol', scope: 'todos/read', audience: 'todo-web' }),
  });
  assert.deepEqual([signIn.status, signIn.headers.get('access-control-allow-origin')], [200, origin]);
  const { access_token: carol, ...rest } = (await signIn.json()) as { access_token: string };
  assert.deepEqual(rest, { token_type: 'Bearer', expires_in: 3600, scope: 'todos/read' });
  assert.deepEqual(await answer(await curl('/todos', carol)), [200, null, '[]']);
  assert.deepEqual(await answer(await postTodo(carol, { id: ID, description: 'Buy Milk', priority: 'normal' })), [403, null, FORBIDDEN]);
});

test('AUTH-20 the token endpoint answers only the clients the gateway trusts, every client with allowRemoteManagement', async (t) => {
  const signIn = { method: 'POST', body: new URLSearchParams({ grant_type: 'password', username: 'alice' }) };
  const closed = await startGateway(t, todoAuth, { isTrustedClient: () => false });
  const refused = await closed.gateway.fetch(`${closed.urls.localIssuer?.issuer}/token`, signIn);
  assert.deepEqual([refused.status, ((await refused.json()) as { error: string }).error], [403, 'access_denied']);
  const open = await startGateway(t, todoAuth, { isTrustedClient: () => false, allowRemoteManagement: true });
  assert.equal((await open.gateway.fetch(`${open.urls.localIssuer?.issuer}/token`, signIn)).status, 200);
});

test("HTTP-51 the API's CORS preflight allows the Authorization header the web client sends", async () => {
  clockAheadMs += 20;
  const preflight = await fetch(`${api.url}/todos`, {
    method: 'OPTIONS',
    headers: { origin: new URL(site.url).origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });
  const headers = Object.fromEntries([...preflight.headers].filter(([name]) => !['date', 'apigw-requestid', 'connection', 'keep-alive'].includes(name)));
  assert.deepEqual(
    [preflight.status, headers],
    [
      204,
      {
        'access-control-allow-headers': 'authorization,content-type',
        'access-control-allow-methods': 'GET,POST,DELETE',
        'access-control-allow-origin': '*',
        'access-control-max-age': '7200',
        'content-length': '0',
      },
    ],
  );
});

/** Signs in on the page and waits for that user's list to be loaded. */
async function signInAs(page: Page, username: string, scopes: readonly string[] = ['todos/read', 'todos/write']): Promise<void> {
  // The page's requests are not counted by `curl`: a second ahead refills the stage's burst.
  clockAheadMs += 1000;
  await page.fill('input[name="username"]', username);
  for (const scope of ['todos/read', 'todos/write']) await page.setChecked(`input[name="scope"][value="${scope}"]`, scopes.includes(scope));
  await page.click('#sign-in-button');
  await page.waitForSelector(`#sign-in[data-user="${username}"]`);
}

test('AUTH-20 AUTH-24 the web client signs in at the local issuer: alice adds a todo, bob sees none, alice sees hers again', {
  skip: NO_CHROMIUM,
}, async (t) => {
  assert.notEqual(new URL(site.url).origin, new URL(api.url).origin);
  assert.notEqual(new URL(site.url).origin, new URL(issuer.issuer).origin);
  const { page, failures } = await openPage(t);
  page.on('console', (message) => {
    if (message.type() === 'error') failures.push(message.text());
  });
  await page.goto(site.url);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.isVisible('#todo-form'), false);

  await signInAs(page, 'alice');
  assert.equal(await page.textContent('#user'), 'Signed in as alice (todos/read todos/write)');
  assert.equal(await page.locator('#todos li').count(), 0);
  await page.fill('input[name="description"]', 'Buy Milk');
  await page.selectOption('select[name="priority"]', 'high');
  await page.click('#save');
  await page.waitForSelector('#todos li');
  assert.equal(await page.textContent('#todos li .description'), 'Buy Milk');

  await signInAs(page, 'bob');
  assert.equal(await page.textContent('#user'), 'Signed in as bob (todos/read todos/write)');
  assert.equal(await page.locator('#todos li').count(), 0);

  await signInAs(page, 'alice');
  assert.equal(await page.textContent('#todos li .description'), 'Buy Milk');
  const stored = (await (await curl('/todos', await token('alice', ALL))).json()) as Array<Record<string, string>>;
  assert.deepEqual({ ...stored[0], id: undefined }, { id: undefined, description: 'Buy Milk', priority: 'high' });
  await page.click('#todos li .delete');
  await page.locator('#todos li').waitFor({ state: 'detached' });
  assert.equal(await (await curl('/todos', await token('alice', ALL))).text(), '[]');

  await page.click('#sign-out');
  assert.equal(await page.isVisible('#todo-form'), false);
  assert.equal(await page.textContent('#status'), 'Signed out.');
  assert.deepEqual(failures, []);
});

test('AUTH-23 the web client signed in without a scope: loading is 403 without todos/read, saving without todos/write', { skip: NO_CHROMIUM }, async (t) => {
  const { page, failures } = await openPage(t);
  await page.goto(site.url);
  await page.waitForSelector('body[data-ready="true"]');

  await signInAs(page, 'dave', ['todos/write']);
  await page.locator('#error', { hasText: 'Loading failed: 403' }).waitFor({ state: 'visible' });

  await signInAs(page, 'dave', ['todos/read']);
  // The sign-in shows at once; the error goes with the list that loads after it.
  await page.locator('#error').waitFor({ state: 'hidden' });
  await page.fill('input[name="description"]', 'Buy Milk');
  await page.click('#save');
  await page.locator('#error', { hasText: 'Save failed: 403' }).waitFor({ state: 'visible' });

  await page.fill('input[name="username"]', ' ');
  await page.click('#sign-in-button');
  await page.locator('#error', { hasText: 'Please fill in: user' }).waitFor({ state: 'visible' });
  assert.deepEqual(failures, []);
});
