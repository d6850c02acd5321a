/** AUTH-20: the local issuer's token endpoint (a password grant that signs any user) and its discovery document, in memory. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importJWK, jwtVerify } from 'jose';
import { requestFromFetch, responseToFetch } from '../../internal/edge/fetch.ts';
import type { EdgeHandler } from '../../internal/edge/values.ts';
import { ManualClock } from '../../internal/manual-clock.ts';
import { discoveryDocument, withLocalIssuer } from './documents.ts';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key.ts';

const ISSUER = 'http://127.0.0.1:4102/local-issuer';
const TOKEN_URL = `${ISSUER}/token`;
const SITE = 'http://127.0.0.1:4101';
const NOW_S = Date.UTC(2026, 0, 1) / 1000;

let dir: string;
let key: SigningKey;
let handler: EdgeHandler;
const passedOn: string[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoplite-token-'));
  key = await loadOrCreateSigningKey(dir);
  const next: EdgeHandler = (request) => {
    passedOn.push(`${request.method} ${request.target}`);
    return { statusCode: 404, headers: [], body: Buffer.alloc(0) };
  };
  handler = withLocalIssuer(next, {
    issuer: () => ISSUER,
    keys: { keys: [key.publicJwk] },
    key,
    defaultAudience: 'todo-web',
    allowedOrigins: new Set([SITE, 'http://localhost:4101']),
    isTrustedClient: (address) => address === '127.0.0.1',
    clock: new ManualClock(),
  });
});
after(() => rm(dir, { recursive: true, force: true }));

async function call(url: string, init: RequestInit = {}, remoteAddress = '127.0.0.1'): Promise<Response> {
  const request = new Request(url, init);
  const response = await handler({ ...(await requestFromFetch(request, 4102)), remoteAddress });
  assert.ok(response);
  return responseToFetch(response, request.method);
}

function signIn(form: Record<string, string>, headers: Record<string, string> = { origin: SITE }): Promise<Response> {
  return call(TOKEN_URL, { method: 'POST', headers, body: new URLSearchParams(form) });
}

async function claimsOf(token: string): Promise<Record<string, unknown>> {
  const { payload, protectedHeader } = await jwtVerify(token, await importJWK(key.publicJwk, 'RS256'), { issuer: ISSUER, currentDate: new Date(NOW_S * 1000) });
  assert.deepEqual(protectedHeader, { alg: 'RS256', kid: key.kid, typ: 'JWT' });
  return payload;
}

const headersOf = (response: Response) => Object.fromEntries([...response.headers].filter(([name]) => name !== 'content-length'));

test('AUTH-20 local issuer: POST {issuer}/token signs the user named, with its scopes, for the default audience', async () => {
  const response = await signIn({ grant_type: 'password', username: 'alice', scope: 'todos/read  todos/write' });
  assert.equal(response.status, 200);
  assert.deepEqual(headersOf(response), {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    pragma: 'no-cache',
    'access-control-allow-origin': SITE,
    vary: 'origin',
  });
  const body = (await response.json()) as Record<string, unknown>;
  assert.deepEqual(
    { ...body, access_token: typeof body.access_token },
    {
      access_token: 'string',
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'todos/read todos/write',
    },
  );
  assert.deepEqual(await claimsOf(body.access_token as string), {
    iss: ISSUER,
    sub: 'alice',
    aud: 'todo-web',
    scope: 'todos/read todos/write',
    iat: NOW_S,
    exp: NOW_S + 3600,
  });
});

test('AUTH-20 local issuer: `audience` names the aud; no scope asked, no scope claim; a password is not checked', async () => {
  const response = await signIn({ grant_type: 'password', username: 'bob', password: 'anything', audience: 'todo-cli' });
  const body = (await response.json()) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body), ['access_token', 'token_type', 'expires_in']);
  assert.deepEqual(await claimsOf(body.access_token as string), { iss: ISSUER, sub: 'bob', aud: 'todo-cli', iat: NOW_S, exp: NOW_S + 3600 });
});

test('AUTH-20 local issuer: a token request it cannot grant is 400 with an RFC 6749 error, readable by the site', async () => {
  const cases: Array<[RequestInit, string, string]> = [
    [
      { body: 'username=alice&grant_type=password', headers: { 'content-type': 'text/plain' } },
      'invalid_request',
      'the token request must be application/x-www-form-urlencoded',
    ],
    [
      { body: JSON.stringify({ username: 'alice' }), headers: { 'content-type': 'application/json' } },
      'invalid_request',
      'the token request must be application/x-www-form-urlencoded',
    ],
    [{ body: new URLSearchParams({ username: 'alice' }) }, 'invalid_request', 'grant_type is missing: send grant_type=password'],
    [{ body: new URLSearchParams({ grant_type: 'client_credentials' }) }, 'unsupported_grant_type', 'the local issuer grants "password" only'],
    [{ body: new URLSearchParams({ grant_type: 'password', username: '  ' }) }, 'invalid_request', 'username is missing: it becomes the sub claim'],
    [{ body: new URLSearchParams({ grant_type: 'password', username: 'x'.repeat(17_000) }) }, 'invalid_request', 'the token request is over 16384 bytes'],
  ];
  for (const [init, error, description] of cases) {
    const headers = { origin: SITE, ...(init.headers as Record<string, string> | undefined) };
    const response = await call(TOKEN_URL, { ...init, method: 'POST', headers });
    assert.equal(response.status, 400, description);
    assert.equal(response.headers.get('access-control-allow-origin'), SITE);
    assert.deepEqual(await response.json(), { error, error_description: description });
  }
});

test('AUTH-20 local issuer: a client on another machine gets no token (403) unless the gateway trusts it', async () => {
  const init = { method: 'POST', headers: { origin: SITE }, body: new URLSearchParams({ grant_type: 'password', username: 'alice' }) };
  const refused = await call(TOKEN_URL, init, '203.0.113.9');
  assert.deepEqual(
    [refused.status, refused.headers.get('access-control-allow-origin'), await refused.json()],
    [
      403,
      SITE,
      {
        error: 'access_denied',
        error_description: 'the local issuer signs tokens for clients on this machine only; allowRemoteManagement (--allow-remote) lets other machines in',
      },
    ],
  );
  // Its documents stay public, as an identity provider's are.
  assert.equal((await call(`${ISSUER}/.well-known/jwks.json`, {}, '203.0.113.9')).status, 200);
});

test('AUTH-20 local issuer: only the service sites may read its answers (CORS), by any name the gateway answers for', async () => {
  const other = await signIn({ grant_type: 'password', username: 'alice' }, { origin: 'http://evil.test' });
  assert.equal(other.status, 200);
  assert.deepEqual([other.headers.get('access-control-allow-origin'), other.headers.get('vary')], [null, 'origin']);
  const byName = await signIn({ grant_type: 'password', username: 'alice' }, { origin: 'http://LOCALHOST:4101' });
  assert.equal(byName.headers.get('access-control-allow-origin'), 'http://LOCALHOST:4101');
  const curl = await signIn({ grant_type: 'password', username: 'alice' }, {});
  assert.deepEqual([curl.status, curl.headers.get('access-control-allow-origin')], [200, null]);

  const preflight = await call(TOKEN_URL, { method: 'OPTIONS', headers: { origin: SITE, 'access-control-request-method': 'POST' } });
  assert.deepEqual(
    [preflight.status, headersOf(preflight)],
    [
      204,
      {
        'access-control-allow-origin': SITE,
        vary: 'origin',
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
      },
    ],
  );
  const refused = await call(TOKEN_URL, { method: 'OPTIONS', headers: { origin: 'http://evil.test', 'access-control-request-method': 'POST' } });
  assert.deepEqual([refused.status, headersOf(refused)], [204, { vary: 'origin' }]);
});

test('AUTH-20 local issuer: GET {issuer}/token is 405; the discovery document names the token endpoint; other paths pass on', async () => {
  const get = await call(TOKEN_URL);
  assert.deepEqual(
    [get.status, get.headers.get('allow'), await get.text()],
    [405, 'POST, OPTIONS', '{"error":"invalid_request","error_description":"the token endpoint takes POST"}'],
  );
  const discovery = await call(`${ISSUER}/.well-known/openid-configuration`);
  assert.deepEqual(await discovery.json(), discoveryDocument(ISSUER));
  assert.deepEqual(discoveryDocument(ISSUER), {
    issuer: ISSUER,
    jwks_uri: `${ISSUER}/.well-known/jwks.json`,
    token_endpoint: TOKEN_URL,
    grant_types_supported: ['password'],
    token_endpoint_auth_methods_supported: ['none'],
    response_types_supported: ['token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
  });
  assert.deepEqual(await (await call(`${ISSUER}/.well-known/jwks.json`)).json(), { keys: [key.publicJwk] });
  passedOn.length = 0;
  assert.equal((await call('http://127.0.0.1:4102/2015-03-31/functions/f/invocations', { method: 'POST', body: '{}' })).status, 404);
  assert.equal((await call(`${ISSUER}/.well-known/jwks.json`, { method: 'POST' })).status, 404);
  assert.deepEqual(passedOn, ['POST /2015-03-31/functions/f/invocations', 'POST /local-issuer/.well-known/jwks.json']);
});
