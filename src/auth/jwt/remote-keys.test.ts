import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../internal/manual-clock.ts';
import { JWKS_MAX_BYTES, remoteKeySource } from './remote-keys.ts';

const ISSUER = 'https://issuer.example.com';
const key = (kid: string) => ({ kty: 'RSA', kid, n: 'n', e: 'AQAB' });

/** A fetch answering the discovery document and the key set of the moment, counting the key set fetches. */
function issuerFetch(current: { keys: unknown[] }) {
  const calls: string[] = [];
  const fake = (async (input: string | URL | Request) => {
    const url = String(input);
    calls.push(url);
    if (url === `${ISSUER}/.well-known/openid-configuration`) return Response.json({ issuer: ISSUER, jwks_uri: `${ISSUER}/keys` });
    if (url === `${ISSUER}/keys`) return Response.json({ keys: [...current.keys] });
    return new Response('no', { status: 404 });
  }) as typeof fetch;
  return { fake, jwksFetches: () => calls.filter((url) => url.endsWith('/keys')).length };
}

describe('AUTH-22 step 2: the issuer keys, fetched and cached', () => {
  test('AUTH-22 discovery then jwks_uri; one fetch for requests that come together; cached for an hour', async () => {
    const clock = new ManualClock();
    const { fake, jwksFetches } = issuerFetch({ keys: [key('a')] });
    const source = remoteKeySource({ issuer: ISSUER, clock, fetch: fake });
    const [first, second] = await Promise.all([source.keyFor('a'), source.keyFor('a')]);
    assert.deepStrictEqual(first, { kind: 'found', key: key('a') });
    assert.deepStrictEqual(second, first);
    assert.equal(jwksFetches(), 1);
    await clock.advance(3_599_999);
    await source.keyFor('a');
    assert.equal(jwksFetches(), 1);
    await clock.advance(1);
    await source.keyFor('a');
    assert.equal(jwksFetches(), 2);
  });

  test('AUTH-22 an unknown kid refetches the set, at most once a minute // spec: unverified', async () => {
    const clock = new ManualClock();
    const current = { keys: [key('a')] };
    const { fake, jwksFetches } = issuerFetch(current);
    const source = remoteKeySource({ issuer: ISSUER, clock, fetch: fake });
    assert.deepStrictEqual(await source.keyFor('b'), { kind: 'unknown-kid' });
    current.keys.push(key('b'));
    assert.deepStrictEqual(await source.keyFor('b'), { kind: 'unknown-kid' });
    assert.equal(jwksFetches(), 1);
    await clock.advance(60_000);
    assert.deepStrictEqual(await source.keyFor('b'), { kind: 'found', key: key('b') });
    assert.equal(jwksFetches(), 2);
  });

  test('AUTH-22 a fetch cut off after 1,500 ms on the clock makes the keys unavailable; the next request tries again', async () => {
    const clock = new ManualClock();
    let hang = true;
    const fake = ((input: string | URL | Request, init?: RequestInit) => {
      if (!hang) return Promise.resolve(Response.json(String(input).endsWith('configuration') ? { jwks_uri: `${ISSUER}/keys` } : { keys: [key('a')] }));
      return new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }) as typeof fetch;
    const source = remoteKeySource({ issuer: ISSUER, clock, fetch: fake });
    const pending = source.keyFor('a');
    await clock.advance(1_499);
    await clock.advance(1);
    assert.deepStrictEqual(await pending, {
      kind: 'unavailable',
      detail: `${ISSUER}/.well-known/openid-configuration did not answer within 1500 ms`,
    });
    hang = false;
    assert.deepStrictEqual(await source.keyFor('a'), { kind: 'found', key: key('a') });
  });

  test('AUTH-22 a key set over 150,000 bytes, declared or streamed, a missing jwks_uri, a failed status', async () => {
    const clock = new ManualClock();
    const big = JSON.stringify({ keys: [{ ...key('a'), x: 'x'.repeat(JWKS_MAX_BYTES) }] });
    const cases: Array<[Response, string]> = [
      [new Response(big, { headers: { 'content-length': String(Buffer.byteLength(big)) } }), `${ISSUER}/keys larger than 150000 bytes`],
      [new Response(new Blob([big]).stream()), `${ISSUER}/keys larger than 150000 bytes`],
      [new Response('{}', { status: 500 }), `${ISSUER}/keys answered 500`],
      [new Response('not json'), `${ISSUER}/keys is not JSON`],
      [Response.json({ nokeys: [] }), `${ISSUER}/keys is not a JSON Web Key Set`],
    ];
    for (const [jwks, detail] of cases) {
      const fake = (async (input: string | URL | Request) =>
        String(input).endsWith('configuration') ? Response.json({ jwks_uri: `${ISSUER}/keys` }) : jwks) as typeof fetch;
      assert.deepStrictEqual(await remoteKeySource({ issuer: ISSUER, clock, fetch: fake }).keyFor('a'), { kind: 'unavailable', detail });
    }
    const noUri = (async () => Response.json({ issuer: ISSUER })) as typeof fetch;
    assert.deepStrictEqual(await remoteKeySource({ issuer: ISSUER, clock, fetch: noUri }).keyFor('a'), {
      kind: 'unavailable',
      detail: `${ISSUER}/.well-known/openid-configuration has no jwks_uri`,
    });
  });
});
