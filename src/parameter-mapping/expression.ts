import { type PathStep, parseBodyPath } from './json-path.ts';

/**
 * HTTP-80, HTTP-81: the values of an HTTP API's parameter mappings: static text, one `$source.name` variable, or
 * text with `${source.name}` variables in it. Parsed once at start into parts; evaluated per request from a lookup.
 */

/** Where a variable reads from: the request (HTTP-80) or the backend's response (HTTP-81), plus context and stage. */
export type VariableSource =
  | 'request.header'
  | 'request.querystring'
  | 'request.body'
  | 'request.path'
  | 'response.header'
  | 'response.body'
  | 'context'
  | 'stageVariables';

export interface Variable {
  source: VariableSource;
  /** The header, query string, path parameter, context or stage variable name, or the body's JSON path; `''` for the whole body or path. */
  name: string;
  /** A body variable's JSON path, parsed. */
  steps?: readonly PathStep[];
}

export type ValuePart = string | Variable;

export interface ParsedValue {
  parts: readonly ValuePart[];
}

export type ParseResult = { kind: 'ok'; value: ParsedValue } | { kind: 'invalid'; problem: string };

export type MappingSide = 'request' | 'response';

const SOURCES_OF: Record<MappingSide, readonly VariableSource[]> = {
  request: ['request.header', 'request.querystring', 'request.body', 'request.path', 'context', 'stageVariables'],
  response: ['response.header', 'response.body', 'context', 'stageVariables'],
};

/** Sources that may stand alone, without a name: the whole body, the whole path. */
const WHOLE: ReadonlySet<VariableSource> = new Set(['request.body', 'request.path', 'response.body']);

/** HTTP-80: context variable names use letters, digits and only `.` and `_` besides. */
const CONTEXT_NAME = /^[A-Za-z0-9_.]+$/;
const STAGE_VARIABLE_NAME = /^[A-Za-z0-9_]+$/;
/** RFC 9110 token characters. */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

function variableOf(text: string, side: MappingSide): Variable | string {
  for (const source of SOURCES_OF[side]) {
    if (text === source) return WHOLE.has(source) ? { source, name: '' } : `"${text}" needs a name after it, as in "${source}.name"`;
    if (!text.startsWith(`${source}.`)) continue;
    const name = text.slice(source.length + 1);
    if (name === '') return `"${text}" needs a name after the dot`;
    if ((source === 'request.header' || source === 'response.header') && !HEADER_NAME.test(name)) return `"${text}": "${name}" is not a header name`;
    if (source === 'context' && !CONTEXT_NAME.test(name)) return `"${text}": context variable names have only letters, digits, "." and "_"`;
    if (source === 'stageVariables' && !STAGE_VARIABLE_NAME.test(name)) return `"${text}": stage variable names have only letters, digits and "_"`;
    if (source === 'request.body' || source === 'response.body') {
      const steps = parseBodyPath(name);
      if (!steps) return `"${text}": a JSON path of names and [index]es, without recursive descent, wildcards or filters`;
      return { source, name, steps };
    }
    return { source, name };
  }
  return `"$${text}" is not one of ${SOURCES_OF[side].map((source) => `$${source}`).join(', ')}`;
}

/** Parses one mapping value; `side` says whether `$request.*` or `$response.*` variables may appear. */
export function parseMappingValue(text: string, side: MappingSide): ParseResult {
  if (text.startsWith('$') && !text.startsWith('${')) {
    const variable = variableOf(text.slice(1), side);
    return typeof variable === 'string' ? { kind: 'invalid', problem: variable } : { kind: 'ok', value: { parts: [variable] } };
  }
  const parts: ValuePart[] = [];
  let rest = text;
  while (rest !== '') {
    const start = rest.indexOf('${');
    if (start === -1) {
      parts.push(rest);
      break;
    }
    if (start > 0) parts.push(rest.slice(0, start));
    const end = rest.indexOf('}', start);
    if (end === -1) return { kind: 'invalid', problem: `"${text}" opens "\${" without a closing "}"` };
    const variable = variableOf(rest.slice(start + 2, end), side);
    if (typeof variable === 'string') return { kind: 'invalid', problem: variable };
    parts.push(variable);
    rest = rest.slice(end + 1);
  }
  return { kind: 'ok', value: { parts } };
}

/** What a variable reads; `undefined` when the request or response has no such value. */
export type VariableLookup = (variable: Variable) => string | undefined;

/**
 * The value's text, or `undefined` when it is one variable and that is missing. UNVERIFIED: AWS does not document a
 * missing value; a lone missing variable leaves the target alone, a missing variable among text renders empty.
 */
export function evaluateMappingValue(value: ParsedValue, lookup: VariableLookup): string | undefined {
  const { parts } = value;
  if (parts.length === 1) {
    const only = parts[0] as ValuePart;
    return typeof only === 'string' ? only : lookup(only);
  }
  let text = '';
  for (const part of parts) text += typeof part === 'string' ? part : (lookup(part) ?? '');
  return text;
}
