/** AUTH-3: the event a WebSocket REQUEST authorizer receives. */
import { addValue } from '../internal/multi-value.ts';

export interface AuthorizerEventInput {
  /** AUTH-3: `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect`. */
  methodArn: string;
  /** Node's `rawHeaders` of the upgrade: hop-by-hop headers included, unlike the CONNECT event. */
  rawHeaders: readonly string[];
  /** Headers the gateway adds (`X-Amzn-Trace-Id`, `X-Forwarded-*`), after the client's. */
  addedHeaders: readonly (readonly [name: string, value: string])[];
  query: { single: Record<string, string>; multi: Record<string, string[]> } | undefined;
  stageVariables: Record<string, string>;
  /** The CONNECT event's `requestContext` (same connectionId and requestId). */
  requestContext: unknown;
}

export interface WebSocketAuthorizerEvent {
  type: 'REQUEST';
  methodArn: string;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  queryStringParameters: Record<string, string>;
  multiValueQueryStringParameters: Record<string, string[]>;
  stageVariables: Record<string, string>;
  requestContext: unknown;
}

/** The method ARN of `$connect` for AUTH-3 and AUTH-5. */
export function connectMethodArn(region: string, accountId: string, apiId: string, stage: string): string {
  return `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stage}/$connect`;
}

/** AUTH-3: the query maps and stage variables are `{}` when empty, never absent; no body, pathParameters or isBase64Encoded. */
export function authorizerEvent(input: AuthorizerEventInput): WebSocketAuthorizerEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  const add = (name: string, value: string) => {
    headers[name] = value;
    addValue(multiValueHeaders, name, value);
  };
  const added = new Set(input.addedHeaders.map(([name]) => name.toLowerCase()));
  for (let i = 0; i + 1 < input.rawHeaders.length; i += 2) {
    const name = input.rawHeaders[i] as string;
    if (!added.has(name.toLowerCase())) add(name, input.rawHeaders[i + 1] as string);
  }
  for (const [name, value] of input.addedHeaders) add(name, value);
  return {
    type: 'REQUEST',
    methodArn: input.methodArn,
    headers,
    multiValueHeaders,
    queryStringParameters: input.query?.single ?? {},
    multiValueQueryStringParameters: input.query?.multi ?? {},
    stageVariables: input.stageVariables,
    requestContext: input.requestContext,
  };
}
