/**
 * The round trip of examples/todo-auth: `hoplite synth`, then the template run through the importer with the local
 * issuer as the JWT authorizer's issuer, and the README's session with tokens the local issuer signs.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mintToken, readSigningKey, type SigningKey } from '../../src/auth/local-issuer/index.ts';
import type { ApiEndpoint, LocalIssuerEndpoint } from '../../src/gateway.ts';
import { systemClock } from '../../src/internal/clock.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { type RoundTrip, roundTrip, roundTripDifferences } from '../helpers/round-trip.ts';

const ID = 'e38e37c5-0056-45db-a5cb-9e50ff99ab9c';
const FORBIDDEN = '{"message":"Forbidden"}';

let trip: RoundTrip;
let started: StartedGateway;
let api: ApiEndpoint;
let issuer: LocalIssuerEndpoint;
let key: SigningKey;
/** As in todo-auth.test.ts: each request moves the gateway's clock one token (20 ms) of the stage's throttle ahead. */
let clockAheadMs = 0;

before(async () => {
  // The synthesized template asks for the authorizer's issuer; locally it is Hoplite's own.
  trip = await roundTrip('examples/todo-auth/hoplite.config.ts', 'ArtifactBucket=local-artifacts TodoUsersAuthorizerIssuer=hoplite:local-issuer');
  started = await startGateway(null, trip.imported.model, { clock: { ...systemClock, now: () => Date.now() + clockAheadMs } });
  api = started.urls.apis[0] as ApiEndpoint;
  issuer = started.urls.localIssuer as LocalIssuerEndpoint;
  key = (await readSigningKey(issuer.signingKeyFile)) as SigningKey;
});
after(async () => {
  await started?.gateway.dispose();
  await trip?.dispose();
});

/** What `hoplite token --sub <sub> --scope <scope> --aud todo-web` prints. */
function token(sub: string, scope: string | undefined): Promise<string> {
  return mintToken(key, { issuer: issuer.issuer, subject: sub, audience: 'todo-web', scope, expiresInSeconds: 3600, nowMs: Date.now() });
}

function curl(path: string, bearer: string | undefined, init: RequestInit = {}): Promise<Response> {
  clockAheadMs += 20;
  const headers = { ...(init.headers as Record<string, string>), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) };
  return fetch(`${api.url}${path}`, { ...init, headers });
}

function postTodo(bearer: string, todo: Record<string, string>): Promise<Response> {
  return curl('/todos', bearer, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(todo) });
}

async function answer(response: Response): Promise<[number, string]> {
  return [response.status, await response.text()];
}

test('the imported model is the original but for what a deployment changes, the local issuer kept', () => {
  assert.deepEqual(roundTripDifferences(trip), [
    `$.rootDir: "${process.cwd()}/examples/todo-auth" → "${trip.dir}"`,
    '$.functions[0].handler: "handler.ts#handler" → "handler.handler"',
    '$.functions[0].environment.TABLE_NAME: "UserTodos" → "UserTodosTable"',
    '$.functions[0].environment.AWS_SAM_LOCAL: undefined → "true"',
    '$.functions[0].codeUri: undefined → "functions/todo"',
    `$.outputs[0]: undefined → ${JSON.stringify({ name: 'TodoApiUrl', description: "The HTTP API todo's URL", value: { kind: 'http-url', api: 'todo' } })}`,
    '$.sites[0]: {"name":"web","dir":"web"} → undefined',
  ]);
});

test('AUTH-21 without a token every route is 401 with www-authenticate', async () => {
  const unauthorized = await curl('/todos', undefined);
  assert.deepEqual(
    [unauthorized.status, unauthorized.headers.get('www-authenticate'), await unauthorized.text()],
    [401, 'Bearer', '{"message":"Unauthorized"}'],
  );
});

test('AUTH-23 AUTH-24 todos/read lets GET through, POST and DELETE want todos/write; each user sees only their todos', async () => {
  const reader = await token('alice', 'todos/read');
  assert.deepEqual(await answer(await curl('/todos', reader)), [200, '[]']);
  assert.deepEqual(await answer(await postTodo(reader, { id: ID, description: 'Buy Milk', priority: 'normal' })), [403, FORBIDDEN]);
  assert.deepEqual(await answer(await curl(`/todos/${ID}`, reader, { method: 'DELETE' })), [403, FORBIDDEN]);
  const writer = await token('alice', 'todos/write');
  assert.deepEqual(await answer(await curl('/todos', writer)), [403, FORBIDDEN]);

  const alice = await token('alice', 'todos/read todos/write');
  const bob = await token('bob', 'todos/read todos/write');
  assert.deepEqual(await answer(await postTodo(alice, { id: ID, description: 'Buy Milk', priority: 'normal', dueDate: '2022-01-27' })), [204, '']);
  assert.deepEqual(await answer(await curl('/todos', alice)), [200, `[{"id":"${ID}","dueDate":"2022-01-27","description":"Buy Milk","priority":"normal"}]`]);
  assert.deepEqual(await answer(await curl('/todos', bob)), [200, '[]']);
  assert.deepEqual(await answer(await curl(`/todos/${ID}`, alice, { method: 'DELETE' })), [204, '']);
  assert.deepEqual(await answer(await curl('/todos', alice)), [200, '[]']);
});
