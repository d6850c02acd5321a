/** Small facts about sockets and requests that several parts need. */
import type { Ids } from './ids.ts';

/** `::ffff:127.0.0.1` → `127.0.0.1`: AWS reports IPv4 clients in dotted form. */
export function normaliseIp(address: string | undefined): string {
  if (!address) return '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** The X-Ray trace header the gateway adds: `Root=1-<epoch seconds, hex>-<24 hex>`. */
export function traceHeader(epochMs: number, ids: Ids): string {
  return `Root=1-${Math.floor(epochMs / 1000).toString(16)}-${ids.uuid().replaceAll('-', '').slice(0, 24)}`;
}
