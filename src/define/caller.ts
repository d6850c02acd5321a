/** Finds the file that called into the builder, so that a service's paths resolve against its own folder. */
import { findSourceMap } from 'node:module';
import { dirname, isAbsolute, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Hoplite's own code: `src/` in a checkout, `dist/` in a package (this file is `<root>/{src,dist}/define/`). */
const PACKAGE_ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const OWN_FOLDERS = [`${PACKAGE_ROOT}${sep}src${sep}`, `${PACKAGE_ROOT}${sep}dist${sep}`];
/** Hoplite's own tests define services too, and they are callers like any other. */
const TEST_FILE = /\.test\.[cm]?[jt]s$/;

/**
 * A frame's file as a path: a `file:` URL (ES modules, tsx's namespaced `?tsx-namespace=` ones), a path
 * (CommonJS), or the `data:` URL tsx evaluates a TypeScript file compiled to CommonJS as, which ends in
 * `?filePath=<the file>`. Null when the frame has a location that names no file (eval, a REPL).
 */
function framePath(fileName: string): string | null {
  if (fileName.startsWith('file:')) return fileURLToPath(fileName);
  if (isAbsolute(fileName)) return fileName.replace(/\?.*$/, '');
  const tsxFilePath = fileName.startsWith('data:') ? /\?filePath=([^?&]+)$/.exec(fileName) : null;
  if (tsxFilePath?.[1]) return decodeURIComponent(tsxFilePath[1]).replace(/\?.*$/, '');
  return null;
}

/** Frames of the engine itself (native functions, `node:internal/…`): they call user code, never define it. */
function isRuntimeFrame(fileName: string | undefined | null): boolean {
  return !fileName || fileName.startsWith('node:');
}

function isOwnFile(path: string): boolean {
  return OWN_FOLDERS.some((folder) => path.startsWith(folder)) && !TEST_FILE.test(path);
}

/** The structured call sites of the current stack, read through V8's API and left as they were. */
function callSites(): NodeJS.CallSite[] {
  const { prepareStackTrace, stackTraceLimit } = Error;
  try {
    Error.stackTraceLimit = 50;
    Error.prepareStackTrace = (_error, sites) => sites;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, callSites);
    return Array.isArray(holder.stack) ? (holder.stack as NodeJS.CallSite[]) : [];
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * The file of the first frame outside Hoplite's own files: the code that called the builder. Undefined when
 * that code has no file (a REPL, eval): a guess further down the stack would name the wrong folder.
 */
export function callerFile(): string | undefined {
  return callerSite()?.path;
}

/** The line in the file as written: a TypeScript file runs compiled, and its source map knows the original line. */
function sourceLine(fileName: string, site: NodeJS.CallSite): number | null {
  const line = site.getLineNumber();
  if (line === null) return null;
  const entry = findSourceMap(fileName)?.findEntry(line - 1, (site.getColumnNumber() ?? 1) - 1) as { originalLine?: number } | undefined;
  return entry?.originalLine === undefined ? line : entry.originalLine + 1;
}

/** `file:line` of that call, for errors that point at it. */
export function callerLocation(): string | undefined {
  const caller = callerSite();
  return caller && (caller.line === null ? caller.path : `${caller.path}:${caller.line}`);
}

function callerSite(): { path: string; line: number | null } | undefined {
  for (const site of callSites()) {
    const fileName = site.getFileName();
    if (isRuntimeFrame(fileName)) continue;
    const path = framePath(fileName as string);
    if (path === null) return undefined;
    if (!isOwnFile(path)) return { path, line: sourceLine(fileName as string, site) };
  }
  return undefined;
}
