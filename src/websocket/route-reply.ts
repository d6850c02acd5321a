/** What a message's integration outcome sends back on the connection (WS-40..46, WS-80). */
import type { IntegrationOutcome } from '../integrations/index.ts';
import type { WebSocketRouteModel } from '../model/types.ts';
import { FRAME_MESSAGES, type FrameMessage } from './error-frames.ts';

/**
 * An error frame (WS-45, WS-46), the route response body (WS-41), or nothing (WS-40). A body over the message
 * limit cannot be delivered (WS-80), so it counts as an unusable result.
 * UNVERIFIED: AWS does not document a route response over 128 KB; Choice: the WS-45 frame, the connection stays open.
 */
export function routeReply(route: WebSocketRouteModel, outcome: IntegrationOutcome, maxMessageBytes: number): { frame?: FrameMessage; body?: string | Buffer } {
  if (outcome.kind === 'timed-out') return { frame: FRAME_MESSAGES.integrationTimeout };
  if (outcome.kind !== 'answered') return { frame: FRAME_MESSAGES.handlerError };
  if (route.routeResponseSelectionExpression !== '$default') return {};
  const payload = outcome.payload as { body?: unknown; isBase64Encoded?: unknown } | null;
  // WS-41: only a non-empty string body is sent; statusCode does not matter.
  if (typeof payload !== 'object' || payload === null || typeof payload.body !== 'string' || payload.body === '') return {};
  const body = payload.isBase64Encoded === true ? Buffer.from(payload.body, 'base64') : payload.body;
  const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  return bytes > maxMessageBytes ? { frame: FRAME_MESSAGES.handlerError } : { body };
}
