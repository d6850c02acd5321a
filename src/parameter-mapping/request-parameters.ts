/**
 * HTTP-80: an integration's `requestParameters`, compiled once: every value is evaluated against the request as the
 * client sent it, then the changes are made in the map's order to the headers, the query string and the path.
 */
import { evaluateMappingValue, type MappingSide, type ParsedValue, parseMappingValue, type VariableLookup } from './expression.ts';
import { type MappingTarget, parseMappingKey } from './keys.ts';

/** The parts of a request parameter mapping changes. */
export interface MappableRequest {
  /** Name, value pairs in order; a name may repeat. */
  headers: Array<[string, string]>;
  /** The query string's pairs still percent-encoded, as sent. */
  rawQuery: Array<[string, string]>;
  /** The path the integration sees. */
  path: string;
}

export interface CompiledMapping {
  target: MappingTarget;
  value: ParsedValue;
}

export interface MappingProblem {
  key: string;
  problem: string;
}

/** Every key and value that does not parse, for the model's checks. */
export function mappingProblems(parameters: Readonly<Record<string, string>>, side: MappingSide): MappingProblem[] {
  const problems: MappingProblem[] = [];
  for (const [key, text] of Object.entries(parameters)) {
    const parsedKey = parseMappingKey(key, side);
    if (parsedKey.kind === 'invalid') problems.push({ key, problem: parsedKey.problem });
    if (typeof text !== 'string') {
      problems.push({ key, problem: 'expected a string value' });
      continue;
    }
    // `remove:` takes any value: it is never read.
    if (parsedKey.kind === 'ok' && parsedKey.target.action === 'remove') continue;
    const parsedValue = parseMappingValue(text, side);
    if (parsedValue.kind === 'invalid') problems.push({ key, problem: parsedValue.problem });
  }
  return problems;
}

/** Compiles a validated map; throws on what the model's checks would have refused. */
export function compileMappings(parameters: Readonly<Record<string, string>>, side: MappingSide): CompiledMapping[] {
  return Object.entries(parameters).map(([key, text]) => {
    const target = parseMappingKey(key, side);
    if (target.kind === 'invalid') throw new Error(`parameter mapping ${key}: ${target.problem}`);
    if (target.target.action === 'remove') return { target: target.target, value: { parts: [''] } };
    const value = parseMappingValue(text, side);
    if (value.kind === 'invalid') throw new Error(`parameter mapping ${key}: ${value.problem}`);
    return { target: target.target, value: value.value };
  });
}

const sameHeader = (name: string) => {
  const lower = name.toLowerCase();
  return ([other]: [string, string]) => other.toLowerCase() !== lower;
};

function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

const otherQueryName =
  (name: string) =>
  ([raw]: [string, string]) =>
    decodedName(raw) !== name;

/**
 * Applies compiled request mappings; values come from `lookup`, which reads the original request. A part no mapping
 * changed is the same array as the input's.
 */
export function applyRequestMappings(mappings: readonly CompiledMapping[], request: MappableRequest, lookup: VariableLookup): MappableRequest {
  const values = mappings.map(({ target, value }) => (target.action === 'remove' ? undefined : evaluateMappingValue(value, lookup)));
  let { headers, rawQuery, path } = request;
  mappings.forEach(({ target }, index) => {
    const value = values[index];
    if (target.location === 'path') {
      if (value !== undefined) path = value;
      return;
    }
    if (target.location === 'statuscode') return;
    if (target.action !== 'remove' && value === undefined) return;
    if (target.location === 'header') {
      if (target.action !== 'append') headers = headers.filter(sameHeader(target.name));
      if (target.action !== 'remove') headers = [...headers, [target.name, value as string]];
      return;
    }
    if (target.action !== 'append') rawQuery = rawQuery.filter(otherQueryName(target.name));
    if (target.action !== 'remove') rawQuery = [...rawQuery, [encodeURIComponent(target.name), encodeURIComponent(value as string)]];
  });
  return { headers, rawQuery, path };
}
