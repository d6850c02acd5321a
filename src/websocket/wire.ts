/** The network edge of a WebSocket API: node's upgrade requests become upgrade facts, the runtime's decision goes back on the socket. */
import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { WebSocketServer } from 'ws';
import type { Clock } from '../internal/clock.ts';
import type { WebSocketRuntime } from './runtime.ts';
import type { UpgradeDecision, UpgradeFacts } from './upgrade.ts';
import { wsSocket } from './ws-socket.ts';

/** The protocol a `$connect` result asked to relay, carried from the decision to ws's `headers` event. */
const RELAYED_PROTOCOL = Symbol('hoplite.relayedProtocol');
type UpgradeRequest = IncomingMessage & { [RELAYED_PROTOCOL]?: string };

/** How long a refused client may keep its side open after the response was flushed. */
const REFUSED_SOCKET_LINGER_MS = 1_000;

function ignore(): void {}

export function upgradeFactsOf(request: IncomingMessage): UpgradeFacts {
  return {
    url: request.url ?? '/',
    method: request.method,
    rawHeaders: request.rawHeaders,
    headers: request.headers,
    remoteAddress: request.socket.remoteAddress,
    localPort: request.socket.localPort ?? 0,
    secure: Boolean((request.socket as TLSSocket).encrypted),
  };
}

/** Writes a complete HTTP response on the raw socket and ends it: how a refused upgrade reaches the client. */
export function refuseUpgrade(socket: Duplex, status: number, body: string, clock: Clock): void {
  if (socket.destroyed) return;
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}`, 'Connection: close'];
  if (body) lines.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`);
  else lines.push('Content-Length: 0');
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
  // end() flushes; destroy soon after in case the client keeps its side open.
  clock.setTimer(REFUSED_SOCKET_LINGER_MS, () => socket.destroy());
}

export class WireUpgrades {
  private readonly runtime: WebSocketRuntime;
  private readonly clock: Clock;
  private readonly server: WebSocketServer;

  constructor(runtime: WebSocketRuntime, clock: Clock) {
    this.runtime = runtime;
    this.clock = clock;
    this.server = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      clientTracking: false,
      maxPayload: runtime.limits.maxMessageBytes,
      // WS-15: the gateway never picks a subprotocol itself; `$connect` decides (see the headers hook).
      handleProtocols: () => false,
    });
    this.server.on('headers', (headers, request: UpgradeRequest) => {
      const protocol = request[RELAYED_PROTOCOL];
      if (protocol) headers.push(`Sec-WebSocket-Protocol: ${protocol}`);
    });
  }

  /** WS-3: the upgrade stays pending while the runtime decides. */
  async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', ignore);
    let clientLeft = false;
    socket.once('close', () => {
      clientLeft = true;
    });
    const decision = await this.runtime.decide(upgradeFactsOf(request), () => clientLeft || socket.destroyed);
    this.apply(decision, request as UpgradeRequest, socket, head);
  }

  close(): void {
    this.server.close();
  }

  private apply(decision: UpgradeDecision, request: UpgradeRequest, socket: Duplex, head: Buffer): void {
    if (decision.kind === 'gone') return;
    if (decision.kind === 'refuse') {
      refuseUpgrade(socket, decision.status, decision.body, this.clock);
      return;
    }
    if (decision.protocol) request[RELAYED_PROTOCOL] = decision.protocol;
    let opened = false;
    // ws completes or refuses the upgrade synchronously.
    this.server.handleUpgrade(request, socket, head, (ws) => {
      opened = true;
      this.runtime.open(wsSocket(ws, this.runtime.limits.maxFrameBytes), decision.admitted);
    });
    // isValidUpgrade refuses first what ws would refuse; should ws refuse anyway, the runtime is told.
    if (!opened) this.runtime.abandon(decision.admitted);
  }
}
