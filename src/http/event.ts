/** The Lambda proxy event of an HTTP API route, in the route's payload format (HTTP-20..23). */
import type { HttpRouteModel } from '../model/types.ts';
import { requestToProxyEventV1 } from './payload-v1.ts';
import { requestToProxyEventV2 } from './payload-v2.ts';
import type { ApiFacts, HttpRequestFacts } from './request.ts';

export interface RoutedRequest {
  route: HttpRouteModel;
  pathParameters: Record<string, string> | undefined;
  /** The stage-relative path. */
  path: string;
}

export function httpProxyEvent(facts: HttpRequestFacts, api: ApiFacts, routed: RoutedRequest): unknown {
  const { route, pathParameters, path } = routed;
  if (route.payloadFormatVersion === '2.0') return requestToProxyEventV2(facts, api, route.key, pathParameters);
  return requestToProxyEventV1(facts, api, pathParameters, {
    lowercaseHeaders: true,
    version: true,
    // UNVERIFIED Choice: `$default` as the resource of the default route.
    resource: route.key === '$default' ? '$default' : route.key.slice(route.key.indexOf(' ') + 1),
    path,
    requestId: facts.requestId,
  });
}
