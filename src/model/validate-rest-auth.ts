/** REST-40..45: a REST API's Lambda authorizers and what each method names. */
import { type Checker, describe, type Fields } from './checker.ts';

/** REST-40: a TOKEN authorizer reads one header. */
const TOKEN_SOURCE = /^method\.request\.header\.[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
/** REST-42: what a REQUEST authorizer's identity sources can read. */
const REQUEST_SOURCE =
  /^(method\.request\.header\.[A-Za-z0-9!#$%&'*+.^_`|~-]+|method\.request\.querystring\.[^\s,]+|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)$/;

/** Returns the names methods may give as `authorizerId`. */
export function checkRestAuthorizers(check: Checker, authorizers: unknown, path: string, functionNames: ReadonlySet<string>): ReadonlySet<string> {
  const names = new Set<string>();
  if (authorizers === undefined) return names;
  check.eachObject(authorizers, path, (authorizer, at) => {
    if (check.string(authorizer.name, `${at}.name`, /^.{1,128}$/, 'an authorizer name of 1-128 characters')) {
      check.unique(names, authorizer.name, `${at}.name`, 'authorizer name');
    }
    if (check.string(authorizer.function, `${at}.function`) && !functionNames.has(authorizer.function)) {
      check.fail(`${at}.function`, `expected the name of a function of this service, "${authorizer.function}" is not defined`);
    }
    check.number(authorizer.authorizerResultTtlInSeconds, `${at}.authorizerResultTtlInSeconds`, 0, 3600, 'seconds');
    if (authorizer.type === 'TOKEN') checkTokenAuthorizer(check, authorizer, at);
    else if (authorizer.type === 'REQUEST') checkRequestAuthorizer(check, authorizer, at);
    else check.fail(`${at}.type`, `expected "TOKEN" or "REQUEST" (REST-40), got ${describe(authorizer.type)}`);
  });
  return names;
}

function checkTokenAuthorizer(check: Checker, authorizer: Fields, at: string): void {
  const expected = 'one "method.request.header.<Name>" (REST-40)';
  if (check.stringArray(authorizer.identitySource, `${at}.identitySource`, TOKEN_SOURCE, expected) && authorizer.identitySource.length !== 1) {
    check.fail(`${at}.identitySource`, `expected ${expected}, got ${authorizer.identitySource.length} sources`);
  }
  const expression = authorizer.identityValidationExpression;
  if (expression === undefined || !check.string(expression, `${at}.identityValidationExpression`)) return;
  try {
    new RegExp(expression, 'u');
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

/** A method's authorization names an authorizer of its API. */
export function checkRestMethodAuthorization(check: Checker, method: Fields, path: string, authorizers: ReadonlySet<string>): void {
  const { authorizationType, authorizerId } = method;
  if (authorizationType === undefined && authorizerId === undefined) return;
  if (authorizationType !== undefined && authorizationType !== 'NONE' && authorizationType !== 'CUSTOM') {
    check.fail(`${path}.authorizationType`, `expected "NONE" or "CUSTOM", got ${describe(authorizationType)}`);
    return;
  }
  if (authorizationType === 'CUSTOM') {
    if (typeof authorizerId !== 'string' || !authorizers.has(authorizerId)) {
      check.fail(`${path}.authorizerId`, `expected the name of one of the API's authorizers, got ${describe(authorizerId)}`);
    }
  } else if (authorizerId !== undefined) {
    check.fail(`${path}.authorizerId`, `expected no authorizerId with authorization ${describe(authorizationType ?? 'NONE')}, got ${describe(authorizerId)}`);
  }
}
