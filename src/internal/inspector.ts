/** The process's inspector (`node:inspector`), opened for the gateways that ask for it and closed after the last one. */
import inspector from 'node:inspector';
import { HopliteError } from '../errors.ts';

export interface ProcessInspector {
  /** `ws://host:port/<id>`: what Chrome DevTools and VS Code attach to. */
  url: string;
  host: string;
  port: number;
  /** Whether it was listening already (`node --inspect`, or opened for another gateway), perhaps elsewhere than asked. */
  reused: boolean;
  /** Releases this claim; the last claim made through `openProcessInspector` closes what it opened. */
  close(): void;
}

/** Claims on the inspector this module opened: a process has one inspector, and two gateways may share it. */
let claims = 0;
let openedHere = false;

function endpointOf(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(parsed.port) };
}

/** Opens the inspector on `host:port` (0: a free port), or joins the one that listens already. */
export function openProcessInspector(host: string, port: number): ProcessInspector {
  let url = inspector.url();
  const reused = url !== undefined;
  if (url === undefined) {
    // Node reports a port it cannot bind on stderr (`Starting inspector on … failed: …`) and throws nothing.
    inspector.open(port, host, false);
    url = inspector.url();
    if (url === undefined)
      throw new HopliteError('HOPLITE_ERR_LISTEN', `inspect: port ${port} on ${host} is in use or cannot be bound; choose another with --inspect=host:port`);
    openedHere = true;
  }
  claims += 1;
  let closed = false;
  return {
    url,
    ...endpointOf(url),
    reused,
    close() {
      if (closed) return;
      closed = true;
      claims -= 1;
      if (claims > 0 || !openedHere) return;
      openedHere = false;
      inspector.close();
    },
  };
}
