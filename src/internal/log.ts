/** The log sink every part writes to; injected, never global. */
import { formatWithOptions } from 'node:util';
import { formatRequestLine, type LogFormat, type RequestLine } from './request-lines.ts';

export type { LogFormat, RequestLine } from './request-lines.ts';

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** One line of a function's log stream: START/END/REPORT and the handler's own output. */
  functionLine(functionName: string, line: string): void;
  /** Whether `functionLine` keeps this function's lines: when not, they need not be formatted at all. */
  wantsFunctionLines(functionName: string): boolean;
  /** One line about what an API served: a WebSocket connect, message or disconnect, an `@connections` call, an HTTP request. */
  requestLine(line: RequestLine): void;
  /**
   * Whether `requestLine` keeps lines about routes of this function (`undefined`: lines about no function);
   * APIs ask once per route, so a route nobody logs builds no line at all.
   */
  wantsRequestLines(functionName: string | undefined): boolean;
}

export interface ConsoleLogOptions {
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream;
  /** Keep only errors: no function lines, request lines, information or warnings. */
  quiet?: boolean;
  /** Print the log lines of these functions only (and of the requests their routes served). */
  functions?: readonly string[];
  /** Request lines as text or as one JSON object each. @default 'text' */
  format?: LogFormat;
}

const DIM = '\u001b[2m';
const CYAN = '\u001b[36m';
const YELLOW = '\u001b[33m';
const RED = '\u001b[31m';
const MAGENTA = '\u001b[35m';
const RESET = '\u001b[0m';

/** Writes to the terminal; colours only when stdout is a TTY. */
export function consoleLog(options: ConsoleLogOptions = {}): Log {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const colour = Boolean(stdout.isTTY);
  const paint = (code: string, text: string) => (colour ? `${code}${text}${RESET}` : text);
  const wanted = (functionName: string) => !options.quiet && (!options.functions || options.functions.includes(functionName));
  const format = options.format ?? 'text';
  const paintSource = (text: string) => paint(MAGENTA, text);
  return {
    wantsFunctionLines: wanted,
    wantsRequestLines: (functionName) => (functionName === undefined ? !options.quiet : wanted(functionName)),
    requestLine: (line) => {
      if (!options.quiet) stdout.write(`${formatRequestLine(line, format, paintSource)}\n`);
    },
    info: (message) => {
      if (!options.quiet) stdout.write(`${message}\n`);
    },
    warn: (message) => {
      if (!options.quiet) stderr.write(`${paint(YELLOW, 'warning')} ${message}\n`);
    },
    error: (message) => stderr.write(`${paint(RED, 'error')} ${message}\n`),
    functionLine: (functionName, line) => {
      if (!wanted(functionName)) return;
      const text = line.endsWith('\n') ? line : `${line}\n`;
      stdout.write(`${paint(CYAN, `[${functionName}]`)} ${colour ? `${DIM}${text.trimEnd()}${RESET}\n` : text}`);
    },
  };
}

/** Discards everything. */
export const silentLog: Log = {
  info() {},
  warn() {},
  error() {},
  functionLine() {},
  wantsFunctionLines: () => false,
  requestLine() {},
  wantsRequestLines: () => false,
};

export interface MemoryLog extends Log {
  lines: string[];
  functionLines: Array<{ functionName: string; line: string }>;
  /** Request lines as the console prints them, without colours. */
  requestLines: string[];
}

/** Keeps every line in memory, for tests and the console. */
export function memoryLog(options: { format?: LogFormat } = {}): MemoryLog {
  const lines: string[] = [];
  const functionLines: Array<{ functionName: string; line: string }> = [];
  const requestLines: string[] = [];
  const format = options.format ?? 'text';
  return {
    lines,
    functionLines,
    requestLines,
    requestLine: (line) => requestLines.push(formatRequestLine(line, format)),
    wantsRequestLines: () => true,
    info: (message) => lines.push(`info ${message}`),
    warn: (message) => lines.push(`warn ${message}`),
    error: (message) => lines.push(`error ${message}`),
    functionLine: (functionName, line) => functionLines.push({ functionName, line }),
    wantsFunctionLines: () => true,
  };
}

/** Formats values as console.log would, without colours. */
export function formatValues(values: readonly unknown[]): string {
  return formatWithOptions({ colors: false }, ...values);
}
