/**
 * AUTH-20..40: the seam between an HTTP API route and its authorizer. Each authorization type builds one
 * `RouteAuthorization` per route at start; a route without one has none in the map and pays nothing per request.
 */
import type { HttpRouteModel } from '../model/types.ts';
import type { ApiFacts, HttpRequestFacts } from './request.ts';
import type { GatewayResponse } from './responses.ts';

export interface AuthorizationRequest {
  facts: HttpRequestFacts;
  api: ApiFacts;
  route: HttpRouteModel;
  pathParameters: Record<string, string> | undefined;
  /** The stage-relative path. */
  path: string;
}

/**
 * `allow` carries what the integration event gets as `requestContext.authorizer`, per the route's payload format
 * (AUTH-24, AUTH-34, AUTH-40); `deny` is the gateway's answer (401, 403, 500), and no integration runs.
 */
export type AuthorizationVerdict =
  | {
      kind: 'allow';
      authorizer: (payloadFormatVersion: '1.0' | '2.0') => Record<string, unknown> | undefined;
      /** AUTH-40: the signer's fields of a 1.0 event's `requestContext.identity`. */
      identity?: Record<string, string>;
    }
  | { kind: 'deny'; response: GatewayResponse };

export interface RouteAuthorization {
  /** Never rejects: an authorizer that fails is a `deny` with the gateway's 500. */
  authorize(request: AuthorizationRequest): Promise<AuthorizationVerdict>;
}
