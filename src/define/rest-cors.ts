/**
 * REST-56: CORS for a REST API as the console's "Enable CORS" (and Sparta's `CORSOptions`) builds it: an OPTIONS
 * method with a MOCK integration answering the preflight through method and integration response parameters, and
 * `Access-Control-Allow-Origin` on the 200 responses of the resource's mapped methods. Lambda proxy methods get no
 * header from the gateway: their function must set it.
 */
import type { RestGatewayResponseModel, RestMethodModel } from '../model/types.ts';

/** `restApi({ cors })` or `resource.cors(…)`: the preflight's answers. */
export interface RestCorsOptions {
  /** Access-Control-Allow-Origin. @default '*' */
  allowOrigin?: string;
  /** Access-Control-Allow-Headers. @default the console's: Content-Type, X-Amz-Date, Authorization, X-Api-Key, X-Amz-Security-Token */
  allowHeaders?: string[];
  /** Access-Control-Allow-Methods. @default the resource's methods and OPTIONS */
  allowMethods?: string[];
  /** Access-Control-Max-Age on the preflight. @default none */
  maxAgeSeconds?: number;
  /** Access-Control-Allow-Credentials: true on the preflight and the methods' responses. @default false */
  allowCredentials?: boolean;
  /** Also set Access-Control-Allow-Origin (and -Headers) on the DEFAULT_4XX and DEFAULT_5XX gateway responses (REST-31). @default true */
  gatewayResponses?: boolean;
}

/** The console's default list. */
export const CONSOLE_ALLOW_HEADERS = ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token'];
const ANY_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
const MAPPED = new Set(['AWS', 'MOCK', 'HTTP']);

const quoted = (value: string) => `'${value}'`;
const header = (name: string) => `method.response.header.${name}`;

function allowMethods(methods: readonly RestMethodModel[], cors: RestCorsOptions): string {
  if (cors.allowMethods) return cors.allowMethods.join(',');
  if (methods.some((method) => method.httpMethod === 'ANY')) return ANY_METHODS.join(',');
  return [...new Set([...methods.map((method) => method.httpMethod), 'OPTIONS'])].join(',');
}

/** The OPTIONS method answering the preflight, as the console generates it. */
export function preflightMethod(methods: readonly RestMethodModel[], cors: RestCorsOptions): RestMethodModel {
  const values: Record<string, string> = {
    'Access-Control-Allow-Headers': (cors.allowHeaders ?? CONSOLE_ALLOW_HEADERS).join(','),
    'Access-Control-Allow-Methods': allowMethods(methods, cors),
    'Access-Control-Allow-Origin': cors.allowOrigin ?? '*',
    ...(cors.allowCredentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
    ...(cors.maxAgeSeconds === undefined ? {} : { 'Access-Control-Max-Age': String(cors.maxAgeSeconds) }),
  };
  const names = Object.keys(values);
  return {
    httpMethod: 'OPTIONS',
    integration: 'MOCK',
    integrationTimeoutMs: 29_000,
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    methodResponses: [{ statusCode: '200', responseParameters: Object.fromEntries(names.map((name) => [header(name), false])) }],
    integrationResponses: [
      {
        statusCode: '200',
        responseParameters: Object.fromEntries(names.map((name) => [header(name), quoted(values[name] as string)])),
        responseTemplates: { 'application/json': '' },
      },
    ],
  };
}

/** A mapped method with Access-Control-Allow-Origin (and -Credentials) on its 200 response; other methods unchanged. */
export function withCorsHeaders(method: RestMethodModel, cors: RestCorsOptions): RestMethodModel {
  if (!MAPPED.has(method.integration)) return method;
  const values: Record<string, string> = {
    'Access-Control-Allow-Origin': cors.allowOrigin ?? '*',
    ...(cors.allowCredentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
  };
  return {
    ...method,
    methodResponses: method.methodResponses.map((response) =>
      response.statusCode === '200'
        ? {
            ...response,
            responseParameters: { ...Object.fromEntries(Object.keys(values).map((name) => [header(name), false])), ...response.responseParameters },
          }
        : response,
    ),
    integrationResponses: method.integrationResponses.map((response) =>
      response.statusCode === '200'
        ? {
            ...response,
            responseParameters: {
              ...Object.fromEntries(Object.entries(values).map(([name, value]) => [header(name), quoted(value)])),
              ...response.responseParameters,
            },
          }
        : response,
    ),
  };
}

/** The DEFAULT_4XX and DEFAULT_5XX responses with the CORS headers, merged into the API's own customizations (its own win). */
export function corsGatewayResponses(responses: readonly RestGatewayResponseModel[], cors: RestCorsOptions): RestGatewayResponseModel[] {
  const parameters = {
    'gatewayresponse.header.Access-Control-Allow-Origin': quoted(cors.allowOrigin ?? '*'),
    'gatewayresponse.header.Access-Control-Allow-Headers': quoted((cors.allowHeaders ?? CONSOLE_ALLOW_HEADERS).join(',')),
  };
  const merged = responses.map((response) => ({ ...response }));
  for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX'] as const) {
    const own = merged.find((response) => response.responseType === type);
    if (own) own.responseParameters = { ...parameters, ...own.responseParameters };
    else merged.push({ responseType: type, responseParameters: { ...parameters } });
  }
  return merged;
}
