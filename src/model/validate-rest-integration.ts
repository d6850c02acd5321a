/** REST-10, REST-13, REST-52..55: what a REST method's integration may say, by its type. */
import { compileTemplate } from '../mapping/index.ts';
import { type Checker, describe, type Fields } from './checker.ts';

const TYPES = ['AWS_PROXY', 'AWS', 'MOCK', 'HTTP', 'HTTP_PROXY'];
const LAMBDA = new Set(['AWS_PROXY', 'AWS']);
const HTTP = new Set(['HTTP', 'HTTP_PROXY']);
/** The types whose request and response go through templates and integration responses. */
export const MAPPED_TYPES: ReadonlySet<string> = new Set(['AWS', 'MOCK', 'HTTP']);
const PASSTHROUGH = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'];
const MEDIA_TYPE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+*-]+$/;
const STAGE_VARIABLE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

/** REST-55: `integration.request.<where>.<name>`. */
export const INTEGRATION_REQUEST_TARGET = /^integration\.request\.(header|querystring|path)\.([^\s]+)$/;
/** REST-55: `method.request.<where>.<name>`, `'static'`, `stageVariables.<name>` or `context.<var>`. */
export const INTEGRATION_REQUEST_SOURCE =
  /^('[^']*'|method\.request\.(header|querystring|path)\.[^\s]+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+)$/;
/** REST-53: `{name}` in a Uri, filled from `integration.request.path.<name>`. */
export const URI_PATH_PARAMETER = /\{([A-Za-z0-9._-]+)\}/g;

/** REST-10, REST-13: content type → VTL template, each parsing. */
export function checkMediaTypeTemplates(check: Checker, templates: unknown, path: string): void {
  if (templates === undefined || !check.isObject(templates, path)) return;
  for (const [key, source] of Object.entries(templates)) {
    const at = `${path}.${key}`;
    if (!MEDIA_TYPE.test(key)) check.fail(at, 'expected a media type such as "application/json" as the key (REST-10, REST-13)');
    if (!check.string(source, at)) continue;
    try {
      compileTemplate(source);
    } catch (error) {
      check.fail(at, `expected a VTL mapping template (REST-51): ${(error as Error).message.split('\n').join(' ')}`);
    }
  }
}

function checkUri(check: Checker, method: Fields, path: string, stageVariables: Readonly<Record<string, unknown>>): void {
  const uri = method.integrationUri;
  if (!check.string(uri, `${path}.integrationUri`)) return;
  const missing = [...uri.matchAll(STAGE_VARIABLE)].map((match) => match[1] as string).find((name) => typeof stageVariables[name] !== 'string');
  if (missing !== undefined) {
    check.fail(`${path}.integrationUri`, `expected stage variables the stage defines, got \${stageVariables.${missing}} with no such variable`);
    return;
  }
  const filled = uri.replace(STAGE_VARIABLE, (_, name: string) => stageVariables[name] as string);
  if (!check.string(filled, `${path}.integrationUri`, /^https?:\/\/\S+$/, 'an http:// or https:// URL')) return;
  // REST-53: AWS refuses a Uri whose `{name}` no integration.request.path.<name> fills.
  const parameters = (method.integrationRequestParameters ?? {}) as Fields;
  for (const [, name] of filled.matchAll(URI_PATH_PARAMETER)) {
    if (!(`integration.request.path.${name}` in parameters))
      check.fail(`${path}.integrationUri`, `expected integrationRequestParameters to map "integration.request.path.${name}" for {${name}} (REST-55)`);
  }
}

function checkRequestParameters(check: Checker, parameters: unknown, path: string, resourcePath: string): void {
  if (parameters === undefined || !check.isObject(parameters, path)) return;
  for (const [target, source] of Object.entries(parameters)) {
    const at = `${path}.${target}`;
    if (!INTEGRATION_REQUEST_TARGET.test(target)) check.fail(at, 'expected a key "integration.request.header|querystring|path.<name>" (REST-55)');
    if (
      !check.string(
        source,
        at,
        INTEGRATION_REQUEST_SOURCE,
        "method.request.header|querystring|path.<name>, 'static text', stageVariables.<name> or context.<var> (REST-55)",
      )
    )
      continue;
    const named = /^method\.request\.path\.(.+)$/.exec(source);
    if (named && !resourcePath.includes(`{${named[1]}}`) && !resourcePath.includes(`{${named[1]}+}`))
      check.fail(at, `expected a path parameter of the resource "${resourcePath}", got ${describe(source)}`);
  }
}

/** REST-57. */
function checkContentHandling(check: Checker, value: unknown, path: string): void {
  if (value !== undefined && value !== 'CONVERT_TO_BINARY' && value !== 'CONVERT_TO_TEXT')
    check.fail(path, `expected "CONVERT_TO_BINARY" or "CONVERT_TO_TEXT" (REST-57), got ${describe(value)}`);
}

/**
 * A method's integration: a function for Lambda types only, a Uri and method for HTTP types, templates for mapped
 * types only. `checkFunction` reports a missing or unknown function.
 */
export function checkRestIntegration(
  check: Checker,
  method: Fields,
  path: string,
  resourcePath: string,
  stageVariables: Readonly<Record<string, unknown>>,
  checkFunction: () => void,
): void {
  const type = String(method.integration);
  if (!TYPES.includes(type)) {
    check.fail(`${path}.integration`, `expected "AWS_PROXY", "AWS", "MOCK", "HTTP" or "HTTP_PROXY", got ${describe(method.integration)}`);
    return;
  }
  if (LAMBDA.has(type)) checkFunction();
  else if (method.function !== undefined) check.fail(`${path}.function`, `expected no function on a ${type} integration, got ${describe(method.function)}`);
  if (HTTP.has(type)) {
    checkUri(check, method, path, stageVariables);
    check.string(method.integrationHttpMethod, `${path}.integrationHttpMethod`, /^[A-Z]+$/, 'an HTTP method such as "GET" or "ANY"');
  } else {
    for (const field of ['integrationUri', 'integrationHttpMethod'] as const)
      if (method[field] !== undefined) check.fail(`${path}.${field}`, `expected no ${field} on a ${type} integration`);
  }
  if (type === 'AWS_PROXY' || type === 'AWS') {
    if (method.integrationRequestParameters !== undefined) check.fail(`${path}.integrationRequestParameters`, `expected none on a ${type} integration`);
  } else checkRequestParameters(check, method.integrationRequestParameters, `${path}.integrationRequestParameters`, resourcePath);
  if (MAPPED_TYPES.has(type)) {
    checkMediaTypeTemplates(check, method.requestTemplates, `${path}.requestTemplates`);
    if (method.passthroughBehavior !== undefined && !PASSTHROUGH.includes(String(method.passthroughBehavior)))
      check.fail(
        `${path}.passthroughBehavior`,
        `expected "WHEN_NO_MATCH", "WHEN_NO_TEMPLATES" or "NEVER" (REST-10), got ${describe(method.passthroughBehavior)}`,
      );
    checkContentHandling(check, method.contentHandling, `${path}.contentHandling`);
    if (Array.isArray(method.integrationResponses))
      (method.integrationResponses as Fields[]).forEach((response, i) => {
        checkMediaTypeTemplates(check, response?.responseTemplates, `${path}.integrationResponses[${i}].responseTemplates`);
        checkContentHandling(check, response?.contentHandling, `${path}.integrationResponses[${i}].contentHandling`);
      });
  } else {
    for (const field of ['requestTemplates', 'passthroughBehavior', 'contentHandling'] as const)
      if (method[field] !== undefined) check.fail(`${path}.${field}`, `expected no ${field} on a ${type} integration: it passes the request through`);
  }
}
