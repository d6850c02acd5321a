/** `inspect`: where a debugger attaches to handler code for each runner, and how long it may hold an invocation. */
import { openProcessInspector } from '../internal/inspector.ts';
import type { Log } from '../internal/log.ts';
import { LAMBDA_LIMITS } from '../limits.ts';

export interface InspectOptions {
  host: string;
  /** The gateway's inspector port; environments with inspectors of their own take the ports after it. 0: free ports. */
  port: number;
}

export type InspectorEndpoint =
  /** worker-thread, in-process: the gateway's own inspector; worker threads are its NodeWorker targets. */
  | { kind: 'process'; url: string; host: string; port: number }
  /** child-process: each environment's own inspector, from `firstPort` on (0: a free port each), logged as it starts. */
  | { kind: 'environments'; host: string; firstPort: number };

/**
 * DIFF: Lambda stops an invocation at its function's timeout. While inspecting, an environment is stopped only at
 * Lambda's maximum timeout, because a pause at a breakpoint would otherwise end the environment under the debugger.
 * The handler's context still counts down from the function's own timeout.
 */
export const INSPECT_TIMEOUT_SECONDS = LAMBDA_LIMITS.timeoutSeconds.max;

export interface Inspecting {
  endpoint: InspectorEndpoint;
  close(): void;
}

/** Opens the gateway's inspector, unless each environment of the runner opens its own (`environments`). */
export function startInspecting(where: 'process' | 'environments', inspect: InspectOptions, log: Log): Inspecting {
  if (where === 'environments') {
    const firstPort = inspect.port === 0 ? 0 : inspect.port + 1;
    return { endpoint: { kind: 'environments', host: inspect.host, firstPort }, close() {} };
  }
  const opened = openProcessInspector(inspect.host, inspect.port);
  if (opened.reused && ((inspect.port !== 0 && inspect.port !== opened.port) || inspect.host !== opened.host))
    log.warn(
      `inspect: this process's inspector listens on ${opened.host}:${opened.port} already; debuggers attach there, not to ${inspect.host}:${inspect.port}`,
    );
  return { endpoint: { kind: 'process', url: opened.url, host: opened.host, port: opened.port }, close: () => opened.close() };
}

/** Ports handed to environments' inspectors in this process, so that two environments never ask for the same one. */
const claimedPorts = new Set<number>();

/** The lowest unclaimed port from `firstPort` on (0: any free port); `release` it when the environment ends. */
export function claimInspectorPort(firstPort: number): { port: number; release(): void } {
  if (firstPort === 0) return { port: 0, release() {} };
  let port = firstPort;
  while (claimedPorts.has(port)) port += 1;
  if (port > 65535) return { port: 0, release() {} };
  claimedPorts.add(port);
  let released = false;
  return {
    port,
    release() {
      if (released) return;
      released = true;
      claimedPorts.delete(port);
    },
  };
}

/** What Node's inspector writes to stderr as it starts: its URL, or why it could not listen. */
export const INSPECTOR_LINE = /^(?:Debugger listening on ws:\/\/\S+|Starting inspector on \S+ failed: .*)$/;

/** What Node writes as a process with a debugger attached exits: it waits for the debugger to disconnect first. */
export const WAITING_FOR_DISCONNECT = 'Waiting for the debugger to disconnect...';

/** An environment's inspector line, to the gateway's log with its function and environment (its log stream). */
export function logInspectorLine(log: Log, functionName: string, streamName: string, line: string): void {
  const url = line.match(/^Debugger listening on (ws:\/\/(\S+?)\/\S*)$/);
  if (url) log.info(`[${functionName}] Debugger listening on ${url[1]}  (environment ${streamName}; chrome://inspect, or attach VS Code to ${url[2]})`);
  else log.warn(`[${functionName}] environment ${streamName}: ${line}; it runs without a debugger`);
}

/** An invocation that ran past its function's timeout, which only inspecting allowed. */
export function overrunWarning(functionName: string, requestId: string, durationMs: number, timeoutSeconds: number): string {
  return `${functionName}: invocation ${requestId} ran ${(durationMs / 1000).toFixed(2)} s, past the function's ${timeoutSeconds} s timeout: allowed while inspecting, Lambda would have stopped it`;
}
