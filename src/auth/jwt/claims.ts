/** AUTH-23, AUTH-24: a verified token's scopes, the route's scope check, and its claims as the integration event shows them. */

export type JwtClaims = Record<string, unknown>;

/** AUTH-24: one claim value as text: numbers in decimal, booleans `true`/`false`, arrays `[a b]`, objects as JSON. */
function claimText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `[${value.map(claimText).join(' ')}]`;
  return JSON.stringify(value);
}

/** AUTH-24: every claim as a string; claims whose value is `null` are left out. */
export function renderClaims(claims: JwtClaims): Record<string, string> {
  const rendered: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === null || value === undefined) continue;
    rendered[name] = claimText(value);
  }
  return rendered;
}

function words(value: unknown): string[] {
  if (typeof value === 'string') return value.split(' ').filter((word) => word !== '');
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/** AUTH-23: the token's scopes: its `scope` claim (space-separated) and its `scp` claim (a string or an array). */
export function tokenScopes(claims: JwtClaims): string[] {
  const scopes = words(claims.scope);
  for (const scope of words(claims.scp)) if (!scopes.includes(scope)) scopes.push(scope);
  return scopes;
}

/** AUTH-23: a route that lists scopes accepts a token carrying at least one of them. */
export function hasRouteScope(tokenScopeList: readonly string[], routeScopes: readonly string[]): boolean {
  return routeScopes.some((scope) => tokenScopeList.includes(scope));
}

/**
 * AUTH-24: `requestContext.authorizer` of the integration event. `scopes` is null when the route lists none;
 * when it does, UNVERIFIED: the token's scopes as an array.
 */
export function jwtAuthorizerContext(
  claims: JwtClaims,
  routeScopes: readonly string[] | undefined,
  payloadFormatVersion: '1.0' | '2.0',
): Record<string, unknown> {
  const context = { claims: renderClaims(claims), scopes: routeScopes === undefined ? null : tokenScopes(claims) };
  return payloadFormatVersion === '2.0' ? { jwt: context } : context;
}
