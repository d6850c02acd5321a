/**
 * HTTP-81: an integration's `responseParameters`, keyed by the backend's status code, each a map of header and
 * status code changes. Only a status that has an entry is changed; other responses pass as they are.
 */
import { evaluateMappingValue, type VariableLookup } from './expression.ts';
import { type CompiledMapping, compileMappings } from './request-parameters.ts';

export type ResponseMappings = ReadonlyMap<number, readonly CompiledMapping[]>;

export function compileResponseParameters(parameters: Readonly<Record<string, Readonly<Record<string, string>>>>): ResponseMappings {
  return new Map(Object.entries(parameters).map(([status, map]) => [Number(status), compileMappings(map, 'response')]));
}

export interface MappableResponse {
  statusCode: number;
  headers: Array<[string, string]>;
}

/** `invalid-status`: `overwrite:statuscode` rendered something that is not a status code. */
export type ResponseMappingResult = { kind: 'ok'; response: MappableResponse } | { kind: 'invalid-status'; value: string };

export function applyResponseMappings(mappings: readonly CompiledMapping[], response: MappableResponse, lookup: VariableLookup): ResponseMappingResult {
  const values = mappings.map(({ target, value }) => (target.action === 'remove' ? undefined : evaluateMappingValue(value, lookup)));
  let { statusCode, headers } = response;
  for (let index = 0; index < mappings.length; index++) {
    const { target } = mappings[index] as CompiledMapping;
    const value = values[index];
    if (target.location === 'statuscode') {
      if (value === undefined) continue;
      const status = Number(value);
      if (!/^\d{3}$/.test(value) || status < 100 || status > 599) return { kind: 'invalid-status', value };
      statusCode = status;
      continue;
    }
    if (target.location !== 'header' || (target.action !== 'remove' && value === undefined)) continue;
    const lower = target.name.toLowerCase();
    if (target.action !== 'append') headers = headers.filter(([name]) => name.toLowerCase() !== lower);
    if (target.action !== 'remove') headers = [...headers, [target.name, value as string]];
  }
  return { kind: 'ok', response: { statusCode, headers } };
}
