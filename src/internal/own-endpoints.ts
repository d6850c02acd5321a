/**
 * The gateway's own endpoints by host name and port, so that code running in its process (handlers of the
 * in-process runner) reaches them through an in-memory connection instead of a loopback socket.
 */
import type { MemorySocket } from './memory-socket.ts';

/** An in-memory connection to one endpoint: plain, or `secure` as if over TLS; undefined when it cannot take one. */
export type ConnectInMemory = (secure: boolean) => MemorySocket | undefined;

/** Lower case, IPv6 addresses without their URL brackets. */
function normalisedHost(host: string): string {
  const lower = host.toLowerCase();
  return lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
}

export class OwnEndpoints {
  private readonly byAddress = new Map<string, ConnectInMemory>();

  /** `names`: the host names by which code on this machine reaches `port`. */
  add(names: readonly string[], port: number, connect: ConnectInMemory): void {
    for (const name of names) this.byAddress.set(`${normalisedHost(name)}:${port}`, connect);
  }

  /** An in-memory connection when `host:port` is one of these endpoints; undefined: connect over the network as asked. */
  connect(host: string, port: number, secure: boolean): MemorySocket | undefined {
    if (this.byAddress.size === 0) return undefined;
    return this.byAddress.get(`${normalisedHost(host)}:${port}`)?.(secure);
  }
}
