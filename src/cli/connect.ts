/** `hoplite connect URL`: a `ws`-like terminal client: `> ` for what you send, `< ` for what arrives. */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createInterface } from 'node:readline';
import { rootCertificates } from 'node:tls';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { HopliteError } from '../errors.ts';
import { certificatePath, defaultCertificateDir } from '../internal/tls.ts';
import { WEBSOCKET_LIMITS } from '../limits.ts';
import { closeExitCode, closeMeaning } from './close-meaning.ts';
import type { CliIo } from './io.ts';

export const CONNECT_USAGE = `Usage: hoplite connect <url> [options]

Opens a WebSocket connection; each line you type is sent as a text message, each message received prints as "< message".
Lines read from a pipe or a file are sent the same way, without "> " prompts. A message over 32 KB is sent in
frames of at most 32 KB, as AWS's clients send it.

Exit status: 0 when you quit or the server closes normally (1000); 1 when the handshake is refused, the server
cannot be reached, or the server closes with another code (1001 going away or idle timeout, 1003 binary not
supported, 1006 abnormal closure, 1009 message too big, ...), which is printed with what it means.

Options:
  -x, --execute <msg>     send this message after connecting (repeatable), print what arrives, then exit
  -w, --wait <ms>         after -x, or at the end of piped input: how long to wait for messages before closing (default: 1000)
  -H, --header <h>        add an upgrade header, "Name: value" (repeatable)
  -s, --subprotocol <p>   offer a subprotocol (repeatable)
      --ca <file>         trust this certificate for wss:// (Hoplite's local certificate is trusted already)
  -k, --insecure          do not verify the server's certificate
  -h, --help              show this help`;

interface ConnectOptions {
  url: string;
  execute: string[];
  waitMs: number;
  headers: Record<string, string>;
  subprotocols: string[];
  ca: string[] | undefined;
  insecure: boolean;
}

function usageError(message: string): HopliteError {
  return new HopliteError('HOPLITE_ERR_CLI_USAGE', `${message}\n${CONNECT_USAGE}`);
}

function parseConnectArgs(argv: string[], io: CliIo): ConnectOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      execute: { type: 'string', short: 'x', multiple: true },
      wait: { type: 'string', short: 'w' },
      header: { type: 'string', short: 'H', multiple: true },
      subprotocol: { type: 'string', short: 's', multiple: true },
      ca: { type: 'string' },
      insecure: { type: 'boolean', short: 'k' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const [url, ...extra] = positionals;
  if (!url) throw usageError('expected a URL, e.g. hoplite connect ws://127.0.0.1:3001/v1');
  if (extra.length > 0) throw usageError(`expected one URL, got also ${extra.join(' ')}`);
  if (!/^wss?:\/\//.test(url)) throw usageError(`expected a ws:// or wss:// URL, got "${url}"`);
  const waitMs = values.wait === undefined ? 1000 : Number(values.wait);
  if (!Number.isInteger(waitMs) || waitMs < 0) throw usageError(`--wait: expected milliseconds, got "${values.wait}"`);
  const headers: Record<string, string> = {};
  for (const header of values.header ?? []) {
    const colon = header.indexOf(':');
    if (colon <= 0) throw usageError(`--header: expected "Name: value", got "${header}"`);
    headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
  }
  // Trust Hoplite's own local certificate, so `wss://` to `hoplite dev` just works.
  const ca: string[] = [];
  const local = certificatePath(defaultCertificateDir(io.env));
  if (existsSync(local)) ca.push(readFileSync(local, 'utf8'));
  if (values.ca) {
    try {
      ca.push(readFileSync(values.ca, 'utf8'));
    } catch (error) {
      throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--ca: cannot read ${values.ca}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  return {
    url,
    execute: values.execute ?? [],
    waitMs,
    headers,
    subprotocols: values.subprotocol ?? [],
    ca: ca.length > 0 ? [...rootCertificates, ...ca] : undefined,
    insecure: Boolean(values.insecure),
  };
}

/** AWS's limit on one frame: longer messages go out as continuation frames, reassembled by the server (WS-80). */
const MAX_FRAME_BYTES = WEBSOCKET_LIMITS.maxFrameBytes;

/** Sends a text message, fragmented into frames of at most `MAX_FRAME_BYTES` (the frames of one message stay together). */
export function sendText(socket: WebSocket, message: string): void {
  const bytes = Buffer.from(message, 'utf8');
  if (bytes.length <= MAX_FRAME_BYTES) {
    socket.send(message);
    return;
  }
  for (let offset = 0; offset < bytes.length; offset += MAX_FRAME_BYTES) {
    const end = Math.min(offset + MAX_FRAME_BYTES, bytes.length);
    socket.send(bytes.subarray(offset, end), { binary: false, fin: end === bytes.length });
  }
}

type Closed = { code: number; reason: string };

/** Prints how the server closed the connection and what the code means; the exit status follows from the code. */
function reportClose({ code, reason }: Closed, io: CliIo, leadingNewline: boolean): number {
  const { normal, meaning } = closeMeaning(code);
  const line = `disconnected (code: ${code}, reason: "${reason}"): ${meaning}\n`;
  if (normal) io.stdout.write(`${leadingNewline ? '\n' : ''}${line}`);
  else {
    if (leadingNewline) io.stdout.write('\n');
    io.stderr.write(`error: ${line}`);
  }
  return closeExitCode(code);
}

function describe(data: WebSocket.RawData, isBinary: boolean): string {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  return isBinary ? `<binary ${buffer.length} bytes>` : buffer.toString('utf8');
}

export async function runConnect(argv: string[], io: CliIo): Promise<number> {
  const options = parseConnectArgs(argv, io);
  if (options === 'help') {
    io.stdout.write(`${CONNECT_USAGE}\n`);
    return 0;
  }
  const socket = new WebSocket(options.url, options.subprotocols, {
    headers: options.headers,
    perMessageDeflate: false,
    ...(options.ca ? { ca: options.ca } : {}),
    rejectUnauthorized: !options.insecure,
  });

  const opened = await new Promise<{ ok: true } | { ok: false; message: string }>((resolve) => {
    socket.once('open', () => resolve({ ok: true }));
    socket.once('unexpected-response', (_request, response: IncomingMessage) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ ok: false, message: `Unexpected server response: ${response.statusCode}${body ? ` ${body}` : ''}` }));
      response.on('error', () => resolve({ ok: false, message: `Unexpected server response: ${response.statusCode}` }));
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, message: error.code === 'ECONNREFUSED' ? `cannot connect to ${options.url} (connection refused)` : error.message }),
    );
  });
  if (!opened.ok) {
    socket.terminate();
    io.stderr.write(`error: ${opened.message}\n`);
    return 1;
  }
  socket.on('error', (error) => io.stderr.write(`error: ${error.message}\n`));
  if (socket.protocol) io.stdout.write(`subprotocol: ${socket.protocol}\n`);
  const closed = new Promise<Closed>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));

  if (options.execute.length > 0) return runScripted(socket, options, io, closed);
  if (io.stdin.isTTY) return runInteractive(socket, io, closed);
  return runPiped(socket, options, io, closed);
}

/** Waits `waitMs` for what still arrives, then closes; a close by the server first is reported instead. */
async function closeAfterWait(socket: WebSocket, waitMs: number, io: CliIo, closed: Promise<Closed>): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<'waited'>((resolve) => {
    timer = setTimeout(() => resolve('waited'), waitMs);
  });
  const first = await Promise.race([waited, closed]);
  clearTimeout(timer);
  if (first === 'waited') {
    socket.close(1000);
    await closed;
    return 0;
  }
  return reportClose(first, io, false);
}

async function runScripted(socket: WebSocket, options: ConnectOptions, io: CliIo, closed: Promise<Closed>): Promise<number> {
  socket.on('message', (data, isBinary) => io.stdout.write(`< ${describe(data, isBinary)}\n`));
  for (const message of options.execute) {
    io.stdout.write(`> ${message}\n`);
    sendText(socket, message);
  }
  return closeAfterWait(socket, options.waitMs, io, closed);
}

/** Standard input is a pipe or a file: each line is a message, no prompts; at its end, wait `--wait` ms and close. */
async function runPiped(socket: WebSocket, options: ConnectOptions, io: CliIo, closed: Promise<Closed>): Promise<number> {
  io.stdout.write('connected\n');
  socket.on('message', (data, isBinary) => io.stdout.write(`< ${describe(data, isBinary)}\n`));
  const lines = createInterface({ input: io.stdin, terminal: false });
  lines.on('line', (line) => {
    if (line !== '' && socket.readyState === WebSocket.OPEN) sendText(socket, line);
  });
  const ended = new Promise<'ended'>((resolve) => lines.once('close', () => resolve('ended')));
  const first = await Promise.race([ended, closed]);
  if (first !== 'ended') {
    lines.close();
    return reportClose(first, io, false);
  }
  return closeAfterWait(socket, options.waitMs, io, closed);
}

async function runInteractive(socket: WebSocket, io: CliIo, closed: Promise<Closed>): Promise<number> {
  io.stdout.write('connected (press Ctrl-C or Ctrl-D to quit)\n');
  const prompt = createInterface({ input: io.stdin, output: io.stdout, terminal: Boolean(io.stdin.isTTY && io.stdout.isTTY), prompt: '> ' });
  const tty = Boolean(io.stdout.isTTY);
  prompt.prompt();
  prompt.on('line', (line) => {
    if (line !== '') sendText(socket, line);
    prompt.prompt();
  });
  socket.on('message', (data, isBinary) => {
    // Print above the line being typed, then redraw the prompt with what was typed so far.
    if (tty) io.stdout.write('\r\u001b[2K');
    else io.stdout.write('\n');
    io.stdout.write(`< ${describe(data, isBinary)}\n`);
    prompt.prompt(true);
  });
  let userQuit = false;
  const quit = () => {
    userQuit = true;
    if (socket.readyState === WebSocket.OPEN) socket.close(1000);
  };
  prompt.on('close', quit);
  prompt.on('SIGINT', () => prompt.close());
  const result = await closed;
  prompt.removeListener('close', quit);
  prompt.close();
  if (userQuit) {
    io.stdout.write('\n');
    return 0;
  }
  return reportClose(result, io, true);
}
