/** The short phrases node details are made of, worded once so every API kind says a fact the same way. */
import type { ThrottlingModel } from '../model/index.ts';

export function throttlePhrase(throttling: ThrottlingModel | undefined): string[] {
  return throttling ? [`throttle ${throttling.rateLimit}/s, burst ${throttling.burstLimit}`] : [];
}

export function variablesPhrase(variables: Record<string, string>): string[] {
  const names = Object.keys(variables);
  return names.length > 0 ? [`stage variables ${names.map((name) => `${name}=${variables[name]}`).join(', ')}`] : [];
}

export function timeoutPhrase(integrationTimeoutMs: number): string {
  return `timeout ${integrationTimeoutMs} ms`;
}

/** A route's authorization; with an authorizer, the edge to it says which. */
export function authorizationPhrase(authorizationType: string | undefined, scopes: readonly string[] | undefined): string[] {
  if (authorizationType === undefined || authorizationType === 'NONE') return [];
  const scoped = scopes && scopes.length > 0 ? ` scopes ${scopes.join(' ')}` : '';
  return [`auth ${authorizationType}${scoped}`];
}

export function listPhrase(name: string, values: readonly string[] | undefined): string[] {
  return values && values.length > 0 ? [`${name} ${values.join(', ')}`] : [];
}

export function flagPhrase(phrase: string, on: boolean | undefined): string[] {
  return on === true ? [phrase] : [];
}

/** Which routes name an authorizer: read in its box without following every edge. */
export function usedByPhrase(routes: readonly string[]): string {
  return routes.length > 0 ? `used by ${routes.join(', ')}` : 'used by no route';
}
