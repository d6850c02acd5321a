/** AUTH-21: the token in an identity source's value, sent bare or as `Bearer <jwt>`. */

/** The scheme, with its space; a value of only `Bearer` (which fetch and proxies trim to) has no token. */
const BEARER = /^Bearer(?: +|$)/i;

/** The token, or undefined when the value is missing or empty. UNVERIFIED: the scheme compares case-insensitively. */
export function bearerToken(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const token = value.replace(BEARER, '').trim();
  return token === '' ? undefined : token;
}
