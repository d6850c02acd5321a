/** Identifier sources, injected so that tests can make them deterministic. */
import { randomBytes, randomUUID } from 'node:crypto';

export interface Ids {
  /** GEN-1: 16 characters of standard base64 ending in `=` (11 random bytes). */
  gatewayId(): string;
  /** Lambda's awsRequestId and the management API's x-amzn-RequestId. */
  uuid(): string;
}

export const systemIds: Ids = {
  gatewayId: () => randomBytes(11).toString('base64'),
  uuid: () => randomUUID(),
};

/** GEN-1: the shape of connection and request ids. */
export const GATEWAY_ID_PATTERN = /^[A-Za-z0-9+/]{15}=$/;
