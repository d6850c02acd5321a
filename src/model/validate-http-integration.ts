/** HTTP-80..83: an HTTP API route's integration: a function or an HTTP_PROXY URL, and its parameter mappings. */
import { mappingProblems } from '../parameter-mapping/index.ts';
import { type Checker, describe, type Fields } from './checker.ts';
import { parseHttpRouteKey } from './http-route-key.ts';

const STAGE_VARIABLE_REFERENCE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;
const PATH_PARAMETER_REFERENCE = /\{([A-Za-z0-9_.-]+)\+?\}/g;
const STATUS_CODE = /^[2-5]\d\d$/;

/** The route's path variables (`proxy` for `{proxy+}`), or undefined when its key does not parse. */
function routeVariables(key: unknown): Set<string> | undefined {
  if (typeof key !== 'string') return undefined;
  const parsed = parseHttpRouteKey(key);
  if (parsed.kind === 'invalid') return undefined;
  if (parsed.kind === 'default') return new Set();
  return new Set(parsed.segments.flatMap((segment) => (segment.kind === 'literal' ? [] : [segment.name])));
}

/** HTTP-83: `integration` of type HTTP_PROXY, whose URI names only stage variables and path variables that exist. */
export function checkHttpProxyIntegration(check: Checker, route: Fields, path: string, stageVariables: Readonly<Record<string, unknown>>): void {
  const integration = route.integration;
  const where = `${path}.integration`;
  if (!check.isObject(integration, where)) return;
  if (integration.type !== 'HTTP_PROXY') {
    check.fail(`${where}.type`, `expected "HTTP_PROXY" (a route without integration invokes its function), got ${describe(integration.type)}`);
    return;
  }
  if (route.function !== undefined) check.fail(`${path}.function`, 'expected no function on a route with an HTTP_PROXY integration');
  const uri = integration.integrationUri;
  if (check.string(uri, `${where}.integrationUri`)) {
    const missing = [...uri.matchAll(STAGE_VARIABLE_REFERENCE)].map((match) => match[1] as string).find((name) => typeof stageVariables[name] !== 'string');
    const withStage = uri.replace(STAGE_VARIABLE_REFERENCE, (_, name: string) => String(stageVariables[name] ?? ''));
    const variables = routeVariables(route.key);
    const unknown = variables && [...withStage.matchAll(PATH_PARAMETER_REFERENCE)].map((match) => match[1] as string).find((name) => !variables.has(name));
    if (missing !== undefined)
      check.fail(`${where}.integrationUri`, `expected stage variables the stage defines, got \${stageVariables.${missing}} with no such variable`);
    else if (unknown !== undefined)
      check.fail(`${where}.integrationUri`, `expected path variables of the route key, got {${unknown}}, which "${String(route.key)}" does not have`);
    else check.string(withStage.replace(PATH_PARAMETER_REFERENCE, 'x'), `${where}.integrationUri`, /^https?:\/\/[^\s/]+\S*$/, 'an http:// or https:// URL');
  }
  check.string(
    integration.integrationMethod,
    `${where}.integrationMethod`,
    /^(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/,
    'ANY or an HTTP method such as "POST"',
  );
  for (const field of Object.keys(integration)) {
    if (!['type', 'integrationUri', 'integrationMethod'].includes(field))
      check.fail(`${where}.${field}`, 'expected only type, integrationUri and integrationMethod');
  }
}

function checkMappingMap(check: Checker, parameters: unknown, path: string, side: 'request' | 'response'): void {
  if (!check.isObject(parameters, path)) return;
  for (const [key, value] of Object.entries(parameters)) {
    if (typeof value !== 'string') check.fail(`${path}.${key}`, `expected a string, got ${describe(value)}`);
  }
  for (const { key, problem } of mappingProblems(parameters as Record<string, string>, side)) check.fail(`${path}.${key}`, problem);
}

/** HTTP-80..82: `requestParameters` and `responseParameters` (by status code 200–599) parse; no reserved header is mapped. */
export function checkHttpParameterMappings(check: Checker, route: Fields, path: string): void {
  if (route.requestParameters !== undefined) checkMappingMap(check, route.requestParameters, `${path}.requestParameters`, 'request');
  const response = route.responseParameters;
  if (response === undefined || !check.isObject(response, `${path}.responseParameters`)) return;
  for (const [status, parameters] of Object.entries(response)) {
    const at = `${path}.responseParameters.${status}`;
    if (!STATUS_CODE.test(status)) check.fail(at, `expected a status code from 200 to 599 as the key, got "${status}"`);
    checkMappingMap(check, parameters, at, 'response');
  }
}
