/** REST-40..47: what a REST method's authorizer is given and what it decides, whatever its type. */
import type { RestRequestShape } from './authorizer-events.ts';
import type { GatewayError } from './gateway-responses.ts';

/** What an authorizer needs of a request; `shape` is built only by REQUEST authorizers. */
export interface RestAuthorizationRequest {
  methodArn: string;
  rawHeaders: readonly string[];
  requestId: string;
  shape: () => RestRequestShape;
}

export type RestAuthorizationVerdict =
  | {
      kind: 'allow';
      /** REST-43, REST-48: `requestContext.authorizer` of the proxy event, `$context.authorizer` of custom integrations. */
      context: Record<string, unknown>;
      /** REST-45: the API key of a usage plan, for APIs whose key source is `AUTHORIZER`. */
      usageIdentifierKey: string | undefined;
    }
  | { kind: 'deny'; error: GatewayError };

/** One method's authorization step: a Lambda authorizer (shared by its methods) or a Cognito one (with the method's scopes). */
export interface RestMethodAuthorizer {
  authorize(request: RestAuthorizationRequest): Promise<RestAuthorizationVerdict>;
}

export const UNAUTHORIZED: RestAuthorizationVerdict = { kind: 'deny', error: { type: 'UNAUTHORIZED' } };

/** The value of a header (its last, when repeated: UNVERIFIED, as AUTH-2 says for WebSocket authorizers). */
export function lastHeader(rawHeaders: readonly string[], lowerName: string): string | undefined {
  let found: string | undefined;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) if ((rawHeaders[i] as string).toLowerCase() === lowerName) found = rawHeaders[i + 1];
  return found;
}
