/** The scaffolding every HTTP and REST API shares around its pipeline: the request-line trace and the catch that answers 500. */

import type { Clock } from '../internal/clock.ts';
import type { EdgeHandler, EdgeRequest, GatewayResponse } from '../internal/edge/values.ts';
import { splitTarget } from '../internal/edge/values.ts';
import type { Log } from '../internal/log.ts';

/** What a pipeline tells the request line: which route took the request, once one did. */
export interface RequestTrace {
  routeKey: string | undefined;
}

export interface ApiSurfaceOptions {
  /** For log messages: `HTTP` or `REST`. */
  kind: string;
  api: { name: string; stage: { name: string } };
  clock: Clock;
  log: Log;
  /** Route key → the function it invokes: a route nobody logs builds no request line. */
  /** Route key → the function it invokes; undefined for MOCK and HTTP integrations. */
  routeFunctions: ReadonlyArray<readonly [string, string | undefined]>;
  /** The surface's own 500, for a failure of the gateway itself. */
  internalError: () => GatewayResponse;
  pipeline(request: EdgeRequest, trace: RequestTrace): Promise<GatewayResponse | undefined>;
}

export function serveApi(options: ApiSurfaceOptions): EdgeHandler {
  const { clock, log, api } = options;
  // Asked of the log once per route.
  const loggedRoutes = new Map(options.routeFunctions.map(([key, functionName]) => [key, log.wantsRequestLines(functionName)]));
  const logsUnrouted = log.wantsRequestLines(undefined);
  const logsAny = logsUnrouted || [...loggedRoutes.values()].includes(true);

  const answer = async (request: EdgeRequest, trace: RequestTrace): Promise<GatewayResponse | undefined> => {
    try {
      return await options.pipeline(request, trace);
    } catch (error) {
      log.error(`internal error in the ${options.kind} runtime: ${(error as Error).stack ?? error}`);
      return options.internalError();
    }
  };

  return async (request) => {
    const trace: RequestTrace = { routeKey: undefined };
    const startedAt = logsAny ? clock.now() : 0;
    const response = await answer(request, trace);
    // A request that got no response (the client left) has no line.
    const logged = trace.routeKey === undefined ? logsUnrouted : loggedRoutes.get(trace.routeKey);
    if (response && logged) {
      const epochMs = clock.now();
      log.requestLine({
        kind: 'http',
        api: api.name,
        stage: api.stage.name,
        epochMs,
        method: request.method,
        path: splitTarget(request.target).rawPath,
        routeKey: trace.routeKey,
        status: response.statusCode,
        durationMs: epochMs - startedAt,
      });
    }
    return response;
  };
}

/** HTTP-32: the result's headers as the gateway forwards them (lowercase names), then its own request id header, which wins. */
export function withGatewayHeader(result: GatewayResponse, name: string, value: string): GatewayResponse {
  const own = name.toLowerCase();
  const headers: Array<[string, string]> = [];
  for (const [header, headerValue] of result.headers) {
    const lower = header.toLowerCase();
    if (lower !== own) headers.push([lower, headerValue]);
  }
  headers.push([name, value]);
  return { ...result, headers };
}
