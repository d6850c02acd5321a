/** AUTH-20, AUTH-30, AUTH-40: an HTTP API's authorizers and what each route names. */
import { LOCAL_ISSUER } from '../auth/local-issuer/marker.ts';
import { type Checker, describe, type Fields } from './checker.ts';

/** AUTH-20: a JWT authorizer reads one header or query string parameter. */
const JWT_IDENTITY_SOURCE = /^\$request\.(header\.[A-Za-z0-9!#$%&'*+.^_`|~-]+|querystring\.[^\s]+)$/;
/** AUTH-30: what a Lambda authorizer's identity sources can read. */
const LAMBDA_IDENTITY_SOURCE =
  /^\$(request\.header\.[A-Za-z0-9!#$%&'*+.^_`|~-]+|request\.querystring\.[^\s]+|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)$/;
const MAX_AUDIENCES = 50;
const MAX_SCOPES = 10;

/** Returns each authorizer's type by name, for the routes to be checked against. */
export function checkHttpAuthorizers(
  check: Checker,
  authorizers: unknown,
  path: string,
  functionNames: ReadonlySet<string>,
): ReadonlyMap<string, 'JWT' | 'REQUEST'> {
  const types = new Map<string, 'JWT' | 'REQUEST'>();
  if (authorizers === undefined) return types;
  const names = new Set<string>();
  check.eachObject(authorizers, path, (authorizer, at) => {
    if (check.string(authorizer.name, `${at}.name`, /^.{1,128}$/, 'an authorizer name of 1-128 characters')) {
      check.unique(names, authorizer.name, `${at}.name`, 'authorizer name');
    }
    if (authorizer.authorizerType === 'JWT') checkJwtAuthorizer(check, authorizer, at);
    else if (authorizer.authorizerType === 'REQUEST') checkLambdaAuthorizer(check, authorizer, at, functionNames);
    else {
      check.fail(`${at}.authorizerType`, `expected "JWT" or "REQUEST", got ${describe(authorizer.authorizerType)}`);
      return;
    }
    if (typeof authorizer.name === 'string') types.set(authorizer.name, authorizer.authorizerType);
  });
  return types;
}

function checkJwtAuthorizer(check: Checker, authorizer: Fields, at: string): void {
  const expected = 'one "$request.header.<Name>" or "$request.querystring.<name>" (AUTH-20)';
  if (check.stringArray(authorizer.identitySource, `${at}.identitySource`, JWT_IDENTITY_SOURCE, expected) && authorizer.identitySource.length !== 1) {
    check.fail(`${at}.identitySource`, `expected ${expected}, got ${authorizer.identitySource.length} sources`);
  }
  const configuration = authorizer.jwtConfiguration;
  if (!check.isObject(configuration, `${at}.jwtConfiguration`)) return;
  if (configuration.issuer !== LOCAL_ISSUER) {
    check.string(
      configuration.issuer,
      `${at}.jwtConfiguration.issuer`,
      /^https?:\/\/\S+$/,
      `an issuer URL such as "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc", or "${LOCAL_ISSUER}" (localIssuer) for the gateway's own`,
    );
  }
  if (check.stringArray(configuration.audience, `${at}.jwtConfiguration.audience`, /^.+$/, 'a non-empty audience')) {
    const count = configuration.audience.length;
    if (count === 0 || count > MAX_AUDIENCES) check.fail(`${at}.jwtConfiguration.audience`, `expected 1-${MAX_AUDIENCES} audiences (AUTH-20), got ${count}`);
  }
}

function checkLambdaAuthorizer(check: Checker, authorizer: Fields, at: string, functionNames: ReadonlySet<string>): void {
  if (check.string(authorizer.function, `${at}.function`) && !functionNames.has(authorizer.function)) {
    check.fail(`${at}.function`, `expected the name of a function of this service, "${authorizer.function}" is not defined`);
  }
  const version = authorizer.authorizerPayloadFormatVersion;
  if (version !== '1.0' && version !== '2.0') check.fail(`${at}.authorizerPayloadFormatVersion`, `expected "1.0" or "2.0", got ${describe(version)}`);
  if (typeof authorizer.enableSimpleResponses !== 'boolean') {
    check.fail(`${at}.enableSimpleResponses`, `expected true or false, got ${describe(authorizer.enableSimpleResponses)}`);
  } else if (authorizer.enableSimpleResponses && version === '1.0') {
    check.fail(`${at}.enableSimpleResponses`, 'expected false with payload format "1.0": simple responses are a 2.0 feature (AUTH-30)');
  }
  const expected = '"$request.header.<Name>", "$request.querystring.<name>", "$context.<variable>" or "$stageVariables.<name>" (AUTH-30)';
  check.stringArray(authorizer.identitySource, `${at}.identitySource`, LAMBDA_IDENTITY_SOURCE, expected);
  check.number(authorizer.authorizerResultTtlInSeconds, `${at}.authorizerResultTtlInSeconds`, 0, 3600, 'seconds');
}

/** A route's authorization names an authorizer of its type; scopes go with JWT only. */
export function checkHttpRouteAuthorization(check: Checker, route: Fields, path: string, authorizers: ReadonlyMap<string, 'JWT' | 'REQUEST'>): void {
  const { authorizationType, authorizerId, authorizationScopes } = route;
  if (authorizationType === undefined && authorizerId === undefined && authorizationScopes === undefined) return;
  const types = ['NONE', 'JWT', 'CUSTOM', 'AWS_IAM'];
  if (authorizationType !== undefined && !types.includes(authorizationType as string)) {
    check.fail(`${path}.authorizationType`, `expected "NONE", "JWT", "CUSTOM" or "AWS_IAM", got ${describe(authorizationType)}`);
    return;
  }
  if (authorizationType === 'JWT' || authorizationType === 'CUSTOM') {
    const wanted = authorizationType === 'JWT' ? 'JWT' : 'REQUEST';
    const actual = typeof authorizerId === 'string' ? authorizers.get(authorizerId) : undefined;
    if (actual !== wanted) {
      const kind = wanted === 'JWT' ? 'a JWT authorizer' : 'a Lambda (REQUEST) authorizer';
      check.fail(`${path}.authorizerId`, `expected the name of ${kind} of this API, got ${describe(authorizerId)}`);
    }
  } else if (authorizerId !== undefined) {
    check.fail(`${path}.authorizerId`, `expected no authorizerId with authorization ${describe(authorizationType ?? 'NONE')}, got ${describe(authorizerId)}`);
  }
  if (authorizationScopes === undefined) return;
  if (authorizationType !== 'JWT') {
    check.fail(`${path}.authorizationScopes`, 'expected no authorizationScopes without a JWT authorizer (AUTH-23)');
  } else if (
    check.stringArray(authorizationScopes, `${path}.authorizationScopes`, /^\S+$/, 'a scope without spaces') &&
    authorizationScopes.length > MAX_SCOPES
  ) {
    check.fail(`${path}.authorizationScopes`, `expected at most ${MAX_SCOPES} scopes (AUTH-20), got ${authorizationScopes.length}`);
  }
}
