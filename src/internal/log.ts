/** The log sink every part writes to; injected, never global. */
import { formatWithOptions } from 'node:util';

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** One line of a function's log stream: START/END/REPORT and the handler's own output. */
  functionLine(functionName: string, line: string): void;
  /** Whether `functionLine` keeps this function's lines: when not, they need not be formatted at all. */
  wantsFunctionLines(functionName: string): boolean;
}

export interface ConsoleLogOptions {
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream;
  /** Drop function log lines (START/END/REPORT and handler output). */
  quiet?: boolean;
  /** Print the log lines of these functions only. */
  functions?: readonly string[];
}

const DIM = '\u001b[2m';
const CYAN = '\u001b[36m';
const YELLOW = '\u001b[33m';
const RED = '\u001b[31m';
const RESET = '\u001b[0m';

/** Writes to the terminal; colours only when stdout is a TTY. */
export function consoleLog(options: ConsoleLogOptions = {}): Log {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const colour = Boolean(stdout.isTTY);
  const paint = (code: string, text: string) => (colour ? `${code}${text}${RESET}` : text);
  const wanted = (functionName: string) => !options.quiet && (!options.functions || options.functions.includes(functionName));
  return {
    wantsFunctionLines: wanted,
    info: (message) => stdout.write(`${message}\n`),
    warn: (message) => stderr.write(`${paint(YELLOW, 'warning')} ${message}\n`),
    error: (message) => stderr.write(`${paint(RED, 'error')} ${message}\n`),
    functionLine: (functionName, line) => {
      if (!wanted(functionName)) return;
      const text = line.endsWith('\n') ? line : `${line}\n`;
      stdout.write(`${paint(CYAN, `[${functionName}]`)} ${colour ? `${DIM}${text.trimEnd()}${RESET}\n` : text}`);
    },
  };
}

/** Discards everything. */
export const silentLog: Log = { info() {}, warn() {}, error() {}, functionLine() {}, wantsFunctionLines: () => false };

/** Keeps every line in memory, for tests and the console. */
export function memoryLog(): Log & { lines: string[]; functionLines: Array<{ functionName: string; line: string }> } {
  const lines: string[] = [];
  const functionLines: Array<{ functionName: string; line: string }> = [];
  return {
    lines,
    functionLines,
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
