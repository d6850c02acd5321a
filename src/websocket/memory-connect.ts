/** `gateway.connect`: finds the WebSocket API a URL names and builds the upgrade a `ws` client would send for it. */
import { randomBytes } from 'node:crypto';
import { HopliteError } from '../errors.ts';
import { type DomainNameSettings, ownHostNames } from '../internal/domain-name.ts';
import type { MemoryTarget } from './memory-client.ts';
import type { WebSocketRuntime } from './runtime.ts';

export interface ConnectOptions {
  /** Headers of the upgrade request, as a `ws` client's `headers` option; `Host` defaults to the URL's. */
  headers?: Record<string, string>;
  /** Subprotocols asked for in `Sec-WebSocket-Protocol`. */
  protocols?: string | string[];
}

/** A WebSocket API of the gateway, as `connect` finds it. */
export interface ConnectableApi {
  port: number;
  runtime: WebSocketRuntime;
}

const SCHEMES: Record<string, boolean> = { 'ws:': false, 'http:': false, 'wss:': true, 'https:': true };

/** The in-memory client's own address: its events carry it as `sourceIp`. */
const LOOPBACK = '127.0.0.1';

/**
 * The API on the URL's port, when the URL names this gateway (its printed host, `localhost`, `127.0.0.1`, its
 * aliases and network addresses) over ws:, wss:, http: or https:. The path is the runtime's to judge (WS-1).
 */
export function memoryTarget(
  url: string | URL,
  options: ConnectOptions,
  apis: readonly ConnectableApi[],
  names: Omit<DomainNameSettings, 'awsHost'>,
): MemoryTarget {
  const parsed = new URL(url);
  const secure = SCHEMES[parsed.protocol];
  const port = Number(parsed.port || (secure ? 443 : 80));
  const named = [...ownHostNames(names), LOOPBACK].includes(parsed.hostname.toLowerCase());
  const api = secure === undefined || !named ? undefined : apis.find((candidate) => candidate.port === port);
  if (!api) {
    throw new HopliteError(
      'HOPLITE_ERR_CONNECT_URL',
      `${parsed.href} names no WebSocket API of this gateway; use the url or secureUrl of one in gateway.ready`,
    );
  }
  const protocols = options.protocols === undefined ? [] : typeof options.protocols === 'string' ? [options.protocols] : options.protocols;
  const headers: Record<string, string> = {
    Host: parsed.host,
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    Connection: 'Upgrade',
    Upgrade: 'websocket',
  };
  if (protocols.length > 0) headers['Sec-WebSocket-Protocol'] = protocols.join(',');
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    const same = Object.keys(headers).find((existing) => existing.toLowerCase() === name.toLowerCase());
    if (same !== undefined) delete headers[same];
    headers[name] = value;
  }
  const entries = Object.entries(headers);
  return {
    runtime: api.runtime,
    protocols,
    upgrade: {
      url: `${parsed.pathname}${parsed.search}`,
      method: 'GET',
      rawHeaders: entries.flat(),
      headers: Object.fromEntries(entries.map(([name, value]) => [name.toLowerCase(), value])),
      remoteAddress: LOOPBACK,
      localPort: api.port,
      secure: secure === true,
    },
  };
}
