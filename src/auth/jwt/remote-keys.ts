/**
 * AUTH-22 step 2: an issuer's keys through `{issuer}/.well-known/openid-configuration` → `jwks_uri`, fetched with
 * the global fetch, each fetch cut off after 1,500 ms on the gateway's clock and each document limited to 150,000
 * bytes, then cached for an hour as API Gateway does; a token naming an unknown `kid` refetches the set, at most
 * once a minute.
 */
import type { Clock } from '../../internal/clock.ts';
import { findKey, type JsonWebKeySet, type KeyLookup, type KeySource } from './keys.ts';

/** AUTH-22: API Gateway's limits on fetching an issuer's keys. */
export const JWKS_FETCH_TIMEOUT_MS = 1_500;
export const JWKS_MAX_BYTES = 150_000;
/** "API Gateway caches each issuer's signing keys for up to 1 hour" (developer guide, rest-api-jwt-authorizer-keys). */
export const JWKS_CACHE_TTL_MS = 3_600_000;
/** UNVERIFIED: how often an unknown `kid` may trigger a refetch; AWS documents the refetch, not its rate. */
export const JWKS_REFETCH_INTERVAL_MS = 60_000;

export interface RemoteKeySourceOptions {
  /** The issuer URL as configured. */
  issuer: string;
  clock: Clock;
  /** @default the global fetch */
  fetch?: typeof fetch;
}

class FetchFailure extends Error {}

/** Reads at most `maxBytes` of a response's body; past that the fetch is aborted. */
async function readLimited(response: Response, maxBytes: number, controller: AbortController): Promise<string> {
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  if (length > maxBytes) throw new FetchFailure(`larger than ${maxBytes} bytes`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        controller.abort();
        throw new FetchFailure(`larger than ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function fetchJson(url: string, clock: Clock, fetchImpl: typeof fetch): Promise<unknown> {
  const controller = new AbortController();
  const timer = clock.setTimer(JWKS_FETCH_TIMEOUT_MS, () => controller.abort());
  try {
    const response = await fetchImpl(url, { signal: controller.signal, headers: { accept: 'application/json' }, redirect: 'follow' });
    if (!response.ok) {
      await response.body?.cancel();
      throw new FetchFailure(`answered ${response.status}`);
    }
    const text = await readLimited(response, JWKS_MAX_BYTES, controller);
    try {
      return JSON.parse(text);
    } catch {
      throw new FetchFailure('is not JSON');
    }
  } catch (error) {
    if (error instanceof FetchFailure) throw new FetchFailure(`${url} ${error.message}`);
    if (controller.signal.aborted) throw new FetchFailure(`${url} did not answer within ${JWKS_FETCH_TIMEOUT_MS} ms`);
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new FetchFailure(`${url} could not be fetched: ${cause ?? (error as Error).message}`);
  } finally {
    timer.cancel();
  }
}

function isKeySet(value: unknown): value is JsonWebKeySet {
  return typeof value === 'object' && value !== null && Array.isArray((value as JsonWebKeySet).keys);
}

/** The discovery document's `jwks_uri`, then the key set it names. */
async function fetchKeySet(issuer: string, clock: Clock, fetchImpl: typeof fetch): Promise<JsonWebKeySet> {
  const discoveryUrl = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const discovery = await fetchJson(discoveryUrl, clock, fetchImpl);
  const jwksUri = (discovery as { jwks_uri?: unknown } | null)?.jwks_uri;
  if (typeof jwksUri !== 'string') throw new FetchFailure(`${discoveryUrl} has no jwks_uri`);
  const set = await fetchJson(jwksUri, clock, fetchImpl);
  if (!isKeySet(set)) throw new FetchFailure(`${jwksUri} is not a JSON Web Key Set`);
  return set;
}

export function remoteKeySource(options: RemoteKeySourceOptions): KeySource {
  const { issuer, clock } = options;
  const fetchImpl = options.fetch ?? fetch;
  let cached: { set: JsonWebKeySet; fetchedAtMs: number } | undefined;
  // Requests that find the cache cold or stale share one fetch.
  let inFlight: Promise<JsonWebKeySet> | undefined;

  function refresh(): Promise<JsonWebKeySet> {
    inFlight ??= fetchKeySet(issuer, clock, fetchImpl)
      .then((set) => {
        cached = { set, fetchedAtMs: clock.now() };
        return set;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  }

  async function keyFor(kid: string): Promise<KeyLookup> {
    try {
      const now = clock.now();
      if (!cached || now - cached.fetchedAtMs >= JWKS_CACHE_TTL_MS) await refresh();
      const current = cached as { set: JsonWebKeySet; fetchedAtMs: number };
      const key = findKey(current.set, kid);
      if (key) return { kind: 'found', key };
      // A key rotated in since the last fetch: fetch again, but not on every token that names a key nobody has.
      if (clock.now() - current.fetchedAtMs < JWKS_REFETCH_INTERVAL_MS) return { kind: 'unknown-kid' };
      const again = findKey(await refresh(), kid);
      return again ? { kind: 'found', key: again } : { kind: 'unknown-kid' };
    } catch (error) {
      return { kind: 'unavailable', detail: (error as Error).message };
    }
  }

  return { keyFor };
}
