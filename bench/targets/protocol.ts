/** What every target prints on its stdout when it is ready: one JSON line with its endpoints. */
export interface TargetEndpoints {
  /** GET ${http}/hello answers "hello". */
  http: string;
  /** Messages {"action":"echo"|"sendself", …}: echo answers with the message, sendself posts it back. */
  plain: string;
  /** Messages {"action":"broadcast", …} reach every connection of this endpoint. */
  chat: string;
}

/** `memoryPid`: the process whose memory counts, when the target runs its server in a child. */
export function announce(endpoints: TargetEndpoints, memoryPid?: number): void {
  process.stdout.write(`${JSON.stringify({ ready: endpoints, memoryPid })}\n`);
}
