/** REST-40..49: a REST API's Lambda and Cognito authorizers and each method's authorization. */
import { LOCAL_ISSUER } from '../auth/local-issuer/marker.ts';
import { type Checker, describe, type Fields } from './checker.ts';

/** REST-46: `arn:aws:cognito-idp:{region}:{account}:userpool/{userPoolId}`. */
const USER_POOL_ARN = /^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[\w-]+$/;
/** REST-46: AWS's limit on one authorizer's user pools. */
const MAX_USER_POOLS = 1000;

const AUTHORIZATION_TYPES = ['NONE', 'CUSTOM', 'COGNITO_USER_POOLS', 'AWS_IAM'];

/** What a method's `authorizationType` must be to name an authorizer of each type. */
type AuthorizerKind = 'CUSTOM' | 'COGNITO_USER_POOLS';

/** REST-40: a TOKEN authorizer reads one header. */
const TOKEN_SOURCE = /^method\.request\.header\.[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
/** REST-42: what a REQUEST authorizer's identity sources can read. */
const REQUEST_SOURCE =
  /^(method\.request\.header\.[A-Za-z0-9!#$%&'*+.^_`|~-]+|method\.request\.querystring\.[^\s,]+|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)$/;

/** Returns each authorizer's kind by name, for methods' `authorizerId` to be checked against. */
export function checkRestAuthorizers(
  check: Checker,
  authorizers: unknown,
  path: string,
  functionNames: ReadonlySet<string>,
): ReadonlyMap<string, AuthorizerKind> {
  const kinds = new Map<string, AuthorizerKind>();
  if (authorizers === undefined) return kinds;
  const names = new Set<string>();
  check.eachObject(authorizers, path, (authorizer, at) => {
    if (check.string(authorizer.name, `${at}.name`, /^.{1,128}$/, 'an authorizer name of 1-128 characters')) {
      check.unique(names, authorizer.name, `${at}.name`, 'authorizer name');
      kinds.set(authorizer.name, authorizer.type === 'COGNITO_USER_POOLS' ? 'COGNITO_USER_POOLS' : 'CUSTOM');
    }
    if (authorizer.type === 'COGNITO_USER_POOLS') {
      checkCognitoAuthorizer(check, authorizer, at);
      return;
    }
    if (check.string(authorizer.function, `${at}.function`) && !functionNames.has(authorizer.function)) {
      check.fail(`${at}.function`, `expected the name of a function of this service, "${authorizer.function}" is not defined`);
    }
    check.number(authorizer.authorizerResultTtlInSeconds, `${at}.authorizerResultTtlInSeconds`, 0, 3600, 'seconds');
    if (authorizer.type === 'TOKEN') checkTokenAuthorizer(check, authorizer, at);
    else if (authorizer.type === 'REQUEST') checkRequestAuthorizer(check, authorizer, at);
    else check.fail(`${at}.type`, `expected "TOKEN", "REQUEST" or "COGNITO_USER_POOLS" (REST-40, REST-46), got ${describe(authorizer.type)}`);
  });
  return kinds;
}

function checkCognitoAuthorizer(check: Checker, authorizer: Fields, at: string): void {
  const expected = `a user pool ARN such as "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc", or "${LOCAL_ISSUER}" (localIssuer) for the gateway's own`;
  const arns = authorizer.providerARNs;
  if (check.isArray(arns, `${at}.providerARNs`)) {
    if (arns.length === 0 || arns.length > MAX_USER_POOLS)
      check.fail(`${at}.providerARNs`, `expected 1-${MAX_USER_POOLS} user pools (REST-46), got ${arns.length}`);
    arns.forEach((arn, i) => {
      if (arn !== LOCAL_ISSUER && (typeof arn !== 'string' || !USER_POOL_ARN.test(arn)))
        check.fail(`${at}.providerARNs[${i}]`, `expected ${expected}, got ${describe(arn)}`);
    });
  }
  checkHeaderSource(check, authorizer, at, 'REST-46');
  checkExpression(check, authorizer, at);
}

function checkHeaderSource(check: Checker, authorizer: Fields, at: string, rule: string): void {
  const expected = `one "method.request.header.<Name>" (${rule})`;
  if (check.stringArray(authorizer.identitySource, `${at}.identitySource`, TOKEN_SOURCE, expected) && authorizer.identitySource.length !== 1) {
    check.fail(`${at}.identitySource`, `expected ${expected}, got ${authorizer.identitySource.length} sources`);
  }
}

function checkTokenAuthorizer(check: Checker, authorizer: Fields, at: string): void {
  checkHeaderSource(check, authorizer, at, 'REST-40');
  checkExpression(check, authorizer, at);
}

function checkExpression(check: Checker, authorizer: Fields, at: string): void {
  const expression = authorizer.identityValidationExpression;
  if (expression === undefined || !check.string(expression, `${at}.identityValidationExpression`)) return;
  try {
    new RegExp(expression);
  } catch (error) {
    check.fail(`${at}.identityValidationExpression`, `expected a regular expression (REST-41): ${(error as Error).message}`);
  }
}

function checkRequestAuthorizer(check: Checker, authorizer: Fields, at: string): void {
  const expected = '"method.request.header.<Name>", "method.request.querystring.<name>", "context.<variable>" or "stageVariables.<name>" (REST-42)';
  if (!check.stringArray(authorizer.identitySource, `${at}.identitySource`, REQUEST_SOURCE, expected)) return;
  // REST-44: the cache is keyed by the sources' values, so caching needs at least one.
  if (authorizer.identitySource.length === 0 && typeof authorizer.authorizerResultTtlInSeconds === 'number' && authorizer.authorizerResultTtlInSeconds > 0) {
    check.fail(`${at}.identitySource`, 'expected at least one identity source when results are cached (REST-44), or authorizerResultTtlInSeconds 0');
  }
  if (authorizer.identityValidationExpression !== undefined) {
    check.fail(`${at}.identityValidationExpression`, 'expected no identityValidationExpression on a REQUEST authorizer (REST-41: TOKEN only)');
  }
}

/** A method's authorization names an authorizer of its API and of its type; scopes go with Cognito only. */
export function checkRestMethodAuthorization(check: Checker, method: Fields, path: string, authorizers: ReadonlyMap<string, AuthorizerKind>): void {
  const { authorizationType, authorizerId, authorizationScopes } = method;
  if (authorizationType === undefined && authorizerId === undefined && authorizationScopes === undefined) return;
  if (authorizationType !== undefined && !AUTHORIZATION_TYPES.includes(authorizationType as string)) {
    check.fail(`${path}.authorizationType`, `expected "NONE", "CUSTOM", "COGNITO_USER_POOLS" or "AWS_IAM", got ${describe(authorizationType)}`);
    return;
  }
  if (authorizationType === 'CUSTOM' || authorizationType === 'COGNITO_USER_POOLS') {
    if (typeof authorizerId !== 'string' || authorizers.get(authorizerId) !== authorizationType) {
      const kind = authorizationType === 'CUSTOM' ? 'a Lambda (TOKEN or REQUEST) authorizer' : 'a COGNITO_USER_POOLS authorizer';
      check.fail(`${path}.authorizerId`, `expected the name of ${kind} of this API, got ${describe(authorizerId)}`);
    }
  } else if (authorizerId !== undefined) {
    check.fail(`${path}.authorizerId`, `expected no authorizerId with authorization ${describe(authorizationType ?? 'NONE')}, got ${describe(authorizerId)}`);
  }
  if (authorizationScopes === undefined) return;
  if (authorizationType !== 'COGNITO_USER_POOLS') {
    check.fail(`${path}.authorizationScopes`, 'expected no authorizationScopes without a COGNITO_USER_POOLS authorizer (REST-47)');
  } else check.stringArray(authorizationScopes, `${path}.authorizationScopes`, /^\S+$/, 'a scope without spaces');
}
