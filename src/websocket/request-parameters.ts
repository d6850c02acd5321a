/**
 * RequestParameters of a WebSocket HTTP integration: `integration.request.header.<Name>` and
 * `integration.request.querystring.<name>` mapped from `context.<var>`, `stageVariables.<name>`,
 * `route.request.body.<path>` or a `'static'` value, evaluated per message.
 */
import { type TemplateInputs, valueAtPath } from '../mapping/index.ts';
import { REQUEST_PARAMETER_TARGET } from '../model/request-parameters.ts';

export interface MappedParameters {
  headers: Record<string, string>;
  /** Encoded `name=value&…`, or `''`. */
  query: string;
}

export interface RequestParameters {
  evaluate(inputs: TemplateInputs): MappedParameters;
}

type Read = (inputs: TemplateInputs, body: () => unknown) => string | undefined;

const textOf = (value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : typeof value === 'object' ? JSON.stringify(value) : String(value);

function readerOf(source: string): Read {
  if (source.startsWith("'")) {
    const literal = source.slice(1, -1);
    return () => literal;
  }
  if (source.startsWith('context.')) {
    const path = `$.${source.slice('context.'.length)}`;
    return (inputs) => textOf(valueAtPath(inputs.context, path));
  }
  if (source.startsWith('stageVariables.')) {
    const name = source.slice('stageVariables.'.length);
    return (inputs) => inputs.stageVariables[name];
  }
  const path = `$.${source.slice('route.request.body.'.length)}`;
  return (_, body) => textOf(valueAtPath(body(), path));
}

const NONE: RequestParameters = { evaluate: () => ({ headers: {}, query: '' }) };

/** The model check already accepted every key and value; a source that reads nothing maps nothing. */
export function compileRequestParameters(parameters: Readonly<Record<string, string>> | undefined): RequestParameters {
  const entries = Object.entries(parameters ?? {}).map(([target, source]) => {
    const [, location, name] = REQUEST_PARAMETER_TARGET.exec(target) as RegExpExecArray;
    return { location, name: location === 'header' ? (name as string).toLowerCase() : (name as string), read: readerOf(source) };
  });
  if (entries.length === 0) return NONE;
  return {
    evaluate(inputs) {
      let parsed: { value: unknown } | undefined;
      const body = () => {
        if (parsed === undefined) {
          try {
            parsed = { value: JSON.parse(inputs.body) };
          } catch {
            parsed = { value: undefined };
          }
        }
        return parsed.value;
      };
      const headers: Record<string, string> = {};
      const query = new URLSearchParams();
      for (const { location, name, read } of entries) {
        const value = read(inputs, body);
        if (value === undefined) continue;
        if (location === 'header') headers[name] = value;
        else query.append(name, value);
      }
      return { headers, query: query.toString() };
    },
  };
}
