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

export type LogFormatName = 'text' | 'json';

export type InvocationStatus = 'success' | 'error' | 'timeout';

/** How an invocation's platform lines are written: Lambda's text format, or its JSON log format. */
export interface PlatformLog {
  start(requestId: string, epochMs: number): string;
  /** Text only: the JSON format has no END line. */
  end(requestId: string): string | undefined;
  report(requestId: string, epochMs: number, figures: ReportFigures, status: InvocationStatus): string;
  invokeError(requestId: string, epochMs: number, error: { errorType: string; errorMessage: string; trace: string[] }): string;
  timeout(requestId: string, epochMs: number, timeoutSeconds: number): string;
}

export const PLATFORM_LOGS: Record<LogFormatName, PlatformLog> = {
  text: {
    start: (requestId) => startLine(requestId),
    end: (requestId) => endLine(requestId),
    report: (requestId, _epochMs, figures) => reportLine(requestId, figures),
    invokeError: (requestId, epochMs, error) =>
      runtimeLine(
        epochMs,
        requestId,
        'ERROR',
        `Invoke Error \t${JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage, stack: error.trace })}`,
      ),
    timeout: (requestId, epochMs, timeoutSeconds) => `${new Date(epochMs).toISOString()} ${requestId} ${timeoutMessage(timeoutSeconds)}`,
  },
  // Lambda's JSON log format: platform events and application records, one JSON object per line.
  json: {
    start: (requestId, epochMs) => JSON.stringify({ time: new Date(epochMs).toISOString(), type: 'platform.start', record: { requestId, version: '$LATEST' } }),
    end: () => undefined,
    report: (requestId, epochMs, figures, status) =>
      JSON.stringify({
        time: new Date(epochMs).toISOString(),
        type: 'platform.report',
        record: {
          requestId,
          metrics: {
            durationMs: Number(figures.durationMs.toFixed(3)),
            billedDurationMs: Math.max(1, Math.ceil(figures.durationMs)),
            memorySizeMB: figures.memoryMb,
            maxMemoryUsedMB: figures.maxMemoryUsedMb,
            ...(figures.initDurationMs === undefined ? {} : { initDurationMs: Number(figures.initDurationMs.toFixed(3)) }),
          },
          status,
        },
      }),
    invokeError: (requestId, epochMs, error) =>
      JSON.stringify({
        timestamp: new Date(epochMs).toISOString(),
        level: 'ERROR',
        requestId,
        message: 'Invoke Error',
        errorType: error.errorType,
        errorMessage: error.errorMessage,
        stackTrace: error.trace,
      }),
    timeout: (requestId, epochMs, timeoutSeconds) =>
      JSON.stringify({ timestamp: new Date(epochMs).toISOString(), level: 'ERROR', requestId, message: timeoutMessage(timeoutSeconds) }),
  },
};
