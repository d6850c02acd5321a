/** `hoplite connect URL`: a `ws`-like terminal client: `> ` for what you send, `< ` for what arrives. */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createInterface } from 'node:readline';
import { rootCertificates } from 'node:tls';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { HopliteError } from '../errors.ts';
import { certificatePath, defaultCertificateDir } from '../internal/tls.ts';
import type { CliIo } from './io.ts';

export const CONNECT_USAGE = `Usage: hoplite connect <url> [options]

Opens a WebSocket connection; each line you type is sent as a text message, each message received prints as "< message".

Options:
  -x, --execute <msg>     send this message after connecting (repeatable), print what arrives, then exit
  -w, --wait <ms>         with -x: how long to wait for messages before closing (default: 1000)
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
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );

  if (options.execute.length > 0) return runScripted(socket, options, io, closed);
  return runInteractive(socket, io, closed);
}

async function runScripted(socket: WebSocket, options: ConnectOptions, io: CliIo, closed: Promise<{ code: number; reason: string }>): Promise<number> {
  socket.on('message', (data, isBinary) => io.stdout.write(`< ${describe(data, isBinary)}\n`));
  for (const message of options.execute) {
    io.stdout.write(`> ${message}\n`);
    socket.send(message);
  }
  const waited = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), options.waitMs));
  const first = await Promise.race([waited, closed]);
  if (first === 'waited') {
    socket.close(1000);
    await closed;
    return 0;
  }
  io.stdout.write(`disconnected (code: ${first.code}, reason: "${first.reason}")\n`);
  return 0;
}

async function runInteractive(socket: WebSocket, io: CliIo, closed: Promise<{ code: number; reason: string }>): Promise<number> {
  io.stdout.write('connected (press Ctrl-C or Ctrl-D to quit)\n');
  const prompt = createInterface({ input: io.stdin, output: io.stdout, terminal: Boolean(io.stdin.isTTY && io.stdout.isTTY), prompt: '> ' });
  const tty = Boolean(io.stdout.isTTY);
  prompt.prompt();
  prompt.on('line', (line) => {
    if (line !== '') socket.send(line);
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
  const { code, reason } = await closed;
  prompt.removeListener('close', quit);
  prompt.close();
  if (!userQuit) io.stdout.write(`\ndisconnected (code: ${code}, reason: "${reason}")\n`);
  else io.stdout.write('\n');
  return 0;
}
