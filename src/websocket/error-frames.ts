/** The gateway's own error frames on an open connection, byte for byte (WS-25, WS-45..48). */

export const FRAME_MESSAGES = {
  /** WS-25 / WS-49: no route and no `$default`. */
  noRoute: 'Forbidden',
  /** WS-45: the handler failed or its result could not be used. */
  handlerError: 'Internal server error',
  /** WS-46: the integration did not answer in time. */
  integrationTimeout: 'Endpoint request timed out',
  /** WS-47 / MAP-10: the route's request model rejected the message. */
  invalidBody: 'Invalid request body',
  /** WS-48. UNVERIFIED. */
  throttled: 'Too Many Requests',
  /** MAP-20: no request template takes the message and passthroughBehavior forbids passing it. UNVERIFIED: REST's 415 text. */
  unsupportedMediaType: 'Unsupported Media Type',
} as const;

export type FrameMessage = (typeof FRAME_MESSAGES)[keyof typeof FRAME_MESSAGES];

/**
 * One space after `"message":` and after each comma, none after the other colons (WS-25).
 * Ids are GEN-1 base64, so they need no JSON escaping.
 */
export function errorFrame(message: FrameMessage, connectionId: string, requestId: string): string {
  return `{"message": "${message}", "connectionId":"${connectionId}", "requestId":"${requestId}"}`;
}
