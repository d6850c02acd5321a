/**
 * AUTH-20..24: a route behind a JWT authorizer. The token is read from the identity source (AUTH-21), verified in
 * AUTH-22's order against the issuer's keys, the route's scopes checked (AUTH-23), and the claims handed to the
 * integration event (AUTH-24).
 */
import { bearerToken, hasRouteScope, type JwtIssuers, jwtAuthorizerContext, tokenScopes, verifyJwt } from '../auth/jwt/index.ts';
import type { Clock } from '../internal/clock.ts';
import type { Log } from '../internal/log.ts';
import type { HttpJwtAuthorizerModel, HttpRouteModel } from '../model/types.ts';
import type { AuthorizationVerdict, RouteAuthorization } from './authorization.ts';
import type { HttpRequestFacts } from './request.ts';
import { GATEWAY_RESPONSES } from './responses.ts';

export interface JwtAuthorizationOptions {
  authorizer: HttpJwtAuthorizerModel;
  route: HttpRouteModel;
  issuers: JwtIssuers;
  clock: Clock;
  log: Log;
}

type ReadSource = (facts: HttpRequestFacts) => string | undefined;

/** AUTH-20: the one identity source, `$request.header.<Name>` or `$request.querystring.<name>` (the model checked its form). */
function sourceReader(identitySource: string): ReadSource {
  const header = /^\$request\.header\.(.+)$/.exec(identitySource)?.[1];
  if (header !== undefined) {
    const name = header.toLowerCase();
    return (facts) => {
      // UNVERIFIED: a repeated header reads its last value, as AUTH-2 does for WebSocket authorizers.
      let found: string | undefined;
      for (let i = 0; i + 1 < facts.rawHeaders.length; i += 2) {
        if ((facts.rawHeaders[i] as string).toLowerCase() === name) found = facts.rawHeaders[i + 1];
      }
      return found;
    };
  }
  const parameter = identitySource.slice('$request.querystring.'.length);
  return (facts) => (facts.rawQuery === '' ? undefined : (new URLSearchParams(facts.rawQuery).get(parameter) ?? undefined));
}

export function jwtAuthorization(options: JwtAuthorizationOptions): RouteAuthorization {
  const { authorizer, route, clock, log } = options;
  const readToken = sourceReader(authorizer.identitySource[0] as string);
  const issuer = options.issuers.trusted(authorizer.jwtConfiguration.issuer);
  const audience = authorizer.jwtConfiguration.audience;
  const routeScopes = route.authorizationScopes;

  async function authorize({ facts }: { facts: HttpRequestFacts }): Promise<AuthorizationVerdict> {
    // AUTH-21: no token, no verification.
    const token = bearerToken(readToken(facts));
    if (token === undefined) return { kind: 'deny', response: GATEWAY_RESPONSES.missingToken() };
    const verdict = await verifyJwt(token, { issuer: issuer.url(), audience, keys: issuer.keys, nowMs: clock.now() });
    if (!verdict.ok) {
      if (verdict.detail) log.warn(`request ${facts.requestId}: JWT authorizer ${authorizer.name}: ${verdict.detail}`);
      return { kind: 'deny', response: GATEWAY_RESPONSES.invalidToken(verdict.reason) };
    }
    const { claims } = verdict;
    // AUTH-23: a route without scopes accepts any valid token.
    if (routeScopes !== undefined && !hasRouteScope(tokenScopes(claims), routeScopes)) return { kind: 'deny', response: GATEWAY_RESPONSES.forbidden() };
    return { kind: 'allow', authorizer: (payloadFormatVersion) => jwtAuthorizerContext(claims, routeScopes, payloadFormatVersion) };
  }

  return { authorize };
}
