/** CloudWatch-style log lines of the Node.js Lambda runtime: START, END, REPORT, timeouts. */

export function startLine(requestId: string): string {
  return `START RequestId: ${requestId} Version: $LATEST`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

export interface ReportFigures {
  durationMs: number;
  memoryMb: number;
  maxMemoryUsedMb: number;
  /** Present on a cold start only. */
  initDurationMs?: number;
}

export function reportLine(requestId: string, figures: ReportFigures): string {
  const billedMs = Math.max(1, Math.ceil(figures.durationMs));
  let line = `REPORT RequestId: ${requestId}\tDuration: ${figures.durationMs.toFixed(2)} ms\tBilled Duration: ${billedMs} ms\tMemory Size: ${figures.memoryMb} MB\tMax Memory Used: ${figures.maxMemoryUsedMb} MB`;
  if (figures.initDurationMs !== undefined) line += `\tInit Duration: ${figures.initDurationMs.toFixed(2)} ms`;
  return line;
}

/** Lambda's wording, e.g. `Task timed out after 3.00 seconds`. */
export function timeoutMessage(timeoutSeconds: number): string {
  return `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
}

/** A runtime line in Lambda's text format: `<ISO time>\t<request id>\t<LEVEL>\t<message>`. */
export function runtimeLine(epochMs: number, requestId: string, level: string, message: string): string {
  return `${new Date(epochMs).toISOString()}\t${requestId}\t${level}\t${message}`;
}
