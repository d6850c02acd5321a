/**
 * `cors` on `http` events as the Framework deploys it (lib/plugins/aws/package/compile/events/api-gateway/lib/cors.js):
 * one OPTIONS method per path, a MOCK integration answering 200 with the Access-Control-* headers. The settings of
 * every event on a path are merged (methods and headers together), as the Framework's validation merges them.
 * The Lambda proxy methods themselves must still return their CORS headers, as on AWS.
 */
import type { RestMethodModel } from '../../model/types.ts';
import { isRecord } from '../serverless/checker.ts';
import type { HttpEvent } from '../serverless/types.ts';
import type { MappingReport } from './report.ts';

/** The Framework's `getCors` defaults. */
export const DEFAULT_REST_CORS_HEADERS = ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token', 'X-Amz-User-Agent'];
const ANY_METHODS = 'DELETE,GET,HEAD,PATCH,POST,PUT';

/** One path's preflight answer, merged from its events. */
export interface PathCors {
  origins: string[];
  methods: string[];
  headers: string[];
  allowCredentials: boolean;
  maxAge?: number;
  cacheControl?: string;
}

export function mergeCors(previous: PathCors | undefined, event: HttpEvent, keys: (string | number)[], report: MappingReport): PathCors {
  const settings = isRecord(event.cors) ? event.cors : {};
  const text = (value: unknown) =>
    typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
  const origin = typeof settings.origin === 'string' ? settings.origin.split(',').map((part) => part.trim()) : undefined;
  const cors: PathCors = {
    origins: text(settings.origins) ?? origin ?? ['*'],
    methods: ['OPTIONS', ...(text(settings.methods) ?? []), event.method],
    headers: text(settings.headers) ?? DEFAULT_REST_CORS_HEADERS,
    allowCredentials: settings.allowCredentials === true,
  };
  if (typeof settings.maxAge === 'number') cors.maxAge = settings.maxAge;
  if (typeof settings.cacheControl === 'string') cors.cacheControl = settings.cacheControl;
  const merged = previous ? { ...previous, ...cors } : cors;
  if (previous) {
    merged.origins = union(previous.origins, cors.origins);
    merged.methods = union(previous.methods, cors.methods);
    merged.headers = union(previous.headers, cors.headers);
    merged.allowCredentials = previous.allowCredentials || cors.allowCredentials;
  } else {
    merged.methods = union([], cors.methods);
  }
  if (merged.origins.length > 1) {
    report.warn(
      [...keys, 'cors'],
      'http events: with several CORS origins the preflight answers with the first one (the Framework matches the request origin in a mapping template Hoplite does not run)',
    );
  }
  return merged;
}

/** The OPTIONS method of a path: MOCK, 200, the preflight headers as static values. */
export function preflightMethod(cors: PathCors): RestMethodModel {
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': cors.origins[0] ?? '*',
    'Access-Control-Allow-Headers': cors.headers.join(','),
    'Access-Control-Allow-Methods': cors.methods.join(',').replace('ANY', ANY_METHODS),
  };
  if (cors.allowCredentials) headers['Access-Control-Allow-Credentials'] = 'true';
  if (cors.maxAge !== undefined) headers['Access-Control-Max-Age'] = String(cors.maxAge);
  if (cors.cacheControl !== undefined) headers['Cache-Control'] = cors.cacheControl;
  const names = Object.keys(headers).map((name) => `method.response.header.${name}`);
  return {
    httpMethod: 'OPTIONS',
    integration: 'MOCK',
    integrationTimeoutMs: 29_000,
    // The Framework's own template: a bare key, which API Gateway's MOCK (and Hoplite's) reads.
    requestTemplates: { 'application/json': '{statusCode:200}' },
    methodResponses: [{ statusCode: '200', responseParameters: Object.fromEntries(names.map((name) => [name, true])) }],
    integrationResponses: [
      {
        statusCode: '200',
        responseParameters: Object.fromEntries(Object.entries(headers).map(([name, value]) => [`method.response.header.${name}`, `'${value}'`])),
        responseTemplates: { 'application/json': '' },
      },
    ],
  };
}

function union(first: readonly string[], second: readonly string[]): string[] {
  return [...new Set([...first, ...second])];
}
