/**
 * HTTP-80..82: the keys of an HTTP API's parameter mappings: what is changed and how. Request keys are
 * `append|overwrite|remove:header.<name>`, the same for `querystring.<name>`, or `overwrite:path`; response keys are
 * `append|overwrite|remove:header.<name>` or `overwrite:statuscode`. Reserved headers cannot be mapped.
 */
import type { MappingSide } from './expression.ts';

export type MappingAction = 'append' | 'overwrite' | 'remove';

export type MappingTarget =
  | { action: MappingAction; location: 'header' | 'querystring'; name: string }
  | { action: 'overwrite'; location: 'path' }
  | { action: 'overwrite'; location: 'statuscode' };

export type KeyResult = { kind: 'ok'; target: MappingTarget } | { kind: 'invalid'; problem: string };

/** HTTP-82: headers no mapping may name, exactly or (ending in `*`) by prefix; compared in lower case. */
export const RESERVED_HEADERS: readonly string[] = [
  'access-control-*',
  'apigw-*',
  'authorization',
  'connection',
  'content-encoding',
  'content-length',
  'content-location',
  'forwarded',
  'keep-alive',
  'origin',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailers',
  'transfer-encoding',
  'upgrade',
  'x-amz-*',
  'x-amzn-*',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'via',
];

export function isReservedHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return RESERVED_HEADERS.some((reserved) => (reserved.endsWith('*') ? lower.startsWith(reserved.slice(0, -1)) : lower === reserved));
}

/** RFC 9110 token characters: what a header name may hold. */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

const EXPECTED: Record<MappingSide, string> = {
  request: '"append:", "overwrite:" or "remove:" then "header.<name>" or "querystring.<name>", or "overwrite:path"',
  response: '"append:", "overwrite:" or "remove:" then "header.<name>", or "overwrite:statuscode"',
};

export function parseMappingKey(key: string, side: MappingSide): KeyResult {
  const invalid = (problem: string): KeyResult => ({ kind: 'invalid', problem });
  if (side === 'request' && key === 'overwrite:path') return { kind: 'ok', target: { action: 'overwrite', location: 'path' } };
  if (side === 'response' && key === 'overwrite:statuscode') return { kind: 'ok', target: { action: 'overwrite', location: 'statuscode' } };
  const match = /^(append|overwrite|remove):(header|querystring)\.(.+)$/.exec(key);
  if (!match || (side === 'response' && match[2] === 'querystring')) return invalid(`expected a key ${EXPECTED[side]}, got "${key}"`);
  const [, action, location, name] = match as unknown as [string, MappingAction, 'header' | 'querystring', string];
  if (location === 'header') {
    if (!HEADER_NAME.test(name)) return invalid(`"${name}" is not a header name`);
    if (isReservedHeader(name)) return invalid(`"${name}" is a reserved header that parameter mapping cannot change (HTTP-82)`);
  }
  return { kind: 'ok', target: { action, location, name } };
}
