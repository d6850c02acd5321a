/** What a listening address exposes: loopback checks, the addresses a wildcard bind answers on, and the warning for a wider bind. */
import { networkInterfaces } from 'node:os';

/** The subset of `os.networkInterfaces()` these functions read; injectable for tests. */
export type InterfaceTable = NodeJS.Dict<ReadonlyArray<{ address: string; family: string | number; internal: boolean }>>;

/** `127.0.0.0/8`, `::1` and their IPv4-mapped forms: a client on this machine. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

/** A `host` option that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host.toLowerCase() === 'localhost' || isLoopbackAddress(host.replace(/^\[(.*)\]$/, '$1'));
}

export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** This machine's own addresses (loopback included): a connection from one of them comes from this machine. */
export function ownAddresses(interfaces: InterfaceTable = networkInterfaces()): Set<string> {
  const addresses = new Set<string>();
  for (const entries of Object.values(interfaces)) for (const entry of entries ?? []) addresses.add(entry.address.toLowerCase());
  return addresses;
}

/** Default `isTrustedClient`: loopback, or an address of one of this machine's interfaces. */
export function thisMachineOnly(interfaces: InterfaceTable = networkInterfaces()): (address: string) => boolean {
  const own = ownAddresses(interfaces);
  return (address) => isLoopbackAddress(address) || own.has(address.toLowerCase().replace(/^::ffff:/, ''));
}

/**
 * The hosts a client on the network could put in a URL for a listener bound to `host`: the machine's non-internal
 * addresses for a wildcard (IPv4 only for `0.0.0.0`, both families for `::`), else `host` itself; none for loopback.
 */
export function networkHosts(host: string, interfaces: InterfaceTable = networkInterfaces()): string[] {
  if (isLoopbackHost(host)) return [];
  if (!isWildcardHost(host)) return [host];
  const ipv4Only = host === '0.0.0.0';
  const hosts: string[] = [];
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) {
      const ipv4 = entry.family === 'IPv4' || entry.family === 4;
      if (entry.internal || (ipv4Only && !ipv4)) continue;
      // Link-local IPv6 addresses need a zone id that a URL cannot carry portably.
      if (!ipv4 && entry.address.toLowerCase().startsWith('fe80:')) continue;
      hosts.push(entry.address);
    }
  }
  return hosts;
}

/** `[::1]` for IPv6 addresses, as URLs write them. */
export function urlHostOf(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

export interface ExposureSettings {
  host: string;
  /** Whether `credentials` are configured: then `@connections` and the Invoke API verify SigV4 signatures. */
  credentials: boolean;
  allowRemoteManagement: boolean;
}

/** Said at start when the ports are reachable beyond this machine: what anyone who can reach them can do, and how to protect it. */
export function exposureWarning(settings: ExposureSettings): string | undefined {
  if (isLoopbackHost(settings.host)) return undefined;
  const management = settings.credentials
    ? 'the Lambda Invoke API and @connections accept only requests signed (SigV4) with the configured credentials'
    : settings.allowRemoteManagement
      ? 'allowRemoteManagement (--allow-remote) is on and no credentials are configured: anyone who reaches the ports can invoke any function through the Lambda Invoke API (bypassing the APIs\u2019 throttling) and post to or delete any WebSocket connection through @connections'
      : 'the Lambda Invoke API and @connections refuse clients on other machines (403); configure credentials (the Gateway\u2019s credentials option) to let signed requests in, or allowRemoteManagement (--allow-remote) to open them';
  return `listening on ${settings.host}: the APIs and sites are reachable from the network, not only from this machine; ${management}. Bind to 127.0.0.1 (the default) to keep them local; see docs/exposure.md`;
}
