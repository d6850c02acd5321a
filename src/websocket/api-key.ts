/** AUTH-8: the API key check on `$connect`, built once per API and only when `$connect` requires a key. */
import { createHash } from 'node:crypto';
import type { ApiKeyModel, WebSocketApiModel, WebSocketRouteModel } from '../model/types.ts';
import type { UpgradeFacts } from './upgrade.ts';

/** A key as API Gateway issued it: what the client sends and the key's id. */
export interface IssuedApiKey {
  name: string;
  value: string;
  /** Like AWS's key ids: 10 lowercase alphanumerics, stable for the service and key name. */
  id: string;
}

/** What an authorizer returned, as far as the key check reads it (AUTH-4). */
export interface AuthorizerKeySource {
  usageIdentifierKey?: unknown;
}

/** The key a client presented, or `undefined` when it is missing or unknown (⇒ 403). */
export type ApiKeyGate = (headers: UpgradeFacts['headers'], authorizer: AuthorizerKeySource | undefined) => IssuedApiKey | undefined;

export function apiKeyIdFor(serviceName: string, keyName: string): string {
  const digest = createHash('sha256').update(`api-key\0${serviceName}\0${keyName}`).digest();
  let id = '';
  for (let i = 0; id.length < 10; i++) id += ((digest[i] as number) % 36).toString(36);
  return id;
}

export function issueApiKeys(serviceName: string, keys: readonly ApiKeyModel[] | undefined): IssuedApiKey[] {
  return (keys ?? []).map((key) => ({ name: key.name, value: key.value, id: apiKeyIdFor(serviceName, key.name) }));
}

/** `undefined` when the route does not require a key: such an API pays nothing per upgrade. */
export function apiKeyGate(api: WebSocketApiModel, connectRoute: WebSocketRouteModel | undefined, keys: readonly IssuedApiKey[]): ApiKeyGate | undefined {
  if (!connectRoute?.apiKeyRequired) return undefined;
  const byValue = new Map(keys.map((key) => [key.value, key]));
  if (api.apiKeySelectionExpression === '$context.authorizer.usageIdentifierKey') {
    // Without an authorizer result there is no key, so the client is refused.
    return (_headers, authorizer) => {
      const value = authorizer?.usageIdentifierKey;
      return typeof value === 'string' ? byValue.get(value) : undefined;
    };
  }
  return (headers) => {
    // Node lower-cases header names: `X-Api-Key` and `x-api-key` are the same header.
    const value = headers['x-api-key'];
    return typeof value === 'string' ? byValue.get(value) : undefined;
  };
}
