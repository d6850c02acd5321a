/** GEN-4: the `domainName` of events is one of the gateway's own names, never whatever `Host` a client sent. */
import { isWildcardHost, urlHostOf } from './bind.ts';

export interface DomainNameSettings {
  /** The `host` option the ports listen on. */
  host: string;
  /** Further names of this machine (`hostAliases`), without a port. */
  aliases: readonly string[];
  /** Addresses a wildcard bind answers on (`networkHosts`), each a name clients may use. */
  networkHosts: readonly string[];
  /** `{apiId}.execute-api.{region}.amazonaws.com`, which handler code may use when AWS host names stay local. */
  awsHost?: string;
}

/** Maps the `Host` a client sent on a port to the `domainName` its events carry. */
export type DomainNameOf = (hostHeader: string | undefined, port: number) => string;

/** The host the gateway prints for its URLs: `127.0.0.1` for a wildcard bind, `[::1]` for IPv6. */
export function printedHost(host: string): string {
  return isWildcardHost(host) ? '127.0.0.1' : urlHostOf(host);
}

/**
 * A `Host` naming one of the gateway's own names on the port it arrived on (the printed host, `localhost`, `127.0.0.1`
 * for a wildcard bind, the network addresses, the aliases; case-insensitive) is kept as sent; any other falls back to
 * the printed `host:port`, so a handler building `https://${domainName}/${stage}` always reaches this gateway.
 * DIFF: API Gateway refuses a Host it does not serve with 403; here the request is served, because a client may use
 * a name of this machine Hoplite cannot know (a LAN DNS name, `host.docker.internal`).
 */
/** The names clients use for the gateway, lower-cased: the printed host, `localhost`, the aliases, the network addresses. */
export function ownHostNames(settings: Omit<DomainNameSettings, 'awsHost'>): string[] {
  return [printedHost(settings.host), 'localhost', ...settings.aliases, ...settings.networkHosts.map(urlHostOf)].map((name) => name.toLowerCase());
}

export function createDomainNameOf(settings: DomainNameSettings): DomainNameOf {
  const hosts = new Set(ownHostNames(settings));
  const awsHost = settings.awsHost?.toLowerCase();
  const fallbackHost = printedHost(settings.host);
  return (hostHeader, port) => {
    const sent = (hostHeader ?? '').trim().toLowerCase();
    if (awsHost !== undefined && (sent === awsHost || sent === `${awsHost}:443`)) return sent;
    const colon = sent.lastIndexOf(':');
    const name = colon > sent.lastIndexOf(']') ? sent.slice(0, colon) : sent;
    const sentPort = colon > sent.lastIndexOf(']') ? sent.slice(colon + 1) : '';
    if (sentPort === String(port) && hosts.has(name)) return sent;
    return `${fallbackHost}:${port}`;
  };
}
