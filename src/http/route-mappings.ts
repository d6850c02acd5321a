/**
 * HTTP-80, HTTP-81: the parameter mappings of an HTTP API's routes, compiled once at start. A route without
 * `requestParameters` or `responseParameters` has no entry, and the map is `undefined` when no route has any, so such
 * routes read, parse and allocate nothing for them.
 */
import { formatClfTime } from '../internal/clock.ts';
import type { GatewayResponse } from '../internal/edge/values.ts';
import type { HttpApiModel, HttpRouteModel } from '../model/types.ts';
import {
  applyRequestMappings,
  applyResponseMappings,
  type CompiledMapping,
  compileMappings,
  compileResponseParameters,
  parseMappedBody,
  type ResponseMappings,
  selectBodyValue,
  type Variable,
  type VariableLookup,
} from '../parameter-mapping/index.ts';
import { type ApiFacts, domainPrefixOf, type HttpRequestFacts, queryEntries } from './request.ts';

export interface RouteMapping {
  request?: readonly CompiledMapping[];
  response?: ResponseMappings;
}

export function routeMappings(api: HttpApiModel): Map<string, RouteMapping> | undefined {
  let mappings: Map<string, RouteMapping> | undefined;
  for (const route of api.routes) {
    if (!route.requestParameters && !route.responseParameters) continue;
    mappings ??= new Map();
    mappings.set(route.key, {
      ...(route.requestParameters ? { request: compileMappings(route.requestParameters, 'request') } : {}),
      ...(route.responseParameters ? { response: compileResponseParameters(route.responseParameters) } : {}),
    });
  }
  return mappings;
}

/** What `$context.*`, `$request.path*` and `$stageVariables.*` read for one request. */
export interface MappingScope {
  facts: HttpRequestFacts;
  api: ApiFacts;
  route: HttpRouteModel;
  pathParameters: Record<string, string> | undefined;
  /** The stage-relative path. */
  path: string;
  /** The route's authorizer output (`claims`, `scopes` of a JWT; a Lambda authorizer's context). */
  authorizer: Record<string, unknown> | undefined;
}

function dig(value: unknown, names: readonly string[]): string | undefined {
  let at = value;
  for (const name of names) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[name];
  }
  if (at === undefined || at === null) return undefined;
  return typeof at === 'string' ? at : typeof at === 'object' ? JSON.stringify(at) : String(at);
}

/** HTTP-80: the `$context` variables of the HTTP API's access-log and mapping reference that a local request has. */
function contextValue(scope: MappingScope, name: string): string | undefined {
  const { facts, api, route } = scope;
  if (name.startsWith('authorizer.')) return dig(scope.authorizer, name.slice('authorizer.'.length).split('.'));
  switch (name) {
    case 'accountId':
      return api.accountId;
    case 'apiId':
      return api.apiId;
    case 'domainName':
      return facts.domainName;
    case 'domainPrefix':
      return domainPrefixOf(facts.domainName);
    case 'httpMethod':
      return facts.method;
    case 'path':
      return facts.rawPath;
    case 'protocol':
      return 'HTTP/1.1';
    case 'requestId':
    case 'extendedRequestId':
      return facts.requestId;
    case 'requestTime':
      return formatClfTime(facts.timeEpoch);
    case 'requestTimeEpoch':
      return String(facts.timeEpoch);
    case 'routeKey':
      return route.key;
    case 'stage':
      return api.stage;
    case 'identity.sourceIp':
      return facts.sourceIp;
    case 'identity.userAgent':
      return headerOf(facts.rawHeaders, 'user-agent');
    default:
      return undefined;
  }
}

/** HTTP-80: a header's values case-insensitively, repeated ones joined with `,`. */
function headerOf(pairs: readonly string[], name: string): string | undefined {
  const lower = name.toLowerCase();
  let joined: string | undefined;
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    if ((pairs[i] as string).toLowerCase() === lower) joined = joined === undefined ? (pairs[i + 1] as string) : `${joined},${pairs[i + 1]}`;
  }
  return joined;
}

function sharedValue(scope: MappingScope, variable: Variable): string | undefined {
  if (variable.source === 'context') return contextValue(scope, variable.name);
  if (variable.source === 'stageVariables') return scope.api.stageVariables?.[variable.name];
  return undefined;
}

function requestLookup(scope: MappingScope): VariableLookup {
  let body: unknown;
  let bodyParsed = false;
  return (variable) => {
    switch (variable.source) {
      case 'request.header':
        return headerOf(scope.facts.rawHeaders, variable.name);
      case 'request.querystring': {
        // HTTP-80: names are case-sensitive; repeated values joined with `,`.
        const values = queryEntries(scope.facts.rawQuery)
          .filter(([name]) => name === variable.name)
          .map(([, value]) => value);
        return values.length === 0 ? undefined : values.join(',');
      }
      case 'request.path':
        return variable.name === '' ? scope.path : scope.pathParameters?.[variable.name];
      case 'request.body':
        if (variable.name === '') return scope.facts.body?.toString('utf8');
        if (!bodyParsed) {
          body = parseMappedBody(scope.facts.body);
          bodyParsed = true;
        }
        return selectBodyValue(body, variable.steps ?? []);
      default:
        return sharedValue(scope, variable);
    }
  };
}

const pairsOf = (flat: readonly string[]): Array<[string, string]> => {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i] as string, flat[i + 1] as string]);
  return pairs;
};

/**
 * HTTP-80: the request as the integration sees it: headers, query string and (with `overwrite:path`) the path changed.
 * The path is the integration's: a Lambda event's `rawPath`, an HTTP_PROXY request's URL path.
 */
export function mapRequest(mappings: readonly CompiledMapping[], scope: MappingScope): { facts: HttpRequestFacts; mappedPath: string | undefined } {
  const { facts } = scope;
  const rawQuery =
    facts.rawQuery === ''
      ? []
      : facts.rawQuery.split('&').map((pair): [string, string] => {
          const equals = pair.indexOf('=');
          return equals === -1 ? [pair, ''] : [pair.slice(0, equals), pair.slice(equals + 1)];
        });
  const headers = pairsOf(facts.rawHeaders);
  const mapped = applyRequestMappings(mappings, { headers, rawQuery, path: scope.path }, requestLookup(scope));
  const mappedPath = mapped.path === scope.path ? undefined : mapped.path;
  return {
    facts: {
      ...facts,
      // What no mapping touched stays as the client sent it, byte for byte.
      rawHeaders: mapped.headers === headers ? facts.rawHeaders : mapped.headers.flat(),
      rawQuery: mapped.rawQuery === rawQuery ? facts.rawQuery : mapped.rawQuery.map(([name, value]) => (value === '' ? name : `${name}=${value}`)).join('&'),
      ...(mappedPath === undefined ? {} : { rawPath: mappedPath }),
    },
    mappedPath,
  };
}

/**
 * HTTP-81: the backend's answer with the mappings of its status code applied; the same response when there are none.
 * `undefined` when `overwrite:statuscode` rendered no status code (the caller answers 500).
 */
export function mapResponse(mappings: ResponseMappings, response: GatewayResponse, scope: MappingScope): GatewayResponse | undefined {
  const forStatus = mappings.get(response.statusCode);
  if (!forStatus) return response;
  let body: unknown;
  let bodyParsed = false;
  const flatHeaders = response.headers.flat();
  const lookup: VariableLookup = (variable) => {
    if (variable.source === 'response.header') return headerOf(flatHeaders, variable.name);
    if (variable.source === 'response.body') {
      if (variable.name === '') return response.body.toString('utf8');
      if (!bodyParsed) {
        body = parseMappedBody(response.body);
        bodyParsed = true;
      }
      return selectBodyValue(body, variable.steps ?? []);
    }
    return sharedValue(scope, variable);
  };
  const result = applyResponseMappings(forStatus, { statusCode: response.statusCode, headers: response.headers }, lookup);
  if (result.kind === 'invalid-status') return undefined;
  return { ...response, statusCode: result.response.statusCode, headers: result.response.headers };
}

/**
 * What `$context.authorizer.*` reads: a JWT authorizer's `claims` and `scopes`, a Lambda authorizer's context, the
 * IAM caller's fields, from the 2.0 shape of `requestContext.authorizer` (AUTH-24, AUTH-34, AUTH-40).
 */
export function mappingAuthorizer(authorizer: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!authorizer) return undefined;
  return (authorizer.jwt ?? authorizer.lambda ?? authorizer.iam ?? authorizer) as Record<string, unknown>;
}
