/** Identifier sources, injected so that tests can make them deterministic. */
import { randomBytes, randomUUID } from 'node:crypto';

export interface Ids {
  /** GEN-1: 16 characters of standard base64 ending in `=` (11 random bytes). */
  gatewayId(): string;
  /** Lambda's awsRequestId and the management API's x-amzn-RequestId. */
  uuid(): string;
}

const ID_BYTES = 11;
/** Random bytes for 512 ids at a time: one call into the CSPRNG instead of one per request. */
const POOL_BYTES = ID_BYTES * 512;
let pool = Buffer.alloc(0);
let offset = 0;

function randomGatewayId(): string {
  if (offset + ID_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const id = pool.toString('base64', offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return id;
}

export const systemIds: Ids = {
  gatewayId: randomGatewayId,
  // randomUUID keeps its own cache of random bytes.
  uuid: () => randomUUID(),
};

/** GEN-1: the shape of connection and request ids. */
export const GATEWAY_ID_PATTERN = /^[A-Za-z0-9+/]{15}=$/;
