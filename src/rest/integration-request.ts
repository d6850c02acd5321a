/**
 * REST-53..55: the integration request of an HTTP or HTTP_PROXY method: the Uri with its stage variables and `{name}`
 * path parameters filled, and Integration.RequestParameters mapped from the method request.
 */
import type { RequestParams } from '../mapping/index.ts';
import { INTEGRATION_REQUEST_TARGET, URI_PATH_PARAMETER } from '../model/validate-rest-integration.ts';

/** `${stageVariables.<name>}` in a Uri (REST-53). */
const STAGE_VARIABLE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

export interface MethodRequest {
  params: RequestParams;
  context: Readonly<Record<string, unknown>>;
}

interface Mapping {
  where: 'header' | 'querystring' | 'path';
  name: string;
  value: (request: MethodRequest) => string | undefined;
}

function lookup(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const step of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/** Compiles one source once; a source that selects nothing leaves its target out (UNVERIFIED, as REST-12's choice). */
function sourceOf(source: string, stageVariables: Readonly<Record<string, string>>): Mapping['value'] {
  if (source.startsWith("'")) {
    const text = source.slice(1, -1);
    return () => text;
  }
  if (source.startsWith('stageVariables.')) {
    const value = stageVariables[source.slice('stageVariables.'.length)];
    return () => value;
  }
  if (source.startsWith('context.')) {
    const path = source.slice('context.'.length).split('.');
    return (request) => {
      const value = lookup(request.context, path);
      return value === undefined || value === null ? undefined : String(value);
    };
  }
  const [, , where, ...rest] = source.split('.');
  const name = rest.join('.');
  if (where === 'header') return (request) => headerValue(request.params.header, name);
  if (where === 'querystring') return (request) => request.params.querystring[name];
  return (request) => request.params.path[name];
}

export interface IntegrationRequestTarget {
  /** The Uri with stage variables and path parameters filled, and the mapped query strings appended. */
  url(request: MethodRequest): string;
  /** The mapped headers. */
  headers(request: MethodRequest): Record<string, string>;
}

/** Compiled once per method; `parameters` were checked by the model's validator. */
export function integrationRequestTarget(
  uri: string,
  parameters: Readonly<Record<string, string>> | undefined,
  stageVariables: Readonly<Record<string, string>>,
): IntegrationRequestTarget {
  const base = uri.replace(STAGE_VARIABLE, (_, name: string) => stageVariables[name] ?? '');
  const mappings: Mapping[] = Object.entries(parameters ?? {}).map(([target, source]) => {
    const [, where, name] = INTEGRATION_REQUEST_TARGET.exec(target) as RegExpExecArray;
    return { where: where as Mapping['where'], name: name as string, value: sourceOf(source, stageVariables) };
  });
  const of = (where: Mapping['where']) => mappings.filter((mapping) => mapping.where === where);
  const paths = of('path');
  const queries = of('querystring');
  const headers = of('header');
  return {
    url(request) {
      const values = new Map(paths.map((mapping) => [mapping.name, mapping.value(request)]));
      // A `{proxy}` value keeps its slashes; every other character a path segment cannot hold is encoded.
      let url =
        paths.length === 0
          ? base
          : base.replace(URI_PATH_PARAMETER, (whole, name: string) => {
              const value = values.get(name);
              return value === undefined ? whole : encodeURIComponent(value).replace(/%2F/g, '/');
            });
      const query = new URLSearchParams();
      for (const mapping of queries) {
        const value = mapping.value(request);
        if (value !== undefined) query.append(mapping.name, value);
      }
      const text = query.toString();
      if (text !== '') url += `${url.includes('?') ? '&' : '?'}${text}`;
      return url;
    },
    headers(request) {
      const mapped: Record<string, string> = {};
      for (const mapping of headers) {
        const value = mapping.value(request);
        if (value !== undefined) mapped[mapping.name.toLowerCase()] = value;
      }
      return mapped;
    },
  };
}
