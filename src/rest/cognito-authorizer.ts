/**
 * REST-46..48: a method behind a Cognito user pool authorizer. The token is read from the identity source, verified
 * against the pools' keys (AUTH-22's checks, without the audience), its kind and scopes checked against the method's
 * (REST-47), and its claims handed to the integration as strings (REST-48). Every refusal is 401 UNAUTHORIZED.
 */
import { decodeJwt } from 'jose';
import { type JwtClaims, type JwtIssuers, type TrustedIssuer, tokenScopes, verifyJwt } from '../auth/jwt/index.ts';
import { LOCAL_ISSUER } from '../auth/local-issuer/index.ts';
import type { Clock } from '../internal/clock.ts';
import type { Log } from '../internal/log.ts';
import type { RestCognitoAuthorizerModel } from '../model/types.ts';
import { lastHeader, type RestAuthorizationRequest, type RestAuthorizationVerdict, type RestMethodAuthorizer, UNAUTHORIZED } from './authorization.ts';
import { restClaims } from './cognito-claims.ts';

export interface CognitoAuthorizerOptions {
  model: RestCognitoAuthorizerModel;
  /** REST-47: the method's `authorizationScopes`; absent or empty: an id token is required. */
  scopes: readonly string[] | undefined;
  issuers: JwtIssuers;
  clock: Clock;
  log: Log;
}

/** REST-46: `arn:aws:cognito-idp:{region}:{account}:userpool/{userPoolId}`. */
const USER_POOL_ARN = /^arn:aws[a-z-]*:cognito-idp:([a-z0-9-]+):\d{12}:userpool\/([\w-]+)$/;

/** The issuer URL of a user pool ARN (or the local issuer's marker, passed through). */
export function userPoolIssuer(providerArn: string): string {
  if (providerArn === LOCAL_ISSUER) return LOCAL_ISSUER;
  const [, region, poolId] = USER_POOL_ARN.exec(providerArn) as RegExpExecArray;
  return `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
}

export function cognitoAuthorizer(options: CognitoAuthorizerOptions): RestMethodAuthorizer {
  const { model, clock, log } = options;
  const header = (model.identitySource[0] as string).slice('method.request.header.'.length).toLowerCase();
  const pools: TrustedIssuer[] = model.providerARNs.map((arn) => options.issuers.trusted(userPoolIssuer(arn)));
  const scopes = options.scopes && options.scopes.length > 0 ? options.scopes : undefined;
  // UNVERIFIED: the whole `aud` must match, as REST-41's expression matches a whole token.
  const audience = model.identityValidationExpression === undefined ? undefined : new RegExp(`^(?:${model.identityValidationExpression})$`);

  async function authorize(request: RestAuthorizationRequest): Promise<RestAuthorizationVerdict> {
    const value = lastHeader(request.rawHeaders, header);
    if (value === undefined || value === '') return UNAUTHORIZED;
    // UNVERIFIED: a `Bearer ` prefix is accepted (clients send one), the bare token too (as AWS's guide shows).
    const token = value.startsWith('Bearer ') ? value.slice('Bearer '.length) : value;
    let issuer: string | undefined;
    try {
      const { iss } = decodeJwt(token);
      issuer = typeof iss === 'string' ? iss : undefined;
    } catch {
      return refuse(request, 'the token is malformed');
    }
    // REST-46: the token's issuer is one of the authorizer's pools.
    const pool = pools.find((candidate) => candidate.url() === issuer);
    if (pool === undefined) return refuse(request, `the token's issuer ${JSON.stringify(issuer)} is not one of the authorizer's user pools`);
    const verdict = await verifyJwt(token, { issuer: pool.url(), keys: pool.keys, nowMs: clock.now() });
    if (!verdict.ok) return refuse(request, verdict.detail ? `${verdict.reason}: ${verdict.detail}` : verdict.reason);
    const { claims } = verdict;
    if (audience && !audiences(claims).some((aud) => audience.test(aud))) return refuse(request, 'the token has no aud the validation expression matches');
    const problem = kindProblem(claims, scopes);
    if (problem) return refuse(request, problem);
    return { kind: 'allow', context: { claims: restClaims(claims) }, usageIdentifierKey: undefined };
  }

  function refuse(request: RestAuthorizationRequest, problem: string): RestAuthorizationVerdict {
    log.info(`Cognito authorizer "${model.name}", request ${request.requestId}: ${problem}`);
    return UNAUTHORIZED;
  }

  return { authorize };
}

function audiences(claims: JwtClaims): string[] {
  const { aud } = claims;
  return (Array.isArray(aud) ? aud : [aud]).filter((value): value is string => typeof value === 'string');
}

/**
 * REST-47: a method with scopes takes access tokens carrying one of them; a method without takes id tokens. DIFF: a
 * token without `token_use` (the local issuer's, unless `--claim token_use=…`) counts as either kind.
 */
function kindProblem(claims: JwtClaims, scopes: readonly string[] | undefined): string | undefined {
  const use = claims.token_use;
  if (scopes === undefined) return use === undefined || use === 'id' ? undefined : 'the method takes id tokens (it lists no scopes)';
  if (use !== undefined && use !== 'access') return 'the method lists scopes, so it takes access tokens';
  const carried = tokenScopes(claims);
  return scopes.some((scope) => carried.includes(scope)) ? undefined : "the token carries none of the method's scopes";
}
