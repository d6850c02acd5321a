/**
 * `Cors` on AWS::Serverless::Api as SAM transforms it: an OPTIONS method with a MOCK integration on every path,
 * answering the preflight with the Access-Control-* headers. SAM writes each value into a response parameter as it
 * stands, so values are quoted strings (`"'www.example.com'"`), as in SAM's documentation. The Lambda proxy methods
 * must still set their own CORS headers, as on AWS.
 */
import type { RestApiModel, RestMethodModel } from '../../model/types.ts';
import type { PropertyReader } from './properties.ts';

export interface SamRestCors {
  /** Each a quoted value, as SAM writes it into the method response parameters. */
  allowOrigin: string;
  allowHeaders?: string;
  allowMethods?: string;
  maxAge?: string;
  allowCredentials: boolean;
}

/** SAM's list for a path with an ANY method. */
const ANY_METHODS = 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT';
const QUOTED = /^'.*'$/s;

/** `Cors: "'*'"` or `Cors: { AllowOrigin, AllowHeaders, AllowMethods, MaxAge, AllowCredentials }`. */
export function readSamRestCors(reader: PropertyReader): SamRestCors | undefined {
  const value = reader.properties.Cors;
  if (value === undefined) return undefined;
  const quoted = (text: string | undefined, owner: PropertyReader, key: string): string | undefined => {
    if (text !== undefined && !QUOTED.test(text))
      throw owner.fail(key, `a quoted string such as "'${text}'" (SAM writes it into a response parameter as it stands)`);
    return text;
  };
  if (typeof value === 'string') return { allowOrigin: quoted(value, reader, 'Cors') as string, allowCredentials: false };
  const cors = reader.object('Cors');
  if (!cors) throw reader.fail('Cors', 'a quoted origin such as "\'*\'", or an object with AllowOrigin');
  const allowOrigin = quoted(cors.requiredString('AllowOrigin'), cors, 'AllowOrigin') as string;
  const allowCredentials = cors.boolean('AllowCredentials') ?? false;
  if (allowCredentials && allowOrigin === "'*'") throw cors.fail('AllowOrigin', "an origin other than '*' when AllowCredentials is true (SAM refuses it)");
  const optional = (key: string) => quoted(cors.string(key), cors, key);
  const settings: SamRestCors = { allowOrigin, allowCredentials };
  for (const [key, field] of [
    ['AllowHeaders', 'allowHeaders'],
    ['AllowMethods', 'allowMethods'],
    ['MaxAge', 'maxAge'],
  ] as const) {
    const text = optional(key);
    if (text !== undefined) settings[field] = text;
  }
  return settings;
}

/** Adds the preflight method to every resource without an OPTIONS method of its own, as SAM does. */
export function addSamPreflightMethods(api: RestApiModel, cors: SamRestCors): void {
  for (const resource of api.resources) {
    if (resource.methods.some((method) => method.httpMethod === 'OPTIONS')) continue;
    resource.methods.push(preflightMethod(resource.methods, cors));
  }
}

function preflightMethod(methods: readonly RestMethodModel[], cors: SamRestCors): RestMethodModel {
  // UNVERIFIED: SAM lists the path's methods, sorted, with OPTIONS, when AllowMethods is not given.
  const listed = methods.some((method) => method.httpMethod === 'ANY')
    ? ANY_METHODS
    : [...new Set([...methods.map((method) => method.httpMethod), 'OPTIONS'])].sort().join(',');
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': cors.allowOrigin,
    ...(cors.allowHeaders ? { 'Access-Control-Allow-Headers': cors.allowHeaders } : {}),
    'Access-Control-Allow-Methods': cors.allowMethods ?? `'${listed}'`,
    ...(cors.maxAge ? { 'Access-Control-Max-Age': cors.maxAge } : {}),
    ...(cors.allowCredentials ? { 'Access-Control-Allow-Credentials': "'true'" } : {}),
  };
  const parameter = (name: string) => `method.response.header.${name}`;
  return {
    httpMethod: 'OPTIONS',
    integration: 'MOCK',
    integrationTimeoutMs: 29_000,
    requestTemplates: { 'application/json': '{\n  "statusCode" : 200\n}\n' },
    methodResponses: [{ statusCode: '200', responseParameters: Object.fromEntries(Object.keys(headers).map((name) => [parameter(name), false])) }],
    integrationResponses: [
      {
        statusCode: '200',
        responseParameters: Object.fromEntries(Object.entries(headers).map(([name, value]) => [parameter(name), value])),
        responseTemplates: { 'application/json': '{}\n' },
      },
    ],
  };
}
