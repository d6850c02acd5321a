/**
 * A function's events: `websocket`, `httpApi` and `http` (REST) in each form the Framework accepts; any other
 * type is recorded as a warning naming it. Forms follow lib/plugins/aws/package/compile/events/*.
 */
import { type Checker, describe, isRecord } from './checker.ts';
import { assignDefined } from './normalise-provider.ts';
import type { HttpApiEvent, HttpEvent, ServerlessEvent, WebSocketEvent } from './types.ts';

/** The Framework's identity source for a WebSocket authorizer given without one. */
const DEFAULT_WEBSOCKET_IDENTITY_SOURCE = 'route.request.header.Auth';

export const RUN_EVENT_TYPES = ['websocket', 'httpApi', 'http'] as const;

export function normaliseEvents(value: unknown, keys: (string | number)[], payload: '1.0' | '2.0', check: Checker): ServerlessEvent[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return check.fail(keys, `expected a list of events, got ${describe(value)}`) ?? [];
  const events: ServerlessEvent[] = [];
  value.forEach((entry, index) => {
    const at = [...keys, index];
    const types = isRecord(entry) ? Object.keys(entry) : [];
    const [type] = types;
    if (!isRecord(entry) || types.length !== 1 || type === undefined) {
      check.fail(at, `expected one event, such as { websocket: ... } or { httpApi: ... }, got ${describe(entry)}`);
      return;
    }
    const event = eventOfType(type, entry[type], [...at, type], payload, check);
    if (event === 'unknown') check.warn(at, `the ${type} event is not run: Hoplite runs ${RUN_EVENT_TYPES.join(', ')} events`);
    else if (event) events.push(event);
  });
  return events;
}

function eventOfType(
  type: string,
  settings: unknown,
  keys: (string | number)[],
  payload: '1.0' | '2.0',
  check: Checker,
): ServerlessEvent | 'unknown' | undefined {
  switch (type) {
    case 'websocket':
      return websocketEvent(settings, keys, check);
    case 'httpApi':
      return httpApiEvent(settings, keys, payload, check);
    case 'http':
      return httpEvent(settings, keys, check);
    default:
      return 'unknown';
  }
}

/** `websocket: $connect` or `{ route, routeResponseSelectionExpression, authorizer }`. */
function websocketEvent(value: unknown, keys: (string | number)[], check: Checker): WebSocketEvent | undefined {
  if (typeof value === 'string') return { type: 'websocket', route: value };
  const settings = check.object(value, keys);
  if (!settings) return undefined;
  const route = check.string(settings.route, [...keys, 'route']);
  if (route === undefined) return check.fail([...keys, 'route'], 'expected the route key, e.g. $connect, $default or sendMessage');
  const event: WebSocketEvent = { type: 'websocket', route };
  assignDefined(event, {
    routeResponseSelectionExpression: check.string(settings.routeResponseSelectionExpression, [...keys, 'routeResponseSelectionExpression']),
    authorizer: settings.authorizer === undefined ? undefined : websocketAuthorizer(settings.authorizer, [...keys, 'authorizer'], check),
  });
  return event;
}

/** A function name, an ARN, or `{ name | arn, identitySource }`. */
function websocketAuthorizer(value: unknown, keys: (string | number)[], check: Checker): WebSocketEvent['authorizer'] {
  const identitySource = [DEFAULT_WEBSOCKET_IDENTITY_SOURCE];
  if (typeof value === 'string') return value.startsWith('arn:') ? { arn: value, identitySource } : { name: value, identitySource };
  const settings = check.object(value, keys);
  if (!settings) return undefined;
  const authorizer: NonNullable<WebSocketEvent['authorizer']> = {
    identitySource: check.strings(settings.identitySource, [...keys, 'identitySource']) ?? identitySource,
  };
  assignDefined(authorizer, { name: check.string(settings.name, [...keys, 'name']), arn: check.string(settings.arn, [...keys, 'arn']) });
  if (authorizer.name === undefined && authorizer.arn === undefined) return check.fail(keys, 'expected the name of the authorizer function or its arn');
  return authorizer;
}

/** `httpApi: '*'`, `httpApi: 'GET /path'` or `{ method, path, authorizer }`. */
function httpApiEvent(value: unknown, keys: (string | number)[], payload: '1.0' | '2.0', check: Checker): HttpApiEvent | undefined {
  if (typeof value === 'string') {
    if (value.trim() === '*') return { type: 'httpApi', method: '*', path: '*', payload };
    const [method, path, ...rest] = value.trim().split(/\s+/);
    if (method === undefined || path === undefined || rest.length > 0) return check.fail(keys, `expected '*' or 'METHOD /path', got "${value}"`);
    return httpApiRoute(method, path, keys, payload, check);
  }
  const settings = check.object(value, keys);
  if (!settings) return undefined;
  const method = check.string(settings.method, [...keys, 'method']);
  const path = check.string(settings.path, [...keys, 'path']);
  if (method === undefined || path === undefined) return check.fail(keys, 'expected method and path');
  const event = httpApiRoute(method, path, keys, payload, check);
  if (event && settings.authorizer !== undefined) {
    const authorizer = httpApiAuthorizer(settings.authorizer, [...keys, 'authorizer'], check);
    if (authorizer) event.authorizer = authorizer;
  }
  return event;
}

function httpApiRoute(method: string, path: string, keys: (string | number)[], payload: '1.0' | '2.0', check: Checker): HttpApiEvent | undefined {
  if (path !== '*' && !path.startsWith('/')) return check.fail(keys, `expected a path starting with / (or *), got "${path}"`);
  return { type: 'httpApi', method: method === '*' ? '*' : method.toUpperCase(), path, payload };
}

function httpApiAuthorizer(value: unknown, keys: (string | number)[], check: Checker): HttpApiEvent['authorizer'] {
  const settings = check.object(value, keys);
  if (!settings) return undefined;
  const authorizer: NonNullable<HttpApiEvent['authorizer']> = {};
  if (settings.type !== undefined) {
    if (String(settings.type).toLowerCase() !== 'aws_iam') return check.fail([...keys, 'type'], `expected aws_iam, got ${describe(settings.type)}`);
    authorizer.type = 'aws_iam';
  }
  assignDefined(authorizer, {
    name: check.string(settings.name, [...keys, 'name']),
    id: check.string(settings.id, [...keys, 'id']),
    scopes: check.strings(settings.scopes, [...keys, 'scopes']),
  });
  if (authorizer.name === undefined && authorizer.id === undefined && authorizer.type === undefined) {
    return check.fail(keys, 'expected name (an authorizer of provider.httpApi.authorizers), id or type: aws_iam');
  }
  return authorizer;
}

/** `http: 'GET users/{id}'` or `{ path, method, cors, authorizer, request: { schemas }, private }`. */
function httpEvent(value: unknown, keys: (string | number)[], check: Checker): HttpEvent | undefined {
  if (typeof value === 'string') {
    const [method, path, ...rest] = value.trim().split(/\s+/);
    if (method === undefined || path === undefined || rest.length > 0) return check.fail(keys, `expected 'METHOD path', got "${value}"`);
    return { type: 'http', method: restMethod(method), path: restPath(path), requestSchemas: {}, private: false };
  }
  const settings = check.object(value, keys);
  if (!settings) return undefined;
  const method = check.string(settings.method, [...keys, 'method']);
  const path = check.string(settings.path, [...keys, 'path']);
  if (method === undefined || path === undefined) return check.fail(keys, 'expected method and path');
  const event: HttpEvent = {
    type: 'http',
    method: restMethod(method),
    path: restPath(path),
    requestSchemas: requestSchemas(settings.request, [...keys, 'request'], check),
    private: check.boolean(settings.private, [...keys, 'private']) ?? false,
  };
  if (settings.cors === true) event.cors = true;
  else if (settings.cors !== undefined && settings.cors !== false) assignDefined(event, { cors: check.object(settings.cors, [...keys, 'cors']) });
  if (typeof settings.authorizer === 'string')
    event.authorizer = settings.authorizer.startsWith('arn:') ? { arn: settings.authorizer } : { name: settings.authorizer };
  else assignDefined(event, { authorizer: check.object(settings.authorizer, [...keys, 'authorizer']) });
  return event;
}

function requestSchemas(value: unknown, keys: (string | number)[], check: Checker): Record<string, unknown> {
  const request = check.object(value, keys);
  return check.object(request?.schemas, [...keys, 'schemas']) ?? {};
}

const restMethod = (method: string): string => method.toUpperCase();
/** The Framework accepts REST paths with or without the leading slash. */
const restPath = (path: string): string => (path.startsWith('/') ? path : `/${path}`);
