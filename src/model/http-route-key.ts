/** HTTP-10: the syntax of HTTP API route keys, `$default` or `METHOD /path`, parsed once. */

export const HTTP_METHODS = ['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PathSegment = { kind: 'literal'; value: string } | { kind: 'variable'; name: string } | { kind: 'greedy'; name: string };

export type ParsedRouteKey = { kind: 'default' } | { kind: 'route'; method: HttpMethod; path: string; segments: PathSegment[] };

const VARIABLE = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/;

/** The parsed key, or a description of what is wrong with it. */
export function parseHttpRouteKey(key: string): ParsedRouteKey | { kind: 'invalid'; problem: string } {
  if (key === '$default') return { kind: 'default' };
  const space = key.indexOf(' ');
  if (space === -1 || key.indexOf(' ', space + 1) !== -1) return { kind: 'invalid', problem: 'expected "$default" or "METHOD /path" with exactly one space' };
  const method = key.slice(0, space);
  const path = key.slice(space + 1);
  if (!(HTTP_METHODS as readonly string[]).includes(method))
    return { kind: 'invalid', problem: `expected a method among ${HTTP_METHODS.join(', ')}, got "${method}"` };
  if (!path.startsWith('/')) return { kind: 'invalid', problem: `expected a path starting with "/", got "${path}"` };
  const segments: PathSegment[] = [];
  const names = new Set<string>();
  const parts = path === '/' ? [] : path.slice(1).split('/');
  for (const [index, part] of parts.entries()) {
    const variable = VARIABLE.exec(part);
    if (variable) {
      const [, name, plus] = variable as unknown as [string, string, string];
      if (names.has(name)) return { kind: 'invalid', problem: `path variable {${name}} appears twice` };
      names.add(name);
      if (plus && index !== parts.length - 1) return { kind: 'invalid', problem: `greedy variable {${name}+} must be the last segment` };
      segments.push(plus ? { kind: 'greedy', name } : { kind: 'variable', name });
      continue;
    }
    if (part.includes('{') || part.includes('}')) return { kind: 'invalid', problem: `a path variable must fill a whole segment, got "${part}"` };
    if (part === '') return { kind: 'invalid', problem: 'empty path segment' };
    segments.push({ kind: 'literal', value: part });
  }
  return { kind: 'route', method: method as HttpMethod, path, segments };
}
