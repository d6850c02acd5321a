/** HTTP-11: route matching with API Gateway's priority, pure and precomputed once per API. */
import { decodePercentEncoded } from '../internal/percent-decoding.ts';
import { type HttpMethod, type PathSegment, parseHttpRouteKey } from '../model/http-route-key.ts';

export interface RouteMatch<R> {
  route: R;
  /** HTTP-12: percent-decoded values; the greedy one without its leading slash. */
  pathParameters: Record<string, string> | undefined;
}

interface Candidate<R> {
  route: R;
  method: HttpMethod;
  segments: PathSegment[];
  greedy: boolean;
}

/** HTTP-11.4: at the first differing segment a literal beats `{name}`, which beats `{name+}`. */
const SEGMENT_RANK = { literal: 0, variable: 1, greedy: 2 } as const;

function compareCandidates<R>(a: Candidate<R>, b: Candidate<R>): number {
  const length = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i++) {
    const difference = SEGMENT_RANK[(a.segments[i] as PathSegment).kind] - SEGMENT_RANK[(b.segments[i] as PathSegment).kind];
    if (difference !== 0) return difference;
  }
  // More segments before the greedy variable wins.
  if (a.segments.length !== b.segments.length) return b.segments.length - a.segments.length;
  // An exact method beats ANY.
  return (a.method === 'ANY' ? 1 : 0) - (b.method === 'ANY' ? 1 : 0);
}

/** HTTP-12: a malformed percent-encoding is passed on as it was sent. */
function decode(segment: string): string {
  return decodePercentEncoded(segment) ?? segment;
}

/** Matches `parts` (the raw, still-encoded segments) against a route's segments. */
function matchSegments(segments: readonly PathSegment[], parts: readonly string[]): Record<string, string> | undefined | false {
  let parameters: Record<string, string> | undefined;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as PathSegment;
    if (segment.kind === 'greedy') {
      // HTTP-11 (unverified): a greedy variable needs at least one segment.
      if (i >= parts.length) return false;
      parameters ??= {};
      parameters[segment.name] = decode(parts.slice(i).join('/'));
      return parameters;
    }
    const part = parts[i];
    if (part === undefined) return false;
    if (segment.kind === 'literal') {
      if (part !== segment.value) return false;
    } else {
      if (part === '') return false;
      parameters ??= {};
      parameters[segment.name] = decode(part);
    }
  }
  return parts.length === segments.length ? parameters : false;
}

export interface Router<R> {
  /** `path` is stage-relative and still percent-encoded, starting with `/`. */
  match(method: string, path: string): RouteMatch<R> | undefined;
}

export function createRouter<R extends { key: string }>(routes: readonly R[]): Router<R> {
  let defaultRoute: R | undefined;
  const candidates: Array<Candidate<R>> = [];
  for (const route of routes) {
    const parsed = parseHttpRouteKey(route.key);
    if (parsed.kind === 'default') defaultRoute = route;
    else if (parsed.kind === 'route')
      candidates.push({ route, method: parsed.method, segments: parsed.segments, greedy: parsed.segments.at(-1)?.kind === 'greedy' });
  }
  // HTTP-11.3: routes without a greedy variable first, then greedy ones, each by specificity.
  candidates.sort((a, b) => Number(a.greedy) - Number(b.greedy) || compareCandidates(a, b));
  return {
    match(method, path) {
      // HTTP-12: a trailing slash is a real, empty segment.
      const parts = path === '/' ? [] : path.slice(1).split('/');
      for (const candidate of candidates) {
        // HTTP-12: HEAD matches only HEAD or ANY routes.
        if (candidate.method !== 'ANY' && candidate.method !== method) continue;
        const parameters = matchSegments(candidate.segments, parts);
        if (parameters !== false) return { route: candidate.route, pathParameters: parameters };
      }
      return defaultRoute ? { route: defaultRoute, pathParameters: undefined } : undefined;
    },
  };
}
